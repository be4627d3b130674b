// What a team costs as it grows: for N = 1, 8, 32 and 64 fake workers (and
// a leader), in one run, each N in a fresh workspace:
//   - start: `team-agent run` → every pane's first `ready`;
//   - idle CPU of the supervisor and of the tmux server over a window, and
//     the supervisor's RSS;
//   - `send` → `send.submitted` (log timestamps; the delivery alone too),
//     4 senders at once, and a fan-out to every worker (`send '*'`);
//   - `shutdown --kill-panes` wall time.
//   - the simple way next to the idle figure: a `tmux capture-pane`
//     subprocess per pane every 500 ms over the same panes;
//   - `%output` under load: a second team of N workers each printing
//     10 KiB/s of tool output (fake agent --output-rate) for a window, the
//     supervisor's and the tmux server's CPU, then the polling way on the
//     same printing panes.
//
//   bench_scale TEAM_AGENT_BIN [WORKDIR] [JSON_OUT]
//   BENCH_SCALE_NS=1,8,32,64   BENCH_SCALE_IDLE_SECONDS=60   BENCH_SCALE_MESSAGES=200
//   BENCH_SCALE_POLL_SECONDS=10   BENCH_SCALE_OUTPUT_SECONDS=15
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>
#include <utility>

#include "bench/bench_log.h"
#include "bench/bench_workspace.h"
#include "util/clock.h"

using namespace ta;
using namespace ta::bench;

