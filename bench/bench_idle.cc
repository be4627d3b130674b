// What an idle team costs: CPU (% of one core) and RSS of a `team-agent run`
// supervisor watching 8 idle fake agents, against the reference tool's way of
// watching the same 8 panes: a loop running `tmux capture-pane` as a
// subprocess for every pane every 500 ms. The tmux server's own CPU is shown
// too, since each way makes it do different work.
//
//   bench_idle TEAM_AGENT_BIN [WORKDIR] [JSON_OUT]
//   BENCH_IDLE_SECONDS=60   length of each measured window
#include <sys/resource.h>

#include <cstdio>
#include <filesystem>
#include <thread>

#include "bench/bench_workspace.h"

using namespace ta;
using namespace ta::bench;

namespace {

const std::vector<std::string> kWorkers = {"w1", "w2", "w3", "w4", "w5", "w6", "w7"};  // + leader
constexpr auto kWarmUp = std::chrono::seconds(3);

struct Usage {
  double cpu_pct = 0;       // of one core, over the window
  double rss_max_mib = 0;
  double tmux_cpu_pct = 0;  // the tmux server's, over the same window
};


// How many events of `type` (every event: "") the workspace's log holds.
int count_events(const std::string& ws, const std::string& type) {
  events::LogReader reader(ws + "/.team/events");
  events::Event e;
  int n = 0;
  for (auto next = reader.next(e); next != events::LogReader::Next::end; next = reader.next(e)) {
    if (next == events::LogReader::Next::corrupt) reader.skip_corrupt();
    else n += type.empty() || e.type == type;
  }
  return n;
}

// Every agent has worked once, so each keeps a session file (under
// CODEX_HOME) that the health watch reads while the team is idle.
Usage measure_ours(const std::string& bin, const std::string& dir, int seconds) {
  std::string ws = make_fake_workspace(dir, "bench-idle", kWorkers);
  std::filesystem::create_directories(ws + "/codex-home");
  ::setenv("CODEX_HOME", (ws + "/codex-home").c_str(), 1);
  auto sup = Supervisor::start(bin, ws);
  sup.wait_for("supervisor.started", 60);
  for (const auto& w : kWorkers)
    if (run_cli(bin, {"--workspace", ws, "send", w, "warm up", "--from", "leader"},
                ws + "/send.out") != 0)
      die("the warm-up message to " + w + " failed:\n" + tail_of(ws + "/send.out"));
  // The workers report, the leader is told; a minute later (the default
  // runtime.idle_reminder_after_s) the leader is reminded once that the team
  // is idle. The steady state measured is after that: nothing appended for
  // a while (checked every 500 ms; this is set-up, not measured).
  int seen = -1;
  const auto give_up = Clock::now() + std::chrono::seconds(180);
  for (auto quiet_since = Clock::now();
       Clock::now() - quiet_since < std::chrono::seconds(5) || count_events(ws, "idle.reminder_sent") == 0;) {
    if (Clock::now() > give_up)
      die("the team never went quiet after its idle reminder:\n" + tail_of(sup.log));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    int now = count_events(ws, "");
    if (now != seen) seen = now, quiet_since = Clock::now();
  }
  std::this_thread::sleep_for(kWarmUp);
  if (count_events(ws, "idle.reminder_sent") != 1)
    die("the leader was reminded more than once that the team is idle:\n" + tail_of(sup.log));
  const int watched = count_events(ws, "session.captured");
  std::fprintf(stderr, "bench_idle: %d session files watched by the health watch\n", watched);
  if (watched < static_cast<int>(kWorkers.size()))
    die("only " + std::to_string(watched) + " agents' sessions were captured:\n" + tail_of(sup.log));
  pid_t tmux = tmux_server_pid(cleanup().servers.back());

  Usage u;
  auto t0 = Clock::now();
  double cpu0 = cpu_seconds_of(sup.pid), tmux0 = cpu_seconds_of(tmux);
  for (int i = 1; i <= seconds; ++i) {
    std::this_thread::sleep_until(t0 + std::chrono::seconds(i));
    u.rss_max_mib = std::max(u.rss_max_mib, rss_mib_of(sup.pid));
  }
  double cpu1 = cpu_seconds_of(sup.pid), tmux1 = cpu_seconds_of(tmux);
  double wall = seconds_since(t0);
  if (cpu0 < 0 || cpu1 < 0) die("the supervisor went away during the window:\n" + tail_of(sup.log));
  u.cpu_pct = cpu_pct(cpu1 - cpu0, wall);
  if (tmux > 0) u.tmux_cpu_pct = cpu_pct(tmux1 - tmux0, wall);
  int code = sup.stop();
  if (code != 130 && code != 143 && code != 0)
    std::fprintf(stderr, "bench_idle: the supervisor exited with %d on SIGINT\n", code);
  return u;
}

// This process is the watcher: its own CPU plus that of the tmux
// subprocesses it ran and waited for, and its own RSS.
Usage measure_baseline(const std::string& bin, const std::string& dir, int seconds) {
  std::vector<std::string> ids = kWorkers;
  ids.insert(ids.begin(), "leader");
  terminal::TmuxServer* server = nullptr;
  auto panes = start_fake_panes(bin, dir, ids, &server);
  std::this_thread::sleep_for(kWarmUp);

  auto polled = poll_panes(*server, panes, seconds);
  Usage u;
  u.cpu_pct = polled.cpu_pct;
  u.tmux_cpu_pct = polled.tmux_cpu_pct;
  u.rss_max_mib = polled.rss_max_mib;
  return u;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2)
    return std::fprintf(stderr, "usage: bench_idle TEAM_AGENT_BIN [WORKDIR] [JSON_OUT]\n"), 2;
  std::string bin = std::filesystem::absolute(argv[1]).string();
  std::string work = argc > 2 ? argv[2] : "/tmp/team-agent-bench-idle";
  std::string json = argc > 3 ? argv[3] : "";
  int seconds = env_int("BENCH_IDLE_SECONDS", 60);
  if (seconds < 1) die("BENCH_IDLE_SECONDS must be at least 1");
  std::filesystem::create_directories(work);

  auto base = measure_baseline(bin, work + "/baseline", seconds);
  cleanup().run();
  std::fprintf(stderr, "bench_idle: baseline %.3f%% CPU, %.1f MiB; now ours\n", base.cpu_pct,
               base.rss_max_mib);
  auto ours = measure_ours(bin, work + "/ours", seconds);
  cleanup().run();

  const std::string how = "tmux capture-pane subprocess per pane every 500 ms";
  report("supervisor idle cost (8 idle fake panes, their session files watched, " +
             std::to_string(seconds) + " s window)",
         {{"idle CPU", "% of a core", ours.cpu_pct, base.cpu_pct, how, "<= 0.2",
           ours.cpu_pct <= 0.2, true},
          {"idle RSS (max)", "MiB", ours.rss_max_mib, base.rss_max_mib, how, "<= 40",
           ours.rss_max_mib <= 40, true},
          {"tmux server CPU meanwhile", "% of a core", ours.tmux_cpu_pct, base.tmux_cpu_pct,
           how, "", true, true}},
         json);
  // /proc counts CPU in clock ticks, so 0 means less than one tick in the window.
  std::printf("(unrounded: ours %.3f%% CPU, baseline %.3f%%; one tick over the window is %.3f%%)\n",
              ours.cpu_pct, base.cpu_pct,
              100.0 / static_cast<double>(::sysconf(_SC_CLK_TCK)) / seconds);
  std::filesystem::remove_all(work);
  return 0;
}
