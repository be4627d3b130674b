#include "terminal/pane_processes.h"

#include <unistd.h>

#include <algorithm>

namespace ta::terminal {

namespace {

std::string env_of(const ProcessInfo& p, const std::string& name) {
  auto it = p.env.find(name);
  return it == p.env.end() ? std::string() : it->second;
}

// The socket's file name in $TMUX ("<socket path>,<server pid>,<session>"):
// the path comes first and may itself hold commas, so the two numbers are
// taken off the end.
std::string tmux_socket_name(const std::string& tmux) {
  auto last = tmux.rfind(',');
  if (last == std::string::npos || last == 0) return {};
  auto before = tmux.rfind(',', last - 1);
  if (before == std::string::npos) return {};
  std::string path = tmux.substr(0, before);
  auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Pids in the trees of `roots`, and our own ancestors: the command asking
// (shutdown, doctor) may run in a shell of a team pane, which must not
// count as left behind.
std::set<pid_t> protected_pids(const std::vector<ProcessInfo>& all,
                               const std::vector<pid_t>& roots) {
  std::set<pid_t> out;
  for (const auto& p : all)
    for (pid_t root : roots)
      if (root > 0 && descends_from(all, p.pid, root)) {
        out.insert(p.pid);
        break;
      }
  std::map<pid_t, pid_t> parent;
  for (const auto& p : all) parent[p.pid] = p.ppid;
  pid_t up = ::getppid();
  for (std::size_t steps = 0; up > 1 && steps <= all.size(); ++steps) {
    out.insert(up);
    auto it = parent.find(up);
    if (it == parent.end()) break;
    up = it->second;
  }
  return out;
}

}  // namespace

std::set<std::string> marker_variables() {
  return {"TEAM_AGENT_WORKSPACE", "TEAM_AGENT_ID", "TMUX"};
}

bool carries_marker(const ProcessInfo& p, const std::string& workspace,
                    const std::string& socket_name) {
  if (workspace.empty() || socket_name.empty()) return false;
  return env_of(p, "TEAM_AGENT_WORKSPACE") == workspace && !env_of(p, "TEAM_AGENT_ID").empty() &&
         tmux_socket_name(env_of(p, "TMUX")) == socket_name;
}

std::vector<Leftover> find_leftovers(const std::string& workspace, const std::string& socket_name,
                                     const std::vector<pid_t>& live_pane_pids,
                                     const std::string& agent_id) {
  auto all = list_processes(marker_variables());
  auto in_panes = protected_pids(all, live_pane_pids);
  std::map<pid_t, const ProcessInfo*> by_pid;
  for (const auto& p : all) by_pid[p.pid] = &p;
  // A leftover peer of a leftover (Codex's two daemons talk to each other)
  // is the team's own; any other peer is someone the leftover serves.
  auto ours_outside_panes = [&](pid_t pid) {
    auto it = by_pid.find(pid);
    return it != by_pid.end() && carries_marker(*it->second, workspace, socket_name) &&
           !in_panes.count(pid);
  };
  std::vector<Leftover> out;
  for (const auto& p : all) {
    if (!ours_outside_panes(p.pid)) continue;
    std::string id = env_of(p, "TEAM_AGENT_ID");
    if (!agent_id.empty() && id != agent_id) continue;
    Leftover l{p, id, {}};
    for (pid_t peer : unix_socket_peers(p.pid))
      if (!ours_outside_panes(peer)) l.serves_outsiders.push_back(peer);
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace ta::terminal
