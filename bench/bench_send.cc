// `send` → `send.submitted` latency with fake agents: messages sent one after
// another, round-robin to three workers, through a running supervisor
// (`team-agent send`, which waits for the outcome), against the reference
// tool's way on the same fake agents: one tmux subprocess per step and the
// screen polled every 500 ms until the paste shows.
//
//   bench_send TEAM_AGENT_BIN [WORKDIR] [JSON_OUT]
//   BENCH_SEND_MESSAGES=200   messages per side
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include "bench/bench_workspace.h"
#include "config/provider_profile.h"
#include "terminal/message_text.h"
#include "util/clock.h"

using namespace ta;
using namespace ta::bench;

namespace {

const std::vector<std::string> kWorkers = {"w1", "w2", "w3"};

std::string content_of(int i) { return "bench message " + std::to_string(i); }

struct Ours {
  std::vector<double> cli_ms;     // wall time of each `team-agent send`
  std::vector<double> logged_ms;  // message.accepted ts -> send.submitted ts
  int failed = 0;
};

Ours run_ours(const std::string& bin, const std::string& dir, int n) {
  std::string ws = make_fake_workspace(dir, "bench-send", kWorkers);
  auto sup = Supervisor::start(bin, ws);
  sup.wait_for("supervisor.started", 60);
  Ours r;
  std::string out = ws + "/send.out";
  for (int i = 0; i < n; ++i) {
    auto t0 = Clock::now();
    int code = run_cli(bin,
                       {"--workspace", ws, "send", kWorkers[static_cast<size_t>(i) % kWorkers.size()],
                        content_of(i), "--from", "leader"},
                       out);
    r.cli_ms.push_back(seconds_since(t0) * 1000);
    if (code != 0) ++r.failed;
  }
  int code = sup.stop();
  if (code != 130 && code != 143 && code != 0)
    std::fprintf(stderr, "bench_send: the supervisor exited with %d on SIGINT\n", code);

  // The log's own timestamps: what the supervisor took, without the CLI's
  // start-up and its wait for the outcome.
  std::map<std::string, std::string> id_of_content;
  std::map<std::string, UnixMicros> accepted, submitted;
  events::LogReader reader(ws + "/.team/events");
  events::Event e;
  for (auto nx = reader.next(e); nx != events::LogReader::Next::end; nx = reader.next(e)) {
    if (nx == events::LogReader::Next::corrupt) {
      reader.skip_corrupt();
      continue;
    }
    auto ts = parse_rfc3339(e.ts);
    std::string id = e.data.value("message_id", "");
    if (!ts || id.empty()) continue;
    if (e.type == "message.accepted" && e.data.value("from", "") == "leader") {
      accepted[id] = *ts;
      id_of_content[e.data.value("content", "")] = id;
    } else if (e.type == "send.submitted") {
      submitted.emplace(id, *ts);
    }
  }
  for (int i = 0; i < n; ++i) {
    auto c = id_of_content.find(content_of(i));
    if (c == id_of_content.end()) continue;
    auto s = submitted.find(c->second);
    if (s != submitted.end()) r.logged_ms.push_back((s->second - accepted[c->second]) / 1000.0);
  }
  return r;
}

struct Baseline {
  std::vector<double> ms;
  int failed = 0;
};

// The reference tool's delivery: load-buffer, paste-buffer, poll
// capture-pane every 500 ms until the token shows, wait the provider's
// settle time, send Enter; every step a fresh tmux subprocess.
Baseline run_baseline(const std::string& bin, const std::string& dir, int n) {
  terminal::TmuxServer* server = nullptr;
  auto panes = start_fake_panes(bin, dir, kWorkers, &server);
  auto profile = need(config::builtin_profile("fake"), "fake profile");
  const auto settle = std::chrono::milliseconds(profile->settle_ms);
  std::mt19937_64 rng(std::random_device{}());
  Baseline r;
  for (int i = 0; i < n; ++i) {
    char hex[13];
    std::snprintf(hex, sizeof hex, "%012llx",
                  static_cast<unsigned long long>(rng() & 0xffffffffffffULL));
    std::string id = std::string("msg_") + hex;
    std::string text = terminal::render_message("leader", "", content_of(i), id);
    std::string token = terminal::message_token(id);
    std::string buffer = "bench-send-" + id;
    const std::string& pane = panes[static_cast<size_t>(i) % panes.size()];

    auto t0 = Clock::now();
    need(server->run_text({"load-buffer", "-b", buffer, "-"}, text), "load-buffer");
    need(server->run({"paste-buffer", "-p", "-d", "-b", buffer, "-t", pane}), "paste-buffer");
    auto give_up = t0 + std::chrono::seconds(30);
    bool seen = false;
    for (;;) {
      auto screen = need(server->run_text({"capture-pane", "-p", "-t", pane}), "capture-pane");
      if (screen.find(token) != std::string::npos) {
        seen = true;
        break;
      }
      if (Clock::now() > give_up) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    if (!seen) {
      ++r.failed;
      continue;
    }
    std::this_thread::sleep_for(settle);
    need(server->run({"send-keys", "-t", pane, "Enter"}), "send-keys");
    r.ms.push_back(seconds_since(t0) * 1000);
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2)
    return std::fprintf(stderr, "usage: bench_send TEAM_AGENT_BIN [WORKDIR] [JSON_OUT]\n"), 2;
  std::string bin = std::filesystem::absolute(argv[1]).string();
  std::string work = argc > 2 ? argv[2] : "/tmp/team-agent-bench-send";
  std::string json = argc > 3 ? argv[3] : "";
  int n = env_int("BENCH_SEND_MESSAGES", 200);
  if (n < 1) die("BENCH_SEND_MESSAGES must be at least 1");
  std::filesystem::create_directories(work);

  auto base = run_baseline(bin, work + "/baseline", n);
  cleanup().run();
  std::fprintf(stderr, "bench_send: baseline p50 %.1f ms over %zu messages; now ours\n",
               percentile(base.ms, 50), base.ms.size());
  auto ours = run_ours(bin, work + "/ours", n);
  cleanup().run();

  if (ours.failed || base.failed)
    std::fprintf(stderr, "bench_send: %d of ours and %d of the baseline's deliveries failed\n",
                 ours.failed, base.failed);
  if (ours.logged_ms.size() != static_cast<size_t>(n - ours.failed))
    std::fprintf(stderr, "bench_send: %zu of %d sends matched in the log\n", ours.logged_ms.size(), n);
  if (ours.logged_ms.empty() || base.ms.empty()) die("nothing was delivered");

  double p50 = percentile(ours.logged_ms, 50), p99 = percentile(ours.logged_ms, 99);
  double b50 = percentile(base.ms, 50), b99 = percentile(base.ms, 99);
  double cli50 = percentile(ours.cli_ms, 50);
  const std::string how = "tmux subprocess per step, screen polled every 500 ms";
  report("send -> send.submitted latency (" + std::to_string(n) +
             " messages, 3 fake workers; ours from the log's timestamps)",
         {{"send->submitted p50", "ms", p50, b50, how, "<= 150", p50 <= 150, true},
          {"send->submitted p99", "ms", p99, b99, how, "", true, true},
          {"`team-agent send` wall time p50", "ms", cli50, b50, how, "", true, true}},
         json);
  std::filesystem::remove_all(work);
  return 0;
}
