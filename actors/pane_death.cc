#include "actors/pane_death.h"

#include <map>

#include <spdlog/spdlog.h>

#include "actors/append_blocking.h"
#include "events/types.h"
#include "terminal/pane_processes.h"
#include "terminal/screen.h"
#include "terminal/start_failure.h"
#include "util/redact.h"

namespace ta::actors {

namespace {

// The dead pane's text, redacted before anything is cut from it. With
// history: when the program dies, tmux 3.3 writes "Pane is dead" a whole
// screen below what it printed, which scrolls into the history.
std::string last_screen(const PaneTarget& pane) {
  terminal::CaptureOptions o;
  o.history_lines = 200;
  auto text = terminal::capture_pane(*pane.tmux, pane.pane_id, o);
  if (!text) return "";
  return terminal::normalise_capture(redact_secrets(*text)).text();
}

// Pids of the panes whose program still runs: their process trees are not
// leftovers.
std::vector<pid_t> live_pane_pids(terminal::TmuxRunner& tmux) {
  std::vector<pid_t> out;
  if (auto panes = terminal::list_panes(tmux))
    for (const auto& p : *panes)
      if (!p.dead && p.pid > 0) out.push_back(p.pid);
  return out;
}

events::Draft ended_event(const EndedProcess& e, const std::string& agent_id) {
  return events::to_draft(events::ShutdownProcessEnded{static_cast<int>(e.process.pid), e.signal,
                                                       agent_id, e.process.command,
                                                       "stale_at_start"});
}

// Ends the team's leftovers that serve nobody outside it and starts the pane
// again; false when there was nothing of ours to blame.
bool retry_start(caf::actor_system& sys, const store_writer_actor& writer, const DeathContext& in,
                 const std::string& cause) {
  auto leftovers = terminal::find_leftovers(in.workspace, in.tmux_socket,
                                            live_pane_pids(*in.pane.tmux));
  std::vector<ProcessInfo> stale;
  std::map<pid_t, std::string> agent_of;
  for (const auto& l : leftovers) {
    if (!l.serves_outsiders.empty()) continue;
    stale.push_back(l.process);
    agent_of[l.process.pid] = l.agent_id;
  }
  if (stale.empty()) return false;
  std::vector<events::Draft> drafts;
  events::PaneStartRetried retried{in.pane.agent_id, in.pane.pane_id, cause, {}};
  for (const auto& e : end_processes(stale, in.grace)) {
    drafts.push_back(ended_event(e, agent_of[e.process.pid]));
    retried.ended.push_back(static_cast<int>(e.process.pid));
  }
  drafts.push_back(events::to_draft(retried));
  if (auto r = terminal::respawn_pane(*in.pane.tmux, in.pane.pane_id, in.launch); !r) {
    spdlog::error("cannot start the agent {} again: {}", in.pane.agent_id, r.error().message);
    (void)append_blocking(sys, writer, std::move(drafts));
    return false;
  }
  auto info = terminal::pane_info(*in.pane.tmux, in.pane.pane_id);
  drafts.push_back(events::to_draft(events::PaneStarted{in.pane.agent_id, in.pane.pane_id,
                                                        in.provider, info ? info->pid : 0, false,
                                                        in.restarts, in.provider_version,
                                                        start_ticks_of(info ? info->pid : 0),
                                                        in.host}));
  (void)append_blocking(sys, writer, std::move(drafts));
  return true;
}

}  // namespace

DeathReport examine_death(caf::actor_system& sys, const store_writer_actor& writer,
                          const DeathContext& in) {
  DeathReport out;
  const std::string screen = last_screen(in.pane);
  events::PaneExited exited{in.pane.agent_id, in.pane.pane_id, in.exit_code, in.during_start};
  exited.screen_tail = terminal::screen_tail(screen);
  std::optional<terminal::StartFailure> failure;
  if (in.during_start) failure = terminal::classify_start_failure(screen);
  if (failure) {
    exited.cause = failure->cause;
    exited.advice = failure->advice;
  }
  std::vector<events::Draft> drafts{events::to_draft(exited)};
  auto live = live_pane_pids(*in.pane.tmux);
  for (const auto& l :
       terminal::find_leftovers(in.workspace, in.tmux_socket, live, in.pane.agent_id)) {
    int pid = static_cast<int>(l.process.pid);
    if (in.noted.count(pid)) continue;
    drafts.push_back(events::to_draft(
      events::PaneProcessEscaped{in.pane.agent_id, pid, l.process.command, "pane_exit"}));
    out.escaped.push_back(pid);
  }
  (void)append_blocking(sys, writer, std::move(drafts));
  if (failure && failure->stale_process_may_cause && in.may_retry)
    out.retried = retry_start(sys, writer, in, failure->cause);
  return out;
}

}  // namespace ta::actors
