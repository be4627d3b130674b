#include "tests/real/real_processes.h"

#include <dirent.h>
#include <unistd.h>

#include <sstream>
#include <thread>

#include "util/processes.h"

namespace ta::test {

namespace {

std::string proc_file(int pid, const char* name) {
  return read_proc_file("/proc/" + std::to_string(pid) + "/" + name);
}

// State (field 3) and start time (field 22) of /proc/<pid>/stat; the
// command name before them may hold spaces and parentheses.
bool read_stat(int pid, char& state, std::string& start) {
  const std::string stat = proc_file(pid, "stat");
  const auto close = stat.rfind(')');
  if (close == std::string::npos) return false;
  std::istringstream rest(stat.substr(close + 1));
  std::string field;
  for (int n = 3; rest >> field; ++n) {
    if (n == 3) state = field.empty() ? '?' : field[0];
    if (n == 22) {
      start = field;
      return true;
    }
  }
  return false;
}

std::string joined(std::string nul_separated) {
  while (!nul_separated.empty() && nul_separated.back() == '\0') nul_separated.pop_back();
  for (auto& c : nul_separated)
    if (c == '\0') c = ' ';
  return nul_separated;
}

void read_environment(int pid, SeenProcess& p) {
  const std::string env = proc_file(pid, "environ");
  std::size_t from = 0;
  while (from < env.size()) {
    auto end = env.find('\0', from);
    if (end == std::string::npos) end = env.size();
    const std::string entry = env.substr(from, end - from);
    if (entry.rfind("TEAM_AGENT_WORKSPACE=", 0) == 0)
      p.workspace = entry.substr(sizeof "TEAM_AGENT_WORKSPACE=" - 1);
    if (entry.rfind("TEAM_AGENT_ID=", 0) == 0) p.has_team_agent_id = true;
    from = end + 1;
  }
}

}  // namespace

std::vector<SeenProcess> live_processes() {
  std::vector<SeenProcess> out;
  const int self = ::getpid();
  DIR* d = ::opendir("/proc");
  if (!d) return out;
  while (dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    SeenProcess p;
    p.pid = std::stoi(name);
    char state = '?';
    if (p.pid == self || !read_stat(p.pid, state, p.start) || state == 'Z') continue;
    p.command = joined(proc_file(p.pid, "cmdline"));
    read_environment(p.pid, p);
    out.push_back(std::move(p));
  }
  ::closedir(d);
  return out;
}

std::vector<SeenProcess> carrying_workspace(const std::vector<SeenProcess>& all,
                                            const std::string& workspace) {
  std::vector<SeenProcess> out;
  for (const auto& p : all)
    if (p.workspace == workspace) out.push_back(p);
  return out;
}

std::vector<SeenProcess> app_servers(const std::vector<SeenProcess>& all) {
  std::vector<SeenProcess> out;
  for (const auto& p : all)
    // Codex also runs the daemon binary briefly to probe it ("… pid-update-loop
    // --help"): such a probe ends by itself and is no daemon.
    if (p.command.find(" app-server ") != std::string::npos &&
        (p.command.find("--managed-daemon") != std::string::npos ||
         p.command.find("pid-update-loop") != std::string::npos) &&
        p.command.find("--help") == std::string::npos &&
        p.command.find("--version") == std::string::npos)
      out.push_back(p);
  return out;
}

std::vector<SeenProcess> await_processes(
  const std::function<std::vector<SeenProcess>(const std::vector<SeenProcess>&)>& found,
  std::size_t count, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto ps = found(live_processes());
    if (ps.size() >= count || std::chrono::steady_clock::now() >= deadline) return ps;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

std::vector<SeenProcess> await_none(
  const std::function<std::vector<SeenProcess>(const std::vector<SeenProcess>&)>& found,
  std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto ps = found(live_processes());
    if (ps.empty() || std::chrono::steady_clock::now() >= deadline) return ps;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

bool still_running(const SeenProcess& p) {
  char state = '?';
  std::string start;
  return read_stat(p.pid, state, start) && state != 'Z' && start == p.start;
}

std::string describe(const std::vector<SeenProcess>& ps) {
  if (ps.empty()) return "<none>\n";
  std::string out;
  for (const auto& p : ps)
    out += std::to_string(p.pid) + " [" + (p.workspace.empty() ? "unmarked" : "marked") + "] " +
           p.command.substr(0, 200) + "\n";
  return out;
}

}  // namespace ta::test
