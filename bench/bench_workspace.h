#pragma once
// Shared set-up of the benches that drive a whole team: a workspace of fake
// agents, a running `team-agent run` supervisor (started, waited for through
// its log, stopped), a private tmux server of fake agents for the baseline,
// and CPU/RSS readings from /proc.
#include <fcntl.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/bench_util.h"
#include "events/reader.h"
#include "terminal/tmux_ops.h"
#include "terminal/tmux_server.h"
#include "util/process.h"

namespace ta::bench {

// Everything a bench started, torn down however it ends (die() included).
struct Cleanup {
  std::vector<pid_t> supervisors;
  std::deque<terminal::TmuxServer> servers;  // deque: references stay valid

  void run() {
    for (pid_t p : supervisors) {
      ::kill(p, SIGKILL);
      ::waitpid(p, nullptr, 0);
    }
    supervisors.clear();
    for (auto& s : servers) (void)s.kill();
    servers.clear();
  }
  ~Cleanup() { run(); }
};

inline Cleanup& cleanup() {
  static Cleanup c;
  return c;
}

[[noreturn]] inline void die(const std::string& what) {
  std::fprintf(stderr, "bench: %s\n", what.c_str());
  cleanup().run();
  std::exit(1);
}

template <class T>
T need(Result<T> r, const char* what) {
  if (!r) die(std::string(what) + ": " + r.error().message);
  return std::move(*r);
}

inline void need(const Status& s, const char* what) {
  if (!s) die(std::string(what) + ": " + s.error().message);
}

inline int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atoi(v) : fallback;
}

// A fresh workspace whose team is `leader` plus `workers`, all fake agents.
inline std::string make_fake_workspace(const std::string& dir, const std::string& team,
                                       const std::vector<std::string>& workers) {
  namespace fs = std::filesystem;
  fs::remove_all(dir);
  fs::create_directories(dir + "/.team/events");
  fs::permissions(dir + "/.team", fs::perms::owner_all);
  nlohmann::ordered_json agents = nlohmann::ordered_json::array();
  for (auto& w : workers) agents.push_back({{"id", w}, {"provider", "fake"}});
  nlohmann::ordered_json spec{{"team", team},
                              // A leader that answers would measure its own replies.
                              {"leader",
                               {{"id", "leader"}, {"provider", "fake"}, {"args", {"--reply", "none"}}}},
                              {"agents", agents}};
  std::ofstream(dir + "/.team/team.json") << spec.dump(2) << "\n";
  return fs::canonical(dir).string();
}

// Runs `bin args…` to completion with its output in `log` (appended);
// returns its exit code.
inline int run_cli(const std::string& bin, const std::vector<std::string>& args,
                   const std::string& log) {
  SpawnOptions so;
  so.argv = {bin};
  so.argv.insert(so.argv.end(), args.begin(), args.end());
  so.env = current_environment();
  int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  so.stdout_fd = so.stderr_fd = fd;
  auto pid = spawn_program(so);
  if (fd >= 0) ::close(fd);
  if (!pid) die("cannot start " + bin + ": " + pid.error().message);
  return wait_for_exit(*pid);
}

inline std::string tail_of(const std::string& path, size_t n = 2000) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  return s.size() > n ? s.substr(s.size() - n) : s;
}

// A `team-agent run --quiet` in the background.
struct Supervisor {
  pid_t pid = -1;
  std::string workspace, log;

  static Supervisor start(const std::string& bin, const std::string& ws) {
    Supervisor s;
    s.workspace = ws;
    s.log = ws + "/supervisor.out";
    SpawnOptions so;
    so.argv = {bin, "--workspace", ws, "run", "--quiet"};
    so.env = current_environment();
    int fd = ::open(s.log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    so.stdout_fd = so.stderr_fd = fd;
    so.new_process_group = true;  // our Ctrl-C is not its Ctrl-C
    auto pid = spawn_program(so);
    if (fd >= 0) ::close(fd);
    if (!pid) die("cannot start the supervisor: " + pid.error().message);
    s.pid = *pid;
    cleanup().supervisors.push_back(s.pid);
    // Its panes live on the workspace's private server; killed at the end.
    terminal::ServerOptions o;
    o.socket_name = terminal::socket_name_for_workspace(ws);
    if (auto server = terminal::TmuxServer::locate(o)) cleanup().servers.push_back(*server);
    return s;
  }

  // Blocks (inotify on the events dir, re-reading on every change) until an
  // event of `type` is in the log; dies if the supervisor exits or `timeout_s` passes.
  void wait_for(const std::string& type, int timeout_s) const {
    std::string dir = workspace + "/.team/events";
    int in = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (in < 0 || ::inotify_add_watch(in, dir.c_str(), IN_MODIFY | IN_CREATE | IN_MOVED_TO) < 0)
      die("inotify on " + dir + " failed");
    events::LogReader reader(dir);
    events::Event e;
    auto deadline = Clock::now() + std::chrono::seconds(timeout_s);
    for (;;) {
      for (auto n = reader.next(e); n != events::LogReader::Next::end; n = reader.next(e)) {
        if (n == events::LogReader::Next::corrupt) reader.skip_corrupt();
        else if (e.type == type) return (void)::close(in);
      }
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid)
        die("the supervisor exited (code " + std::to_string(exit_code_of(status)) +
            ") before " + type + ":\n" + tail_of(log));
      if (Clock::now() > deadline) die("no " + type + " within " + std::to_string(timeout_s) + " s:\n" + tail_of(log));
      pollfd p{in, POLLIN, 0};
      if (::poll(&p, 1, 200) > 0) {
        char buf[4096];
        while (::read(in, buf, sizeof buf) > 0) {
        }
      }
    }
  }

