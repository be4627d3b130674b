#include "util/processes.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <thread>

namespace ta {

namespace {


// Fields 3.. of /proc/<pid>/stat. The command name (field 2) is in
// parentheses and may itself hold spaces and ')', so the fields start after
// the LAST ')'.
bool parse_stat(const std::string& text, ProcessInfo& p) {
  auto close = text.rfind(')');
  if (close == std::string::npos) return false;
  std::istringstream in(text.substr(close + 1));
  std::string state;
  long long ppid = 0, pgid = 0, sid = 0;
  in >> state >> ppid >> pgid >> sid;
  std::string skip;
  for (int field = 7; field < 22 && in; ++field) in >> skip;  // tty_nr .. itrealvalue
  unsigned long long start = 0;
  in >> start;
  if (!in || state.empty()) return false;
  p.state = state[0];
  p.ppid = static_cast<pid_t>(ppid);
  p.pgid = static_cast<pid_t>(pgid);
  p.sid = static_cast<pid_t>(sid);
  p.start_ticks = start;
  return true;
}

std::optional<ProcessInfo> read_stat(pid_t pid) {
  ProcessInfo p;
  p.pid = pid;
  if (!parse_stat(read_proc_file("/proc/" + std::to_string(pid) + "/stat"), p)) return std::nullopt;
  return p;
}

// The NUL-separated arguments joined by spaces.
std::string read_command(pid_t pid) {
  std::string raw = read_proc_file("/proc/" + std::to_string(pid) + "/cmdline");
  while (!raw.empty() && raw.back() == '\0') raw.pop_back();
  for (char& c : raw)
    if (c == '\0') c = ' ';
  return raw;
}

std::map<std::string, std::string> read_env(pid_t pid, const std::set<std::string>& names) {
  std::map<std::string, std::string> out;
  if (names.empty()) return out;
  std::string raw = read_proc_file("/proc/" + std::to_string(pid) + "/environ");
  std::size_t from = 0;
  while (from < raw.size()) {
    auto end = raw.find('\0', from);
    if (end == std::string::npos) end = raw.size();
    auto eq = raw.find('=', from);
    if (eq != std::string::npos && eq < end) {
      std::string name = raw.substr(from, eq - from);
      if (names.count(name)) out[name] = raw.substr(eq + 1, end - eq - 1);
    }
    from = end + 1;
  }
  return out;
}

bool gone_state(char state) { return state == 'Z' || state == 'X' || state == 'x'; }

// Whether the process listed as `p` still runs: same pid, same start time,
// not a zombie.
bool still_running(const ProcessInfo& p) {
  auto now = read_stat(p.pid);
  return now && now->start_ticks == p.start_ticks && !gone_state(now->state);
}

}  // namespace

unsigned long long process_start_ticks(pid_t pid) {
  if (pid <= 0) return 0;
  auto p = read_stat(pid);
  return p && !gone_state(p->state) ? p->start_ticks : 0;
}

std::string read_proc_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

std::vector<pid_t> proc_pids() {
  std::vector<pid_t> out;
  DIR* d = ::opendir("/proc");
  if (!d) return out;
  while (dirent* e = ::readdir(d)) {
    char* end = nullptr;
    long v = std::strtol(e->d_name, &end, 10);
    if (end && *end == '\0' && v > 0) out.push_back(static_cast<pid_t>(v));
  }
  ::closedir(d);
  return out;
}

std::vector<ProcessInfo> list_processes(const std::set<std::string>& env_names) {
  std::vector<ProcessInfo> out;
  const pid_t self = ::getpid();
  for (pid_t pid : proc_pids()) {
    if (pid == self) continue;
    auto p = read_stat(pid);
    if (!p || gone_state(p->state)) continue;
    p->command = read_command(pid);
    p->env = read_env(pid, env_names);
    out.push_back(std::move(*p));
  }
  return out;
}

bool descends_from(const std::vector<ProcessInfo>& all, pid_t pid, pid_t ancestor) {
  std::map<pid_t, pid_t> parent;
  for (const auto& p : all) parent[p.pid] = p.ppid;
  // Bounded: a listing taken while processes come and go may hold a loop.
  for (std::size_t steps = 0; pid > 0 && steps <= all.size(); ++steps) {
    if (pid == ancestor) return true;
    auto it = parent.find(pid);
    if (it == parent.end()) return false;
    pid = it->second;
  }
  return false;
}

namespace {

// The group of `pgid` may be signalled as a whole only when each of its
// live members is a target that still is the process it was listed as;
// never our own group.
bool whole_group_targeted(pid_t pgid, const std::vector<ProcessInfo>& now,
                          const std::map<pid_t, const ProcessInfo*>& by_pid) {
  if (pgid <= 1 || pgid == ::getpgrp()) return false;
  for (const auto& p : now) {
    if (p.pgid != pgid) continue;
    auto it = by_pid.find(p.pid);
    if (it == by_pid.end() || it->second->start_ticks != p.start_ticks) return false;
  }
  return true;
}

// SIGTERM to each target still running (to its group when the whole group
// is targeted, so what it forked goes too); returns the pids signalled.
std::set<pid_t> send_term(const std::vector<ProcessInfo>& targets) {
  std::map<pid_t, const ProcessInfo*> by_pid;
  for (const auto& t : targets) by_pid[t.pid] = &t;
  auto now = list_processes({});
  std::set<pid_t> group_done, signalled;
  for (const auto& t : targets) {
    if (group_done.count(t.pgid)) {
      signalled.insert(t.pid);
      continue;
    }
    if (!still_running(t)) continue;
    if (whole_group_targeted(t.pgid, now, by_pid)) {
      if (::kill(-t.pgid, SIGTERM) == 0) group_done.insert(t.pgid);
    } else {
      ::kill(t.pid, SIGTERM);
    }
    signalled.insert(t.pid);
  }
  return signalled;
}

// Waits until none of `pending` runs or `deadline`; returns those still running.
std::vector<std::size_t> wait_gone(const std::vector<ProcessInfo>& targets,
                                   std::vector<std::size_t> pending,
                                   std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    std::vector<std::size_t> left;
    for (auto i : pending)
      if (still_running(targets[i])) left.push_back(i);
    if (left.empty() || std::chrono::steady_clock::now() >= deadline) return left;
    pending = std::move(left);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace

std::vector<EndedProcess> end_processes(const std::vector<ProcessInfo>& targets,
                                        std::chrono::milliseconds grace) {
  std::vector<EndedProcess> out;
  std::vector<std::size_t> running;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    out.push_back({targets[i], ""});
    if (still_running(targets[i])) running.push_back(i);
  }
  if (running.empty()) return out;
  std::vector<ProcessInfo> live;
  for (auto i : running) live.push_back(targets[i]);
  auto signalled = send_term(live);
  for (auto i : running)
    if (signalled.count(targets[i].pid)) out[i].signal = "SIGTERM";
  auto left = wait_gone(targets, running, std::chrono::steady_clock::now() + grace);
  for (auto i : left) {
    // Checked again right before the signal: the pid may have been reused.
    if (!still_running(targets[i])) continue;
    ::kill(targets[i].pid, SIGKILL);
    out[i].signal = "SIGKILL";
  }
  // SIGKILL is not instant (a process in uninterruptible sleep, or one we
  // may not signal): whoever still runs after a while was not ended.
  left = wait_gone(targets, left, std::chrono::steady_clock::now() + std::chrono::seconds(2));
  for (auto i : left) out[i].still_running = true;
  return out;
}

}  // namespace ta
