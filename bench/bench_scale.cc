// What a team costs as it grows: for N = 1, 8, 32 and 64 fake workers (and
// a leader), in one run, each N in a fresh workspace:
//   - start: `team-agent run` → every pane's first `ready`;
//   - idle CPU of the supervisor and of the tmux server over a window, and
//     the supervisor's RSS;
//   - `send` → `send.submitted` (log timestamps; the delivery alone too),
//     4 senders at once, and a fan-out to every worker (`send '*'`);
//   - `shutdown --kill-panes` wall time.
// Not yet measured here: `%output` throughput with every pane printing, and
// the per-N baselines (the polling way is measured by bench_idle at N = 8).
//
//   bench_scale TEAM_AGENT_BIN [WORKDIR] [JSON_OUT]
//   BENCH_SCALE_NS=1,8,32,64   BENCH_SCALE_IDLE_SECONDS=60   BENCH_SCALE_MESSAGES=200
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <thread>

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

// Workers that never answer: only what the supervisor does is measured.
std::string scale_workspace(const std::string& dir, int n) {
  auto ws = make_fake_workspace(dir, "bench-scale", worker_ids(n));
  auto path = ws + "/.team/team.json";
  auto spec = nlohmann::json::parse(tail_of(path, 1 << 24));
  for (auto& a : spec["agents"]) a["args"] = {"--reply", "none", "--work-ms", "50"};
  std::ofstream(path) << spec.dump(2) << "\n";
  return ws;
}

struct Figures {
  int n = 0;
  double start_s = 0, idle_cpu = 0, tmux_cpu = 0, rss = 0;
  double send_p50 = 0, send_p99 = 0, deliver_p50 = 0, fan_p50 = 0, fan_p99 = 0, shutdown_s = 0;
  int failed = 0;
};

// 4 senders at once, each waiting for its message's outcome before the
// next (as `send` does), `count` messages in all, round robin over the workers.
Latencies concurrent_sends(const std::string& bin, const std::string& ws, int n, int count) {
  const auto after = last_seq(ws);
  std::vector<std::thread> senders;
  for (int s = 0; s < 4; ++s)
    senders.emplace_back([&, s] {
      for (int i = s; i < count; i += 4)
        run_cli(bin, {"--workspace", ws, "send", "w" + std::to_string(i % n + 1),
                      "scale message " + std::to_string(i), "--from", "leader"},
                ws + "/send.out");
    });
  for (auto& t : senders) t.join();
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
  terminal::ServerOptions so;
  so.socket_name = terminal::socket_name_for_workspace(ws);
  auto server = need(terminal::TmuxServer::locate(so), "tmux");
  const pid_t tmux_pid = tmux_server_pid(server);
  const int window = env_int("BENCH_SCALE_IDLE_SECONDS", 60);
  const double c0 = cpu_seconds_of(sup.pid), t0_tmux = cpu_seconds_of(tmux_pid);
  const auto w0 = Clock::now();
  std::this_thread::sleep_for(std::chrono::seconds(window));
  const double wall = seconds_since(w0);
  f.idle_cpu = (cpu_seconds_of(sup.pid) - c0) / wall * 100;
  f.tmux_cpu = (cpu_seconds_of(tmux_pid) - t0_tmux) / wall * 100;
  f.rss = rss_mib_of(sup.pid);

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
  return f;
}

void print(const std::vector<Figures>& all, const std::string& json_path) {
  std::printf("\nteam size scale (fake workers; idle window %d s; %d messages by 4 senders)\n",
              env_int("BENCH_SCALE_IDLE_SECONDS", 60), env_int("BENCH_SCALE_MESSAGES", 200));
  std::printf("%4s %9s %10s %10s %9s %18s %12s %18s %11s %7s\n", "N", "start s", "idle cpu%",
              "tmux cpu%", "RSS MiB", "send p50/p99 ms", "deliver p50", "fan-out p50/p99",
              "shutdown s", "failed");
  std::ofstream out;
  if (!json_path.empty()) out.open(json_path, std::ios::app);
  for (const auto& f : all) {
    std::printf("%4d %9.2f %10.3f %10.3f %9.1f %8.1f / %7.1f %12.1f %8.1f / %7.1f %11.2f %7d\n",
                f.n, f.start_s, f.idle_cpu, f.tmux_cpu, f.rss, f.send_p50, f.send_p99,
                f.deliver_p50, f.fan_p50, f.fan_p99, f.shutdown_s, f.failed);
    if (out.is_open())
      out << nlohmann::json{{"bench", "scale"},        {"n", f.n},
                            {"start_s", f.start_s},    {"idle_cpu_pct", f.idle_cpu},
                            {"tmux_cpu_pct", f.tmux_cpu}, {"rss_mib", f.rss},
                            {"send_p50_ms", f.send_p50}, {"send_p99_ms", f.send_p99},
                            {"deliver_p50_ms", f.deliver_p50},
                            {"fanout_p50_ms", f.fan_p50}, {"fanout_p99_ms", f.fan_p99},
                            {"shutdown_s", f.shutdown_s}, {"failed", f.failed}}
                 .dump()
          << "\n";
  }
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
