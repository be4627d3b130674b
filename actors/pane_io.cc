#include "actors/pane_io.h"

#include <functional>
#include <thread>

#include <spdlog/spdlog.h>

#include "actors/append_blocking.h"
#include "actors/leader_inbox.h"
#include "config/team_spec.h"
#include "events/types.h"
#include "terminal/activity.h"
#include "terminal/inject.h"
#include "terminal/message_text.h"
#include "terminal/non_input.h"
#include "terminal/readiness.h"
#include "terminal/screen.h"
#include "terminal/tmux_control.h"
#include "terminal/tmux_ops.h"
#include "util/clock.h"
#include "util/processes.h"
#include "util/redact.h"

namespace ta::actors {

namespace {

// "Just before" an API error: a leader→worker message submitted this recently.
constexpr std::int64_t kDispatchWindowMs = 60'000;

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
           std::chrono::steady_clock::now().time_since_epoch())
    .count();
}

}  // namespace

bool tmux_reachable(terminal::TmuxRunner& tmux) {
  // A control connection that is down says nothing about the pane.
  if (auto* control = dynamic_cast<terminal::TmuxControl*>(&tmux)) return control->connected();
  return true;
}

namespace {

// A pane tmux does not list is gone only if tmux itself still answers. A
// server going down (kill-server) drops its panes a moment before our
// control connection to it closes, so the connection and the server are
// asked again a moment later: a pane of a dead server is not an exited one.
bool pane_known_missing(terminal::TmuxRunner& tmux) {
  if (!tmux_reachable(tmux)) return false;
  auto* control = dynamic_cast<terminal::TmuxControl*>(&tmux);
  if (!control) return true;
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  return control->connected() && control->server().running();
}

}  // namespace

PaneScreen read_pane_screen(const PaneTarget& pane) {
  PaneScreen out;
  auto& tmux = *pane.tmux;
  auto info = terminal::pane_info(tmux, pane.pane_id);
  if (!info) {
    if (pane_known_missing(tmux)) {
      out.state = "exited";  // the pane is gone (killed, or its window closed)
      out.dead = true;
    }
    return out;
  }
  if (info->dead) {
    out.state = "exited";
    out.dead = true;
    out.exit_code = info->dead_status;
    return out;
  }
  auto text = terminal::capture_pane(tmux, pane.pane_id);
  if (!text) return out;
  // Redacted before anything is cut from it: a window or the last lines taken
  // from a screen could otherwise start inside a key and keep its tail.
  const std::string redacted = redact_secrets(*text);
  auto screen = terminal::normalise_capture(redacted);
  out.screen_hash = std::hash<std::string>{}(*text);
  if (pane.approvals)
    out.approval = terminal::inspect_tool_approval(terminal::visible_lines(redacted),
                                                   pane.profile->screen);
  if (pane.leader) {
    out.api_error = terminal::detect_api_error(screen, *pane.profile);
    out.notice = terminal::detect_notice(screen, *pane.profile);
  }
  auto blocking = terminal::classify_non_input(screen, *pane.profile);
  if (blocking.blocks_input()) {
    out.state = terminal::non_input_state_name(blocking.state);
    return out;
  }
  // A profile that knows its CLI's composer also knows when the CLI draws
  // it before it accepts input (a splash): that screen is not idle.
  if (!pane.profile->screen.composer.start.empty() &&
      terminal::classify_readiness(*text, *pane.profile).state == terminal::Readiness::starting) {
    out.state = "starting";
    return out;
  }
  terminal::ActivityInput in;
  in.pane_in_mode = info->in_mode;
  if (!info->current_command.empty()) in.current_command = info->current_command;
  out.state = terminal::activity_name(terminal::classify_activity(screen, *pane.profile, in).status);
  return out;
}