namespace {

std::vector<int> team_sizes() {
  const char* v = std::getenv("BENCH_SCALE_NS");
  std::vector<int> out;
  std::stringstream in(v && *v ? v : "1,8,32,64");
  for (std::string n; std::getline(in, n, ',');)
    if (std::atoi(n.c_str()) > 0) out.push_back(std::atoi(n.c_str()));
  return out;
}

std::vector<std::string> worker_ids(int n) {
  std::vector<std::string> ids;
  for (int i = 1; i <= n; ++i) ids.push_back("w" + std::to_string(i));
  return ids;
}

constexpr int kOutputRate = 10 * 1024;  // bytes per second per printing pane

// Workers that never answer: only what the supervisor does is measured.
std::string scale_workspace(const std::string& dir, int n,
                            const std::vector<std::string>& args = {"--reply", "none",
                                                                    "--work-ms", "50"}) {
  auto ws = make_fake_workspace(dir, "bench-scale", worker_ids(n));
  auto path = ws + "/.team/team.json";
  auto spec = nlohmann::json::parse(tail_of(path, 1 << 24));
  for (auto& a : spec["agents"]) a["args"] = args;
  std::ofstream(path) << spec.dump(2) << "\n";
  return ws;
}

struct Figures {
  int n = 0;
  double start_s = 0, idle_cpu = 0, tmux_cpu = 0, rss = 0;
  PollingCost idle_poll;  // the simple way over the same idle panes
  // Every worker printing kOutputRate: the supervisor's and tmux's CPU, and
  // the simple way over the same printing panes.
  double out_cpu = 0, out_tmux_cpu = 0;
  PollingCost out_poll;
  double send_p50 = 0, send_p99 = 0, deliver_p50 = 0, fan_p50 = 0, fan_p99 = 0, shutdown_s = 0;
  int failed = 0;
};

// 4 senders at once, each waiting for its message's outcome before the
// next (as `send` does), `count` messages in all, round robin over the workers.
Latencies concurrent_sends(const std::string& bin, const std::string& ws, int n, int count) {
  const auto after = last_seq(ws);
  send_concurrently(bin, ws, n, count, "scale message");
  await_log(ws, 300, "outcome of every message", [&](const auto& log) {
    return latencies(log, after).outcomes >= static_cast<std::size_t>(count);
  });
  return latencies(log_of(ws), after);
}

Latencies fan_out(const std::string& bin, const std::string& ws, int n) {
  const auto after = last_seq(ws);
  if (run_cli(bin, {"--workspace", ws, "send", "*", "to everyone", "--from", "leader",
                    "--no-wait"}, ws + "/send.out") != 0)
    die("send '*' failed:\n" + tail_of(ws + "/send.out"));
  await_log(ws, 300, "outcome of the fan-out", [&](const auto& log) {
    return latencies(log, after).outcomes >= static_cast<std::size_t>(n);
  });
  return latencies(log_of(ws), after);
}

// The workers' panes, from pane.started.
std::vector<std::string> worker_panes(const std::vector<events::Event>& log) {
  std::vector<std::string> panes;
  for (const auto& e : log)
    if (e.type == "pane.started" && e.data.value("agent_id", "") != "leader")
      panes.push_back(e.data.value("pane_id", ""));
  return panes;
}

terminal::TmuxServer team_server(const std::string& ws) {
  terminal::ServerOptions so;
  so.socket_name = terminal::socket_name_for_workspace(ws);
  return need(terminal::TmuxServer::locate(so), "tmux");
}

// CPU (% of a core) of the supervisor and of the tmux server over `seconds`.
std::pair<double, double> cpu_over(pid_t sup, pid_t tmux, int seconds) {
  const double c0 = cpu_seconds_of(sup), t0 = cpu_seconds_of(tmux);
  const auto w0 = Clock::now();
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  const double wall = seconds_since(w0);
  return {cpu_pct(cpu_seconds_of(sup) - c0, wall), cpu_pct(cpu_seconds_of(tmux) - t0, wall)};
}

// A second team whose N workers each print kOutputRate while working on one
// long message: what the `%output` stream costs the supervisor and tmux,
// then what polling the same printing panes costs.
void measure_output(const std::string& bin, const std::string& dir, int n, Figures& f) {
  const int window = env_int("BENCH_SCALE_OUTPUT_SECONDS", 15);
  const int work_ms = (2 * window + 60) * 1000;
  auto ws = scale_workspace(dir + "/n" + std::to_string(n) + "-output", n,
                            {"--reply", "none", "--work-ms", std::to_string(work_ms),
                             "--output-rate", std::to_string(kOutputRate)});
  auto sup = Supervisor::start(bin, ws);
  await_log(ws, 120, "ready panes", [&](const auto& log) {
    return ready_agents(log) >= static_cast<std::size_t>(n + 1);
  });
  const auto after = last_seq(ws);
  if (run_cli(bin, {"--workspace", ws, "send", "*", "print your build log", "--from", "leader",
                    "--no-wait"}, ws + "/send.out") != 0)
    die("send '*' failed:\n" + tail_of(ws + "/send.out"));
  await_log(ws, 120, "every worker printing", [&](const auto& log) {
    std::set<std::string> busy;
    for (const auto& e : log)
      if (e.seq > after && e.type == "pane.state_changed" && e.data.value("to", "") == "busy")
        busy.insert(e.data.value("agent_id", ""));
    return busy.size() >= static_cast<std::size_t>(n);
  });
  std::this_thread::sleep_for(std::chrono::seconds(2));
  auto server = team_server(ws);
  std::tie(f.out_cpu, f.out_tmux_cpu) = cpu_over(sup.pid, tmux_server_pid(server), window);
  f.out_poll = poll_panes(server, worker_panes(log_of(ws)), window);
  if (run_cli(bin, {"--workspace", ws, "shutdown", "--kill-panes"}, ws + "/shutdown.out") != 0)
    die("shutdown failed:\n" + tail_of(ws + "/shutdown.out"));
  sup.stop();
}

Figures measure(const std::string& bin, const std::string& dir, int n) {
  Figures f;
  f.n = n;
  auto ws = scale_workspace(dir + "/n" + std::to_string(n), n);
  const auto t0 = Clock::now();
  auto sup = Supervisor::start(bin, ws);
  await_log(ws, 120, "ready panes", [&](const auto& log) {
    return ready_agents(log) >= static_cast<std::size_t>(n + 1);
  });
  f.start_s = seconds_since(t0);

  std::this_thread::sleep_for(std::chrono::seconds(3));  // the start's own work settles
  auto server = team_server(ws);
  std::tie(f.idle_cpu, f.tmux_cpu) =
    cpu_over(sup.pid, tmux_server_pid(server), env_int("BENCH_SCALE_IDLE_SECONDS", 60));
  f.rss = rss_mib_of(sup.pid);
  f.idle_poll = poll_panes(server, worker_panes(log_of(ws)), env_int("BENCH_SCALE_POLL_SECONDS", 10));

  auto sends = concurrent_sends(bin, ws, n, env_int("BENCH_SCALE_MESSAGES", 200));
  f.send_p50 = percentile(sends.ms, 50);
  f.send_p99 = percentile(sends.ms, 99);
  f.deliver_p50 = percentile(sends.delivery_ms, 50);
  auto fan = fan_out(bin, ws, n);
  f.fan_p50 = percentile(fan.ms, 50);
  f.fan_p99 = percentile(fan.ms, 99);
  f.failed = sends.failed + fan.failed;

  const auto s0 = Clock::now();
  if (run_cli(bin, {"--workspace", ws, "shutdown", "--kill-panes"}, ws + "/shutdown.out") != 0)
    die("shutdown failed:\n" + tail_of(ws + "/shutdown.out"));
  f.shutdown_s = seconds_since(s0);
  sup.stop();
  measure_output(bin, dir, n, f);
  return f;
}

void print(const std::vector<Figures>& all, const std::string& json_path) {
  std::printf("\nteam size scale (fake workers; idle window %d s; %d messages by 4 senders)\n",
              env_int("BENCH_SCALE_IDLE_SECONDS", 60), env_int("BENCH_SCALE_MESSAGES", 200));
  std::printf("%4s %9s %10s %10s %9s %18s %12s %18s %11s %7s\n", "N", "start s", "idle cpu%",
              "tmux cpu%", "RSS MiB", "send p50/p99 ms", "deliver p50", "fan-out p50/p99",
              "shutdown s", "failed");
  for (const auto& f : all)
    std::printf("%4d %9.2f %10.3f %10.3f %9.1f %8.1f / %7.1f %12.1f %8.1f / %7.1f %11.2f %7d\n",
                f.n, f.start_s, f.idle_cpu, f.tmux_cpu, f.rss, f.send_p50, f.send_p99,
                f.deliver_p50, f.fan_p50, f.fan_p99, f.shutdown_s, f.failed);
  std::printf("\nthe simple way, and every worker printing %d KiB/s (%%output); cpu%% of a core, "
              "watcher / tmux server\n", kOutputRate / 1024);
  std::printf("%4s %22s %12s %22s %22s %14s\n", "N", "idle: polling 500 ms", "output KiB/s",
              "printing: ours", "printing: polling", "polls done/s");
  for (const auto& f : all)
    std::printf("%4d %10.3f / %9.3f %12d %10.3f / %9.3f %10.3f / %9.3f %6.0f of %3d\n", f.n,
                f.idle_poll.cpu_pct, f.idle_poll.tmux_cpu_pct, f.n * kOutputRate / 1024,
                f.out_cpu, f.out_tmux_cpu, f.out_poll.cpu_pct, f.out_poll.tmux_cpu_pct,
                f.out_poll.reads_per_s, 2 * f.n);
  if (json_path.empty()) return;
  std::ofstream out(json_path, std::ios::app);
  for (const auto& f : all)
    out << nlohmann::json{{"bench", "scale"},           {"n", f.n},
                          {"start_s", f.start_s},       {"idle_cpu_pct", f.idle_cpu},
                          {"tmux_cpu_pct", f.tmux_cpu}, {"rss_mib", f.rss},
                          {"send_p50_ms", f.send_p50},  {"send_p99_ms", f.send_p99},
                          {"deliver_p50_ms", f.deliver_p50},
                          {"fanout_p50_ms", f.fan_p50}, {"fanout_p99_ms", f.fan_p99},
                          {"shutdown_s", f.shutdown_s}, {"failed", f.failed},
                          {"idle_poll_cpu_pct", f.idle_poll.cpu_pct},
                          {"idle_poll_tmux_cpu_pct", f.idle_poll.tmux_cpu_pct},
                          {"output_kib_s", f.n * kOutputRate / 1024},
                          {"output_cpu_pct", f.out_cpu},
                          {"output_tmux_cpu_pct", f.out_tmux_cpu},
                          {"output_poll_cpu_pct", f.out_poll.cpu_pct},
                          {"output_poll_tmux_cpu_pct", f.out_poll.tmux_cpu_pct},
                          {"output_poll_reads_per_s", f.out_poll.reads_per_s}}
             .dump()
        << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) die("usage: bench_scale TEAM_AGENT_BIN [WORKDIR] [JSON_OUT]");
  const std::string bin = argv[1];
  const std::string dir = argc > 2 ? argv[2] : "/tmp/bench-scale";
  const std::string json = argc > 3 ? argv[3] : "";
  std::vector<Figures> all;
  for (int n : team_sizes()) {
    std::fprintf(stderr, "bench_scale: N = %d\n", n);
    all.push_back(measure(bin, dir, n));
  }
  print(all, json);
  return 0;
}
