#include "actors/pane_trust.h"

#include <thread>

#include <spdlog/spdlog.h>

#include "actors/append_blocking.h"
#include "actors/leader_inbox.h"
#include "actors/timer_kind.h"
#include "events/types.h"
#include "terminal/screen.h"
#include "terminal/tmux_ops.h"
#include "terminal/trust_prompt.h"
#include "util/clock.h"
#include "util/redact.h"

namespace ta::actors {

namespace {

using Clock = std::chrono::steady_clock;

struct Look {
  bool captured = false;
  bool dead = false;  // the pane's process is gone: its last screen is history
  terminal::Screen screen;
  std::optional<terminal::TrustPromptVerdict> prompt;
};

// One look at the pane, with its width queried live: a long path wrapped or
// cut at the right edge is matched knowing where that edge is. The
// repository root is looked up here, on the I/O thread, so that the
// classifier stays pure.
Look look(const PaneTarget& pane, const TrustPolicy& policy) {
  Look out;
  terminal::TrustContext ctx;
  ctx.workspace = policy.workspace;
  ctx.home = policy.home;
  ctx.repository_root = policy.repository_root;
  ctx.repository_allowed = policy.scope == config::TrustScope::repository;
  auto info = terminal::pane_info(*pane.tmux, pane.pane_id);
  if ((info && info->dead) || (!info && tmux_reachable(*pane.tmux))) {
    out.dead = true;
    return out;
  }
  if (info && info->width > 0) ctx.pane_width = info->width;
  auto text = terminal::capture_pane(*pane.tmux, pane.pane_id);
  if (!text) return out;
  out.captured = true;
  out.screen = terminal::normalise_capture(*text);
  out.prompt = terminal::inspect_trust_prompt(out.screen, *pane.profile, ctx);
  return out;
}

// Looks until `done` says a look settles it or `wait` runs out; the last
// look either way. Waits on the pane's changes rather than polling blind.
template <typename Done>
Look look_until(const PaneTarget& pane, const TrustPolicy& policy,
                std::chrono::milliseconds wait, Done done) {
  const auto deadline = Clock::now() + wait;
  std::uint64_t seen = pane.changes ? pane.changes->version(pane.pane_id) : 0;
  for (;;) {
    auto l = look(pane, policy);
    if (done(l) || Clock::now() >= deadline) return l;
    auto step = std::min(deadline, Clock::now() + std::chrono::milliseconds(100));
    if (pane.changes)
      seen = pane.changes->wait(pane.pane_id, seen, step);
    else
      std::this_thread::sleep_until(step);
  }
}

// Looks on from `l` until the screen has not changed for policy.steady (or
// the prompt is gone, or prompt_wait runs out); the last look. A key pressed
// while the CLI draws its prompt again is lost, and an Enter may land on the
// redrawn default (Claude's "No, exit"): keys go only to a steady screen.
Look look_when_steady(const PaneTarget& pane, const TrustPolicy& policy, Look l) {
  const auto deadline = Clock::now() + policy.prompt_wait;
  auto since = Clock::now();
  for (;;) {
    if (l.dead || !l.captured || !l.prompt) return l;
    const auto now = Clock::now();
    if (now - since >= policy.steady || now >= deadline) return l;
    const auto step = std::min(deadline, since + policy.steady);
    if (pane.changes)
      (void)pane.changes->wait(pane.pane_id, pane.changes->version(pane.pane_id), step);
    else
      std::this_thread::sleep_until(step);
    auto next = look(pane, policy);
    if (!next.captured || next.screen.text() != l.screen.text()) since = Clock::now();
    l = std::move(next);
  }
}

// A capture that fails says nothing, so it never counts as "gone"; a dead
// pane's prompt is gone with its process.
bool gone(const Look& l) { return l.dead || (l.captured && !l.prompt); }

// Waits up to prompt_wait for the prompt to leave the screen.
bool prompt_went_away(const PaneTarget& pane, const TrustPolicy& policy) {
  return gone(look_until(pane, policy, policy.prompt_wait, gone));
}

// The prompt's screen as it goes into an event: the one place pane text
// enters a trust event, so the one place it is redacted.
std::string trust_screen_excerpt(const terminal::Screen& screen) {
  return redact_secrets(screen.text());
}

// The accepting option `d.option` is the selected one now, and the prompt
// would still be answered (same paths, same scope) with a plain Enter.
bool shows_accepting_selected(const Look& l, const TrustPolicy& policy,
                              const terminal::TrustDecision& d) {
  if (!l.prompt) return false;
  auto again = terminal::decide_trust_answer(*l.prompt, policy.opted_in);
  return again.answer && again.keys.empty() && again.option == d.option;
}

void record(caf::actor_system& sys, const store_writer_actor& writer,
            std::vector<events::Draft> drafts) {
  if (auto r = append_blocking(sys, writer, std::move(drafts)); !r)
    spdlog::error("cannot record a trust prompt event: {}", r.error().message);
}

events::Draft failed(const std::string& agent, const Delivery& m, int attempt,
                     std::string reason, std::string detail = "", std::string screen = "") {
  return events::to_draft(events::TrustAutoFailed{agent, m.message_id, attempt, std::move(reason),
                                                  std::move(detail), std::move(screen)});
}

// Why the prompt is left alone, recorded as the event the reason belongs to.
events::Draft refusal(const std::string& agent, const Delivery& m, int attempt,
                      const TrustPolicy& policy, const terminal::TrustDecision& d,
                      const Look& l) {
  if (d.reason == "not_opted_in")
    return events::to_draft(events::TrustAutoSkipped{agent, m.message_id, d.reason});
  if (d.reason == "workspace_dir_mismatch" || d.reason == "repository_root_not_allowed")
    return events::to_draft(
      events::TrustAutoRefused{agent, m.message_id, d.reason, d.path, policy.workspace});
  if (d.reason == "unrecognized_options")
    return failed(agent, m, attempt, d.reason, l.prompt->options.problem,
                  trust_screen_excerpt(l.screen));
  return failed(agent, m, attempt, d.reason);
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

// Moves the selection onto the accepting option with arrow keys, then reads
// the screen back: Enter is pressed only on what the screen shows selected,
// never on a guess. nullopt when Enter may be pressed; otherwise the step
// to return, its event recorded and nothing more pressed.
std::optional<TrustStep> select_accepting(caf::actor_system& sys, const store_writer_actor& writer,
                                          const PaneTarget& pane, const TrustPolicy& policy,
                                          const Delivery& m, int attempt,
                                          const terminal::TrustDecision& d) {
  if (d.keys.empty()) return std::nullopt;  // already selected
  const auto& agent = pane.agent_id;
  if (!terminal::send_keys(*pane.tmux, pane.pane_id, d.keys)) {
    record(sys, writer, {failed(agent, m, attempt, "keys_failed")});
    return TrustStep::not_answered;
  }
  auto back = look_until(pane, policy, policy.readback_wait, [&](const Look& r) {
    return gone(r) || shows_accepting_selected(r, policy, d);
  });
  if (shows_accepting_selected(back, policy, d)) back = look_when_steady(pane, policy, back);
  if (shows_accepting_selected(back, policy, d)) return std::nullopt;
  if (back.dead) return TrustStep::pane_exited;
  if (gone(back)) {
    record(sys, writer, {failed(agent, m, attempt, "prompt_changed",
                                "the prompt went away after the arrow keys, before Enter")});
    return TrustStep::prompt_gone;
  }
  record(sys, writer,
         {failed(agent, m, attempt, "unrecognized_options",
                 "after the arrow keys the screen did not show '" + d.option + "' selected",
                 trust_screen_excerpt(back.screen))});
  return TrustStep::not_answered;
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
  auto l = look_when_steady(pane, policy, look(pane, policy));
  if (l.dead) return TrustStep::pane_exited;
  if (l.captured && !l.prompt) {
    if (attempt > 1)
      record(sys, writer,
             {events::to_draft(events::TrustRetrySkipped{agent, m.message_id, attempt, "prompt_gone"})});
    return TrustStep::prompt_gone;
  }
  if (!l.prompt) return TrustStep::not_answered;  // cannot see the pane: the gate decides
  auto decision = terminal::decide_trust_answer(*l.prompt, policy.opted_in);
  if (!decision.answer) {
    record(sys, writer, {refusal(agent, m, attempt, policy, decision, l)});
    return TrustStep::not_answered;
  }
  if (auto stop = select_accepting(sys, writer, pane, policy, m, attempt, decision)) return *stop;
  if (auto st = terminal::send_keys(*pane.tmux, pane.pane_id, {"Enter"}); !st) {
    record(sys, writer, {failed(agent, m, attempt, "enter_failed")});
    return TrustStep::not_answered;
  }
  record(sys, writer,
         {events::to_draft(events::TrustAutoAnswered{
           agent, m.message_id, attempt, decision.path, decision.option,
           decision.keys.empty() ? "preselected" : "keys", decision.keys})});
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
  events::ScheduleCreated timer{schedule_id, timer_kind_name(TimerKind::trust_retry),
                                pane_timer_owner(agent), due,
                                events::Json{{"message_id", m.message_id}, {"attempt", next}}};
  drafts.push_back(events::to_draft(timer, schedule_id));
  drafts.push_back(events::to_draft(events::TrustRetryScheduled{
    agent, m.message_id, next, kTrustMaxAttempts,
    std::chrono::duration<double>(backoff).count(), due, schedule_id}));
  record(sys, writer, std::move(drafts));
  return TrustStep::parked;
}

}  // namespace ta::actors