void watch_leader_screen(caf::actor_system& sys, const store_writer_actor& writer,
                         const PaneTarget& pane, const PaneScreen& screen) {
  if (!pane.leader || screen.state == "unknown" || screen.dead) return;
  if (pane.leader->notices.should_report(screen.notice)) {
    events::LeaderNotice n{pane.leader->provider, screen.notice->text};
    if (auto r = append_blocking(sys, writer, {events::to_draft(n)}); !r)
      spdlog::error("cannot record leader.notice: {}", r.error().message);
  }
  // While a turn runs, the CLI's retries of one request are one error.
  bool turn_live = screen.state == "working" || screen.state == "stuck";
  if (!pane.leader->dedupe.should_report(screen.api_error, turn_live)) return;
  const auto& m = *screen.api_error;
  bool just_before = false;
  if (pane.last_dispatch_ms) {
    auto last = pane.last_dispatch_ms->load();
    just_before = last > 0 && steady_ms() - last < kDispatchWindowMs;
  }
  events::LeaderApiError e{m.error_class, pane.leader->provider, redact_secrets(m.snippet),
                           m.partial_response_streamed, just_before};
  if (auto r = append_blocking(sys, writer, {events::to_draft(e)}); !r)
    spdlog::error("cannot record leader.api_error: {}", r.error().message);
}

namespace {

// The outcome must reach the log: a pasted message whose outcome is lost
// would be reported as interrupted after a restart. Retried briefly.
bool record(caf::actor_system& sys, const store_writer_actor& writer,
            std::vector<events::Draft> drafts) {
  for (int i = 0; i < 3; ++i) {
    auto r = append_blocking(sys, writer, drafts);
    if (r) return true;
    spdlog::error("cannot record a delivery outcome: {}", r.error().message);
    std::this_thread::sleep_for(std::chrono::milliseconds(200 << i));
  }
  return false;
}

}  // namespace

events::Draft failed_without_inject(const Delivery& m, std::string reason, std::string stage,
                                    std::string detected, int attempt) {
  events::SendFailed f;
  f.message_id = m.message_id;
  f.to = m.to;
  f.reason = std::move(reason);
  f.stage = std::move(stage);
  f.detected = std::move(detected);
  f.attempt = attempt;
  return events::to_draft(f);
}

DeliveryOutcome deliver_message(caf::actor_system& sys, const store_writer_actor& writer,
                                const PaneTarget& pane, const DeliveryJob& job) {
  const auto& m = job.message;
  DeliveryOutcome out;
  auto attempt = append_blocking(
    sys, writer, {events::to_draft(events::SendDeliverAttempt{m.message_id, m.to, job.attempt})});
  if (!attempt) {
    out.reason = "attempt_not_recorded";
    return out;
  }
  terminal::InjectRequest req;
  req.pane_id = pane.pane_id;
  req.message_id = m.message_id;
  req.rendered = terminal::render_message(m.from, m.task_id, m.content, m.message_id);
  req.profile = pane.profile.get();
  terminal::InjectOptions opts;
  opts.changes = pane.changes.get();
  auto r = terminal::inject(*pane.tmux, req, opts);

  std::vector<events::Draft> drafts;
  if (r.submitted) {
    drafts.push_back(events::to_draft(events::SendSubmitted{
      m.message_id, m.to, job.attempt, r.verified_by, r.enter_presses}));
    if (m.from == config::kLeaderId && !pane.leader && pane.last_dispatch_ms)
      pane.last_dispatch_ms->store(steady_ms());
    if (pane.leader && !m.result_id.empty())
      drafts.push_back(events::to_draft(
        events::LeaderReceiverSubmitted{m.message_id, m.result_id, pane.leader->session}));
    if (job.stamp_first_interaction) {
      // The key makes it once per worker, whatever happens to this actor.
      drafts.push_back(events::to_draft(
        events::WorkerFirstInteraction{m.to, now_rfc3339(), m.message_id},
        "first_interaction:" + m.to));
    }
  } else {
    drafts.push_back(events::to_draft(events::SendFailed{
      m.message_id, m.to, r.reason, terminal::inject_stage_name(r.stage), r.detected, r.pane_mode,
      redact_secrets(r.capture_tail), job.attempt}));
    if (pane.leader)
      drafts.push_back(
        leader_inbox_fallback(pane.leader->inbox_path, pane.leader->session, m, r.reason));
  }
  out.submitted = r.submitted;
  out.reason = r.reason;
  out.recorded = record(sys, writer, std::move(drafts));
  return out;
}

std::int64_t start_ticks_of(int pid) {
  return static_cast<std::int64_t>(process_start_ticks(static_cast<pid_t>(pid)));
}

}  // namespace ta::actors
