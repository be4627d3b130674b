#include "supervisor/run_panes.h"

#include <map>

#include "terminal/tmux_ops.h"

namespace ta::supervisor {

namespace {

terminal::SpawnSpec spawn_spec(const config::PanePlan& p) {
  terminal::SpawnSpec s;
  s.argv = p.argv;
  s.env = p.env;
  s.cwd = p.cwd;
  s.window_name = p.window_name;
  return s;
}

Error pane_error(const config::PanePlan& p, const Error& e) {
  return make_error("cannot start the pane of " + p.agent_id + ": " + e.message);
}

}  // namespace

Result<std::vector<RunPane>> ensure_panes(terminal::TmuxServer& server,
                                          const config::LaunchPlan& plan) {
  const std::string& session = plan.tmux_session;
  const bool fresh = !server.has_session(session);
  if (fresh) {
    terminal::StartOptions so;
    so.session = session;
    if (auto st = server.start(so); !st) return st.error();
  }
  auto windows = terminal::pane_windows(server, session);
  if (!windows) return windows.error();
  std::map<std::string, std::string> by_window;  // window name -> pane id
  for (auto& [pane, window] : *windows) by_window.emplace(window, pane);

  std::vector<RunPane> out;
  for (std::size_t i = 0; i < plan.panes.size(); ++i) {
    const auto& p = plan.panes[i];
    RunPane rp{p.agent_id, p.provider, "", 0, false};
    auto found = by_window.find(p.window_name);
    if (fresh && i == 0) {
      // The session's first pane runs a shell; the leader replaces it.
      rp.pane_id = windows->front().first;
      if (auto st = terminal::respawn_pane(server, rp.pane_id, spawn_spec(p)); !st)
        return pane_error(p, st.error());
    } else if (found != by_window.end()) {
      rp.pane_id = found->second;
      auto info = terminal::pane_info(server, rp.pane_id);
      if (!info) return pane_error(p, info.error());
      if (info->dead) {
        if (auto st = terminal::respawn_pane(server, rp.pane_id, spawn_spec(p)); !st)
          return pane_error(p, st.error());
      } else {
        rp.adopted = true;
      }
    } else {
      auto pane = terminal::new_window(server, session, spawn_spec(p));
      if (!pane) return pane_error(p, pane.error());
      rp.pane_id = *pane;
    }
    auto info = terminal::pane_info(server, rp.pane_id);
    if (info) rp.pid = info->pid;
    out.push_back(std::move(rp));
  }
  return out;
}

}  // namespace ta::supervisor
