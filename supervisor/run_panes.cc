#include "supervisor/run_panes.h"

#include <map>
#include <thread>

#include "terminal/display_tmux.h"
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

std::string pane_error(const config::PanePlan& p, const std::string& why) {
  return "cannot start the pane of " + p.agent_id + ": " + why;
}

// Agent id -> its pane, for the panes of `session`.
Result<std::map<std::string, std::string>> panes_by_agent(terminal::TmuxServer& server,
                                                          const std::string& session) {
  return terminal::agent_panes(server, session);
}

// The pane's program, started again in place. The window keeps its name:
// where panes are shown, and under which name, is the display's to say.
terminal::SpawnSpec respawn_spec(const config::PanePlan& p) {
  auto s = spawn_spec(p);
  s.window_name.clear();
  return s;
}

// One member: adopt its live pane, or start its program in a pane.
struct Starter {
  terminal::TmuxServer& server;
  const config::LaunchPlan& plan;
  const PaneStartOptions& options;
  std::map<std::string, std::string> by_agent;
  std::string spare_pane;          // a fresh session's first pane, running a shell
  std::vector<RunPane> created;    // what a rollback removes

  Result<RunPane> start(const config::PanePlan& p) {
    RunPane rp{p.agent_id, p.provider, "", 0, false};
    if (p.agent_id == options.fail_agent) return make_error(pane_error(p, "refused (test hook)"));
    auto found = by_agent.find(p.agent_id);
    if (found != by_agent.end()) {
      rp.pane_id = found->second;
      auto info = terminal::pane_info(server, rp.pane_id);
      if (!info) return make_error(pane_error(p, info.error().message));
      rp.adopted = !info->dead && !options.replace_live;
    } else if (!spare_pane.empty()) {
      rp.pane_id = spare_pane;
      spare_pane.clear();
    }
    if (!rp.adopted) {
      if (auto st = config::write_mcp_config(p); !st)
        return make_error(pane_error(p, st.error().message));
      if (rp.pane_id.empty()) {
        auto pane = terminal::new_window(server, plan.tmux_session, spawn_spec(p));
        if (!pane) return make_error(pane_error(p, pane.error().message));
        rp.pane_id = *pane;
      } else if (auto st = terminal::respawn_pane(server, rp.pane_id, respawn_spec(p)); !st) {
        return make_error(pane_error(p, st.error().message));
      }
      created.push_back(rp);
    }
    // Its identity travels with the pane wherever the display moves it.
    if (auto st = terminal::tag_agent_pane(server, rp.pane_id, p.agent_id, p.provider); !st)
      return make_error(pane_error(p, st.error().message));
    if (auto info = terminal::pane_info(server, rp.pane_id)) rp.pid = info->pid;
    return rp;
  }
};

}  // namespace

Result<std::set<std::string>> live_members(terminal::TmuxServer& server,
                                           const config::LaunchPlan& plan) {
  std::set<std::string> out;
  if (!server.running() || !server.has_session(plan.tmux_session)) return out;
  auto by_agent = panes_by_agent(server, plan.tmux_session);
  if (!by_agent) return by_agent.error();
  for (const auto& p : plan.panes) {
    auto found = by_agent->find(p.agent_id);
    if (found == by_agent->end()) continue;
    auto info = terminal::pane_info(server, found->second);
    if (info && !info->dead) out.insert(p.agent_id);
  }
  return out;
}

Result<PaneStartOutcome> ensure_panes(terminal::TmuxServer& server,
                                      const config::LaunchPlan& plan,
                                      const PaneStartOptions& options) {
  const bool fresh = !server.has_session(plan.tmux_session);
  if (fresh) {
    terminal::StartOptions so;
    so.session = plan.tmux_session;
    if (auto st = server.start(so); !st) return st.error();
  }
  // A fresh session has nothing to adopt (its first pane is a shell).
  auto by_agent = fresh ? Result<std::map<std::string, std::string>>(
                            std::map<std::string, std::string>{})
                        : panes_by_agent(server, plan.tmux_session);
  if (!by_agent) return by_agent.error();
  Starter starter{server, plan, options, *by_agent, "", {}};
  // The session's first pane runs a shell; the first member replaces it.
  if (fresh) {
    auto first = terminal::list_panes(server, plan.tmux_session);
    if (first && !first->empty()) starter.spare_pane = first->front().pane_id;
  }

  PaneStartOutcome out;
  for (const auto& p : plan.panes) {
    auto rp = starter.start(p);
    if (!rp) {
      auto removed = remove_panes(server, starter.created);
      if (fresh) (void)terminal::kill_session(server, plan.tmux_session);
      out.panes.clear();
      out.failure = PaneStartFailure{p.agent_id, rp.error().message, std::move(removed)};
      return out;
    }
    out.panes.push_back(std::move(*rp));
  }
  return out;
}

std::vector<std::string> remove_panes(terminal::TmuxServer& server,
                                      const std::vector<RunPane>& panes) {
  std::vector<std::string> removed;
  for (const auto& p : panes)
    if (terminal::kill_pane(server, p.pane_id)) removed.push_back(p.pane_id);
  return removed;
}

std::vector<std::string> exited_while_starting(terminal::TmuxServer& server,
                                               const std::vector<RunPane>& panes,
                                               const PaneStarted& started,
                                               std::chrono::milliseconds bound) {
  std::vector<std::string> exited;
  std::map<std::string, const RunPane*> waiting;
  for (const auto& p : panes) waiting.emplace(p.agent_id, &p);
  const auto deadline = std::chrono::steady_clock::now() + bound;
  while (!waiting.empty()) {
    for (auto it = waiting.begin(); it != waiting.end();) {
      auto info = terminal::pane_info(server, it->second->pane_id);
      bool dead = !info || info->dead;
      auto screen = dead ? Result<std::string>(std::string()) :
                           terminal::capture_pane(server, it->second->pane_id);
      if (dead) exited.push_back(it->first);
      if (dead || (screen && started(it->first, *screen)))
        it = waiting.erase(it);
      else
        ++it;
    }
    if (waiting.empty() || std::chrono::steady_clock::now() >= deadline) break;
    // tmux has no event for "a program drew its first screen": look again shortly.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return exited;
}

Status respawn_planned(terminal::TmuxServer& server, const std::string& pane_id,
                       const config::PanePlan& pane) {
  if (auto st = config::write_mcp_config(pane); !st) return st;
  return terminal::respawn_pane(server, pane_id, respawn_spec(pane));
}

}  // namespace ta::supervisor
