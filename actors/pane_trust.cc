#include "actors/pane_trust.h"

#include <thread>

#include <spdlog/spdlog.h>

#include "actors/append_blocking.h"
#include "actors/leader_inbox.h"
#include "events/types.h"
#include "terminal/screen.h"
#include "terminal/tmux_ops.h"
#include "terminal/trust_prompt.h"
#include "util/clock.h"

namespace ta::actors {

namespace {

using Clock = std::chrono::steady_clock;

struct Look {
  bool captured = false;
  bool dead = false;  // the pane's process is gone: its last screen is history
  std::optional<terminal::TrustPromptVerdict> prompt;
};

// One look at the pane, with its width queried live: a long path wrapped or
// cut at the right edge is matched knowing where that edge is.
Look look(const PaneTarget& pane, const TrustPolicy& policy) {
  Look out;
  terminal::TrustContext ctx;
  ctx.workspace = policy.workspace;
  ctx.home = policy.home;
  auto info = terminal::pane_info(*pane.tmux, pane.pane_id);
  if ((info && info->dead) || (!info && tmux_reachable(*pane.tmux))) {
    out.dead = true;
    return out;
  }
  if (info && info->width > 0) ctx.pane_width = info->width;
  auto text = terminal::capture_pane(*pane.tmux, pane.pane_id);
  if (!text) return out;
  out.captured = true;
  out.prompt = terminal::inspect_trust_prompt(terminal::normalise_capture(*text), *pane.profile, ctx);
  return out;
}

// Waits up to `wait` for the prompt to leave the screen. A capture that
// fails says nothing, so it never counts as "gone".
bool prompt_went_away(const PaneTarget& pane, const TrustPolicy& policy) {
  const auto deadline = Clock::now() + policy.prompt_wait;
  std::uint64_t seen = pane.changes ? pane.changes->version(pane.pane_id) : 0;
  for (;;) {
    auto l = look(pane, policy);
    if (l.dead || (l.captured && !l.prompt)) return true;
    if (Clock::now() >= deadline) return false;
    auto step = std::min(deadline, Clock::now() + std::chrono::milliseconds(100));
    if (pane.changes)
      seen = pane.changes->wait(pane.pane_id, seen, step);
    else
      std::this_thread::sleep_until(step);
  }
}

void record(caf::actor_system& sys, const store_writer_actor& writer,
            std::vector<events::Draft> drafts) {
  if (auto r = append_blocking(sys, writer, std::move(drafts)); !r)
    spdlog::error("cannot record a trust prompt event: {}", r.error().message);
}

// The last attempt failed: the parked message fails with it. A message for
// the leader goes to its inbox file instead of being lost.
std::vector<events::Draft> exhausted_events(const PaneTarget& pane, const Delivery& m,
                                            int attempts) {
  const std::string reason = "trust_auto_answer_exhausted";
  std::vector<events::Draft> drafts{
    events::to_draft(events::TrustExhausted{pane.agent_id, m.message_id, attempts}),
    failed_without_inject(m, reason, "gate", "trust_prompt")};
  if (pane.leader)
    drafts.push_back(leader_inbox_fallback(pane.leader->inbox_path, pane.leader->session, m, reason));
  return drafts;
}

std::string shown_path(const terminal::TrustPromptVerdict& v) {
  if (!v.matched_path.empty()) return v.matched_path;
  return v.paths.empty() ? std::string{} : v.paths.front();
}

}  // namespace

std::string pane_timer_owner(const std::string& agent_id) { return "pane_actor:" + agent_id; }

std::string trust_timer_id(const std::string& message_id, int attempt) {
  return "trust_" + message_id + "_" + std::to_string(attempt);
}

TrustStep handle_trust_prompt(caf::actor_system& sys, const store_writer_actor& writer,
                              const PaneTarget& pane, const TrustPolicy& policy,
                              const Delivery& m, int attempt) {
  const auto& agent = pane.agent_id;
  if (attempt > kTrustMaxAttempts) {
    // Resumed after a restart past the last attempt: nothing more to try.
    record(sys, writer, exhausted_events(pane, m, kTrustMaxAttempts));
    return TrustStep::exhausted;
  }
  auto l = look(pane, policy);
  if (l.dead) return TrustStep::pane_exited;
  if (l.captured && !l.prompt) {
    if (attempt > 1)
      record(sys, writer,
             {events::to_draft(events::TrustRetrySkipped{agent, m.message_id, attempt, "prompt_gone"})});
    return TrustStep::prompt_gone;
  }
  if (!l.prompt) return TrustStep::not_answered;  // cannot see the pane: the gate decides
  auto decision = terminal::decide_trust_answer(*l.prompt, policy.opted_in);
  const std::string path = shown_path(*l.prompt);
  if (!decision.answer) {
    if (decision.reason == "not_opted_in")
      record(sys, writer, {events::to_draft(events::TrustAutoSkipped{agent, m.message_id, decision.reason})});
    else if (decision.reason == "workspace_dir_mismatch")
      record(sys, writer, {events::to_draft(events::TrustAutoRefused{
                            agent, m.message_id, decision.reason, path, policy.workspace})});
    else
      record(sys, writer, {events::to_draft(
                            events::TrustAutoFailed{agent, m.message_id, attempt, decision.reason})});
    return TrustStep::not_answered;
  }
  if (auto st = terminal::send_keys(*pane.tmux, pane.pane_id, {"Enter"}); !st) {
    record(sys, writer,
           {events::to_draft(events::TrustAutoFailed{agent, m.message_id, attempt, "enter_failed"})});
    return TrustStep::not_answered;
  }
  record(sys, writer,
         {events::to_draft(events::TrustAutoAnswered{agent, m.message_id, attempt, path})});
  if (prompt_went_away(pane, policy)) return TrustStep::answered;

  std::vector<events::Draft> drafts;
  drafts.push_back(events::to_draft(events::TrustRetryNeeded{agent, m.message_id, attempt}));
  if (attempt >= kTrustMaxAttempts) {
    for (auto& d : exhausted_events(pane, m, attempt)) drafts.push_back(std::move(d));
    record(sys, writer, std::move(drafts));
    return TrustStep::exhausted;
  }
  const int next = attempt + 1;
  auto backoff = policy.backoff[static_cast<std::size_t>(
    std::min<int>(attempt - 1, static_cast<int>(policy.backoff.size()) - 1))];
  const std::string due =
    format_rfc3339_micros(now_micros() + std::chrono::duration_cast<std::chrono::microseconds>(backoff).count());
  const std::string schedule_id = trust_timer_id(m.message_id, next);
  events::ScheduleCreated timer{schedule_id, "trust_retry", pane_timer_owner(agent), due,
                                events::Json{{"message_id", m.message_id}, {"attempt", next}}};
  drafts.push_back(events::to_draft(timer, schedule_id));
  drafts.push_back(events::to_draft(events::TrustRetryScheduled{
    agent, m.message_id, next, kTrustMaxAttempts,
    std::chrono::duration<double>(backoff).count(), due, schedule_id}));
  record(sys, writer, std::move(drafts));
  return TrustStep::parked;
}

}  // namespace ta::actors
