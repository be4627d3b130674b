#include "ops/orphans.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <map>
#include <set>

#include "util/flock_probe.h"
#include "util/fs.h"

namespace ta::ops {

namespace {

constexpr const char* kLockSuffix = "/.team/supervisor.lock";
constexpr const char* kDeletedSuffix = " (deleted)";

std::vector<std::string> words_of(const std::string& command) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < command.size()) {
    std::size_t j = command.find(' ', i);
    if (j == std::string::npos) j = command.size();
    if (j > i) out.push_back(command.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::string read_link(const std::string& path) {
  char buf[PATH_MAX];
  ssize_t n = ::readlink(path.c_str(), buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
}

bool same_file(const std::string& a, const std::string& b) {
  struct stat sa {}, sb {};
  return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

bool workspace_exists(const std::string& ws) {
  struct stat st {};
  return ::stat((ws + "/.team").c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// A supervisor is judged by the lock file it holds open: that names its
// workspace even when the process was started with -w from elsewhere.
void judge_supervisor(const ProcessInfo& p, std::vector<Orphan>& out) {
  const std::string fd_dir = "/proc/" + std::to_string(p.pid) + "/fd";
  for (const auto& fd : list_dir(fd_dir)) {
    bool deleted = false;
    std::string ws = workspace_of_lock_link(read_link(fd_dir + "/" + fd), deleted);
    if (ws.empty()) continue;
    std::string lock = ws + kLockSuffix;
    if (deleted || !workspace_exists(ws))
      out.push_back({p, "supervisor", ws, "workspace_deleted"});
    else if (!same_file(fd_dir + "/" + fd, lock))
      out.push_back({p, "supervisor", ws, "lock_replaced"});
    return;
  }
}

// A team's tmux server knows its workspace from its panes' environment
// (each pane's program carries TEAM_AGENT_WORKSPACE) or from its own, when
// the supervisor that started it had the variable.
std::string server_workspace(const ProcessInfo& server, const std::vector<ProcessInfo>& all) {
  auto it = server.env.find("TEAM_AGENT_WORKSPACE");
  if (it != server.env.end() && !it->second.empty()) return it->second;
  for (const auto& p : all) {
    if (p.ppid != server.pid) continue;
    auto ws = p.env.find("TEAM_AGENT_WORKSPACE");
    if (ws != p.env.end() && !ws->second.empty()) return ws->second;
  }
  return {};
}

}  // namespace

bool is_supervisor_command(const std::string& command) {
  auto w = words_of(command);
  return w.size() >= 2 && base_name(w[0]) == "team-agent" &&
         std::find(w.begin() + 1, w.end(), "run") != w.end();
}

bool is_team_tmux_command(const std::string& command) {
  auto w = words_of(command);
  if (w.empty() || base_name(w[0]) != "tmux") return false;
  for (std::size_t i = 1; i + 1 < w.size(); ++i)
    if (w[i] == "-L" && w[i + 1].rfind("team-agent-", 0) == 0) return true;
  return false;
}

std::string workspace_of_lock_link(std::string link, bool& deleted) {
  deleted = false;
  const std::string del = kDeletedSuffix;
  if (link.size() > del.size() && link.compare(link.size() - del.size(), del.size(), del) == 0) {
    deleted = true;
    link.resize(link.size() - del.size());
  }
  const std::string suffix = kLockSuffix;
  if (link.size() <= suffix.size() || link[0] != '/' ||
      link.compare(link.size() - suffix.size(), suffix.size(), suffix) != 0)
    return {};
  return link.substr(0, link.size() - suffix.size());
}

std::vector<Orphan> find_orphans() {
  auto all = list_processes({"TEAM_AGENT_WORKSPACE"});
  std::vector<Orphan> out;
  for (const auto& p : all) {
    if (is_supervisor_command(p.command)) {
      judge_supervisor(p, out);
    } else if (is_team_tmux_command(p.command) && p.sid == p.pid) {
      // The server daemonises into a session of its own; its clients
      // (our control connection among them) do not.
      std::string ws = server_workspace(p, all);
      if (!ws.empty() && !workspace_exists(ws)) out.push_back({p, "tmux_server", ws, "workspace_deleted"});
    }
  }
  return out;
}

std::vector<EndedOrphan> end_orphans(const std::vector<Orphan>& orphans,
                                     std::chrono::milliseconds grace) {
  std::vector<ProcessInfo> targets;
  for (const auto& o : orphans) targets.push_back(o.process);
  auto ended = end_processes(targets, grace);
  std::vector<EndedOrphan> out;
  for (std::size_t i = 0; i < ended.size() && i < orphans.size(); ++i)
    out.push_back({orphans[i], ended[i].signal, ended[i].still_running});
  return out;
}

}  // namespace ta::ops
