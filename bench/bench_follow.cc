// `events --follow` latency: time from the start of an append by another
// process's log handle to the line printed by a running `team-agent events
// -f` (inotify), against a follower that polls the log every 500 ms.
//
//   bench_follow TEAM_AGENT_BIN [WORKDIR] [JSON_OUT]
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <condition_variable>
#include <random>
#include <thread>

#include "bench/bench_util.h"
#include "events/log.h"
#include "events/reader.h"

using namespace ta;
using namespace ta::events;

namespace {

Draft tick(int i) {
  return Draft{"bench.tick", 1, Json{{"i", i}}, "", ""};
}

std::vector<double> follow_latencies(const std::string& bin, const std::string& ws, EventLog& log,
                                     int n) {
  // --after pins the start, so the first event is seen even if it lands
  // before the follower is up.
  std::string cmd = "'" + bin + "' --workspace '" + ws + "' events -f -o json --after " +
                    std::to_string(log.last_seq()) + " --count " + std::to_string(n + 1);
  FILE* out = ::popen(cmd.c_str(), "r");
  if (!out) return {};
  char line[4096];
  std::vector<double> lat;
  // The first event proves the follower is up before anything is timed.
  if (!log.append(tick(-1)) || !std::fgets(line, sizeof line, out)) return {};
  std::mt19937 rng(7);
  for (int i = 0; i < n; ++i) {
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % 5000));  // unaligned arrivals
    auto t0 = bench::Clock::now();
    if (!log.append(tick(i)) || !std::fgets(line, sizeof line, out)) break;
    lat.push_back(bench::seconds_since(t0) * 1000);
  }
  ::pclose(out);
  return lat;
}

// The simple way: read the log every 500 ms.
std::vector<double> polling_latencies(const std::string& dir, EventLog& log, int n) {
  std::mutex mu;
  std::condition_variable cv;
  std::uint64_t seen = log.last_seq();
  bool stop = false;
  std::thread poller([&] {
    LogReader r(dir);
    r.seek_after(seen);
    Event e;
    for (;;) {
      {
        std::unique_lock<std::mutex> lk(mu);
        if (cv.wait_for(lk, std::chrono::milliseconds(500), [&] { return stop; })) return;
      }
      while (r.next(e) == LogReader::Next::event) {
        std::lock_guard<std::mutex> g(mu);
        seen = e.seq;
      }
      cv.notify_all();
    }
  });
  std::vector<double> lat;
  std::mt19937 rng(7);
  for (int i = 0; i < n; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 500));
    auto t0 = bench::Clock::now();
    auto a = log.append(tick(i));
    if (!a) break;
    std::unique_lock<std::mutex> lk(mu);
    cv.wait(lk, [&] { return seen >= a->seq; });
    lat.push_back(bench::seconds_since(t0) * 1000);
  }
  {
    std::lock_guard<std::mutex> g(mu);
    stop = true;
  }
  cv.notify_all();
  poller.join();
  return lat;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return std::fprintf(stderr, "usage: bench_follow TEAM_AGENT_BIN [WORKDIR] [JSON]\n"), 2;
  std::string bin = argv[1];
  std::string ws = argc > 2 ? argv[2] : "/tmp/team-agent-bench-follow";
  std::string json = argc > 3 ? argv[3] : "";
  std::filesystem::remove_all(ws);
  std::filesystem::create_directories(ws + "/.team");
  LogOptions o;
  o.team = "bench";  // durable appends, as every real appender does
  auto log = EventLog::open(ws + "/.team/events", o);
  if (!log) return std::fprintf(stderr, "%s\n", log.error().message.c_str()), 1;

  auto ours = follow_latencies(bin, ws, **log, 300);
  auto base = polling_latencies(ws + "/.team/events", **log, 20);
  if (ours.size() != 300 || base.size() != 20)
    return std::fprintf(stderr, "follower stopped early (%zu, %zu)\n", ours.size(), base.size()), 1;
  double p50 = bench::percentile(ours, 50), p99 = bench::percentile(ours, 99);
  bench::report("events --follow latency (append start -> line printed; includes the fdatasync)",
                {{"follow latency p50", "ms", p50, bench::percentile(base, 50),
                  "poll the log every 500 ms", "", true, true},
                 {"follow latency p99", "ms", p99, bench::percentile(base, 99),
                  "poll the log every 500 ms", "<= 20", p99 <= 20, true}},
                json);
  std::filesystem::remove_all(ws);
  return 0;
}
