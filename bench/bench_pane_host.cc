// The latency a pane host adds (docs/scale-out.md): one team of 16 fake
// workers, 8 of them on `team-agent pane-host h2` (its own tmux server,
// connected to the run over loopback through CAF's middleman), the other 8
// on the run's own server. The same 4 concurrent senders address both
// halves round robin, so the local half is the baseline in the same run:
// accepted → submitted and the delivery alone (deliver_attempt →
// submitted), by the log's timestamps.
//
//   bench_pane_host TEAM_AGENT_BIN [WORKDIR] [JSON_OUT]
//   BENCH_PANE_HOST_MESSAGES=200
#include <cstdio>
#include <set>
#include <thread>

#include "bench/bench_log.h"
#include "bench/bench_workspace.h"

using namespace ta;
using namespace ta::bench;

namespace {

constexpr int kWorkers = 16;

std::string host_workspace(const std::string& dir, std::set<std::string>& remote) {
  std::vector<std::string> ids;
  for (int i = 1; i <= kWorkers; ++i) ids.push_back("w" + std::to_string(i));
  auto ws = make_fake_workspace(dir, "bench-host", ids);
  auto path = ws + "/.team/team.json";
  auto spec = nlohmann::json::parse(tail_of(path, 1 << 24));
  int i = 0;
  for (auto& a : spec["agents"]) {
    a["args"] = {"--reply", "none", "--work-ms", "50"};
    if (++i % 2 == 0) {
      a["host"] = "h2";
      remote.insert(a.value("id", ""));
    }
  }
  std::ofstream(path) << spec.dump(2) << "\n";
  return ws;
}

// `team-agent pane-host h2 --quiet` in the background, killed at the end
// with its tmux server.
pid_t start_pane_host(const std::string& bin, const std::string& ws) {
  SpawnOptions so;
  so.argv = {bin, "--workspace", ws, "pane-host", "h2", "--quiet"};
  so.env = current_environment();
  const auto log = ws + "/pane-host.out";
  int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  so.stdout_fd = so.stderr_fd = fd;
  so.new_process_group = true;
  auto pid = spawn_program(so);
  if (fd >= 0) ::close(fd);
  if (!pid) die("cannot start the pane host: " + pid.error().message);
  cleanup().supervisors.push_back(*pid);
  terminal::ServerOptions o;
  o.socket_name = terminal::socket_name_for_workspace(ws) + "-h2";
  if (auto server = terminal::TmuxServer::locate(o)) cleanup().servers.push_back(*server);
  return *pid;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) die("usage: bench_pane_host TEAM_AGENT_BIN [WORKDIR] [JSON_OUT]");
  const std::string bin = argv[1];
  const std::string dir = argc > 2 ? argv[2] : "/tmp/bench-pane-host";
  const std::string json = argc > 3 ? argv[3] : "";
  const int count = env_int("BENCH_PANE_HOST_MESSAGES", 200);
  std::set<std::string> remote, local;
  auto ws = host_workspace(dir, remote);
  for (int i = 1; i <= kWorkers; ++i)
    if (!remote.count("w" + std::to_string(i))) local.insert("w" + std::to_string(i));

  auto sup = Supervisor::start(bin, ws);
  sup.wait_for("supervisor.started", 60);
  start_pane_host(bin, ws);
  await_log(ws, 120, "ready panes",
            [&](const auto& log) { return ready_agents(log) >= kWorkers + 1; });
  std::this_thread::sleep_for(std::chrono::seconds(2));  // the start's own work settles

  const auto after = last_seq(ws);
  send_concurrently(bin, ws, kWorkers, count, "host message");
  await_log(ws, 300, "outcome of every message", [&](const auto& log) {
    return latencies(log, after).outcomes >= static_cast<std::size_t>(count);
  });
  const auto log = log_of(ws);
  const auto here = latencies(log, after, local), there = latencies(log, after, remote);
  sup.stop();

  const double here_p50 = percentile(here.ms, 50), there_p50 = percentile(there.ms, 50);
  const double here_d = percentile(here.delivery_ms, 50), there_d = percentile(there.delivery_ms, 50);
  std::printf("\npane host on loopback (16 fake workers, 8 on pane host h2; %d messages by 4 "
              "senders)\n", count);
  std::printf("%-22s %16s %16s %8s\n", "", "send p50/p99 ms", "delivery p50 ms", "failed");
  std::printf("%-22s %7.1f / %6.1f %16.1f %8d\n", "run's own tmux server", here_p50,
              percentile(here.ms, 99), here_d, here.failed);
  std::printf("%-22s %7.1f / %6.1f %16.1f %8d\n", "pane host (loopback)", there_p50,
              percentile(there.ms, 99), there_d, there.failed);
  std::printf("added by the pane host: %.1f ms (send p50), %.1f ms (delivery p50)\n",
              there_p50 - here_p50, there_d - here_d);
  if (!json.empty())
    std::ofstream(json, std::ios::app)
      << nlohmann::json{{"bench", "pane_host"},          {"messages", count},
                        {"local_send_p50_ms", here_p50}, {"remote_send_p50_ms", there_p50},
                        {"local_delivery_p50_ms", here_d}, {"remote_delivery_p50_ms", there_d},
                        {"failed", here.failed + there.failed}}
           .dump()
      << "\n";
  return here.failed + there.failed == 0 ? 0 : 1;
}
