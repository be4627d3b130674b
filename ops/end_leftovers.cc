#include "ops/end_leftovers.h"

#include <thread>

#include "events/types.h"
#include "terminal/tmux_ops.h"
#include "terminal/tmux_server.h"
#include "util/redact.h"

namespace ta::ops {

Result<std::vector<pid_t>> live_pane_pids(const config::Paths& paths) {
  terminal::ServerOptions options;
  options.socket_name = terminal::socket_name_for_workspace(paths.workspace);
  auto server = terminal::TmuxServer::locate(options);
  if (!server) return server.error();
  if (!server->running()) return std::vector<pid_t>{};
  auto panes = terminal::list_panes(*server);
  if (!panes) {
    // The server went between the two questions: no pane lives.
    if (!server->running()) return std::vector<pid_t>{};
    return panes.error();
  }
  std::vector<pid_t> out;
  for (const auto& p : *panes)
    if (!p.dead && p.pid > 0) out.push_back(p.pid);
  return out;
}

void await_sessions_gone(const std::vector<pid_t>& session_leaders,
                         std::chrono::milliseconds limit) {
  if (session_leaders.empty()) return;
  std::set<pid_t> sessions(session_leaders.begin(), session_leaders.end());
  auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    bool any = false;
    for (const auto& p : list_processes({})) any = any || sessions.count(p.sid);
    if (!any || std::chrono::steady_clock::now() >= deadline) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

bool LeftoversOutcome::all_ended() const {
  for (const auto& e : ended)
    if (e.still_running) return false;
  return true;
}

std::string kept_sentence(const terminal::Leftover& kept) {
  std::string pids;
  for (pid_t o : kept.serves_outsiders) pids += (pids.empty() ? "" : ", ") + std::to_string(o);
  return "left pid " + std::to_string(kept.process.pid) + " (" +
         redact_secrets(kept.process.command) + ", started in " + kept.agent_id +
         "'s pane) running because processes outside the team (pid " + pids +
         ") are connected to it; once they are done, 'team-agent shutdown --kill-panes' ends it.";
}

namespace {

std::vector<events::Draft> escaped_events(const std::vector<terminal::Leftover>& found,
                                          const std::string& found_at) {
  std::vector<events::Draft> out;
  for (const auto& l : found)
    out.push_back(events::to_draft(events::PaneProcessEscaped{
        l.agent_id, static_cast<int>(l.process.pid), l.process.command, found_at}));
  return out;
}

std::vector<events::Draft> kept_events(const std::vector<terminal::Leftover>& kept) {
  std::vector<events::Draft> out;
  for (const auto& l : kept) {
    std::vector<int> outsiders(l.serves_outsiders.begin(), l.serves_outsiders.end());
    out.push_back(events::to_draft(events::ShutdownProcessKept{
        static_cast<int>(l.process.pid), l.agent_id, l.process.command, "serves_outsiders",
        outsiders}));
  }
  return out;
}

// Ends `to_end` and returns what became of each, in the same order.
std::vector<EndedLeftover> end_all(const std::vector<terminal::Leftover>& to_end,
                                   std::chrono::milliseconds grace) {
  std::vector<ProcessInfo> targets;
  for (const auto& l : to_end) targets.push_back(l.process);
  auto ended = end_processes(targets, grace);
  std::vector<EndedLeftover> out;
  for (std::size_t i = 0; i < to_end.size(); ++i)
    out.push_back({to_end[i], ended[i].signal, ended[i].still_running});
  return out;
}

std::vector<events::Draft> ended_events(const std::vector<EndedLeftover>& ended,
                                        const std::string& reason) {
  std::vector<events::Draft> out;
  for (const auto& e : ended) {
    if (e.still_running) continue;
    out.push_back(events::to_draft(events::ShutdownProcessEnded{
        static_cast<int>(e.leftover.process.pid), e.signal, e.leftover.agent_id,
        e.leftover.process.command, reason}));
  }
  return out;
}

}  // namespace

Result<LeftoversOutcome> end_leftovers(const config::Paths& paths, const EndLeftoversOptions& o,
                                       const Record& record) {
  auto found = terminal::find_leftovers(paths.workspace,
                                        terminal::socket_name_for_workspace(paths.workspace),
                                        o.live_pane_pids, o.agent_id);
  LeftoversOutcome outcome;
  if (found.empty()) return outcome;
  // Recorded before anything is signalled, so the log says what was found
  // even if ending them goes wrong.
  if (auto st = record(escaped_events(found, o.found_at)); !st) return st.error();
  std::vector<terminal::Leftover> to_end;
  for (auto& l : found) (l.serves_outsiders.empty() ? to_end : outcome.kept).push_back(l);
  outcome.ended = end_all(to_end, o.grace);
  auto drafts = ended_events(outcome.ended, o.reason);
  auto kept = kept_events(outcome.kept);
  drafts.insert(drafts.end(), kept.begin(), kept.end());
  if (!drafts.empty())
    if (auto st = record(std::move(drafts)); !st) return st.error();
  return outcome;
}

}  // namespace ta::ops