  // SIGINT, as Ctrl-C would; returns its exit code (SIGKILL after 30 s).
  int stop() {
    ::kill(pid, SIGINT);
    auto deadline = Clock::now() + std::chrono::seconds(30);
    int status = 0;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
      if (Clock::now() > deadline) {
        std::fprintf(stderr, "bench: the supervisor ignored SIGINT for 30 s; killing it\n");
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    auto& sv = cleanup().supervisors;
    sv.erase(std::remove(sv.begin(), sv.end(), pid), sv.end());
    pid = -1;
    return exit_code_of(status);
  }
};

// A private tmux server (socket named after `dir`) with one window per id
// running `team-agent fake-agent --id ID` in `dir`; returns the pane ids once
// every agent has drawn its screen. The reference tool's set-up.
inline std::vector<std::string> start_fake_panes(const std::string& bin, const std::string& dir,
                                                 const std::vector<std::string>& ids,
                                                 terminal::TmuxServer** server_out) {
  using namespace terminal;
  std::filesystem::create_directories(dir);
  ServerOptions so;
  so.socket_name = socket_name_for_workspace(dir);
  cleanup().servers.push_back(need(TmuxServer::locate(so), "tmux"));
  TmuxServer& server = cleanup().servers.back();
  StartOptions start;
  start.session = "bench";
  start.command = {"cat"};  // a placeholder first window; agents get their own
  need(server.start(start), "tmux start");
  std::vector<std::string> panes;
  for (auto& id : ids) {
    SpawnSpec s;
    s.argv = {bin, "fake-agent", "--id", id};
    s.cwd = dir;
    s.env = {{"TEAM_AGENT_ID", id}};
    panes.push_back(need(new_window(server, "bench", s), "new-window"));
  }
  auto deadline = Clock::now() + std::chrono::seconds(30);
  for (auto& p : panes) {
    // The fake agent is ready once its footer (model name) is drawn.
    while (need(capture_pane(server, p), "capture").find("fake-model") == std::string::npos) {
      if (Clock::now() > deadline) die("fake agent in " + p + " never drew its screen");
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  *server_out = &server;
  return panes;
}

// utime+stime of `pid` and of its children it has waited for, in seconds.
inline double cpu_seconds_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto close = s.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream fields(s.substr(close + 2));
  std::vector<std::string> f;  // f[0] is field 3 (state)
  for (std::string w; fields >> w;) f.push_back(w);
  if (f.size() < 15) return -1;
  double ticks = std::stod(f[11]) + std::stod(f[12]) + std::stod(f[13]) + std::stod(f[14]);
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// VmRSS of `pid` in MiB (0 when gone).
inline double rss_mib_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return 0;
}

// The tmux server's own pid (its CPU is part of what a way of watching costs).
inline pid_t tmux_server_pid(terminal::TmuxServer& server) {
  auto out = server.run_text({"display-message", "-p", "#{pid}"});
  return out ? static_cast<pid_t>(std::atoi(out->c_str())) : -1;
}

// This process's CPU (utime+stime) plus that of the children it waited
// for, in seconds: what a watcher running tmux subprocesses costs.
inline double self_and_children_cpu() {
  auto secs = [](const rusage& r) {
    return static_cast<double>(r.ru_utime.tv_sec + r.ru_stime.tv_sec) +
           static_cast<double>(r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1e6;
  };
  rusage self{}, kids{};
  ::getrusage(RUSAGE_SELF, &self);
  ::getrusage(RUSAGE_CHILDREN, &kids);
  return secs(self) + secs(kids);
}

inline double cpu_pct(double cpu_s, double wall_s) { return wall_s > 0 ? cpu_s / wall_s * 100 : 0; }

// The simple way of watching panes, for `seconds`: a `tmux capture-pane`
// subprocess per pane every 500 ms. Its cost (% of a core): this process
// with its subprocesses, and the tmux server's; RSS max in MiB.
struct PollingCost {
  double cpu_pct = 0, tmux_cpu_pct = 0, rss_max_mib = 0;
  double reads_per_s = 0;  // captures done: below 2 per pane when it fell behind
};
inline PollingCost poll_panes(terminal::TmuxServer& server, const std::vector<std::string>& panes,
                              int seconds) {
  const pid_t tmux = tmux_server_pid(server);
  PollingCost c;
  std::size_t reads = 0;
  const auto t0 = Clock::now();
  const double cpu0 = self_and_children_cpu(), tmux0 = cpu_seconds_of(tmux);
  const auto end = t0 + std::chrono::seconds(seconds);
  auto next_rss = t0 + std::chrono::seconds(1);
  for (auto tick = t0; tick < end; tick += std::chrono::milliseconds(500)) {
    std::this_thread::sleep_until(tick);
    for (const auto& p : panes) need(server.run_text({"capture-pane", "-p", "-t", p}), "capture-pane");
    reads += panes.size();
    if (Clock::now() >= next_rss) {
      c.rss_max_mib = std::max(c.rss_max_mib, rss_mib_of(::getpid()));
      next_rss += std::chrono::seconds(1);
    }
  }
  std::this_thread::sleep_until(end);
  const double wall = seconds_since(t0);
  c.cpu_pct = cpu_pct(self_and_children_cpu() - cpu0, wall);
  c.reads_per_s = static_cast<double>(reads) / wall;
  if (tmux > 0) c.tmux_cpu_pct = cpu_pct(cpu_seconds_of(tmux) - tmux0, wall);
  return c;
}

}  // namespace ta::bench
