// Durable appends per second: group commit (many submitters, one lock + write
// + fdatasync per batch) against the simple way (one fdatasync per event).
//
//   bench_append [WORKDIR] [JSON_OUT]
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "bench/bench_util.h"
#include "events/group_commit.h"
#include "events/log.h"

using namespace ta;
using namespace ta::events;

namespace {

Draft sample(int producer, int i) {
  return Draft{"message.accepted", 1,
               Json{{"message_id", "msg_" + std::to_string(1000000000000 + producer * 1000000 + i)},
                    {"from", "leader"}, {"to", "backend"}, {"content", "please look at issue 42"}},
               "", ""};
}

}  // namespace

int main(int argc, char** argv) {
  std::string work = argc > 1 ? argv[1] : "/tmp/team-agent-bench-append";
  std::string json = argc > 2 ? argv[2] : "";
  std::filesystem::remove_all(work);
  LogOptions o;
  o.team = "bench";

  // Group commit: producers submit as fast as they can; every event is
  // durable (fdatasync) before its future resolves.
  constexpr int kProducers = 4, kPerProducer = 50000;
  auto gc_log = EventLog::open(work + "/group", o);
  if (!gc_log) return std::fprintf(stderr, "%s\n", gc_log.error().message.c_str()), 1;
  double gc_secs;
  size_t batches;
  {
    GroupCommitter gc(**gc_log);
    auto t0 = bench::Clock::now();
    std::vector<std::thread> producers;
    std::atomic<int> failures{0};
    for (int p = 0; p < kProducers; ++p) {
      producers.emplace_back([&, p] {
        // Keep a bounded window in flight, as real submitters (actors) do.
        std::vector<std::future<Result<Appended>>> window;
        for (int i = 0; i < kPerProducer; ++i) {
          window.push_back(gc.submit(sample(p, i)));
          if (window.size() == 1024) {
            for (auto& f : window) if (!f.get()) ++failures;
            window.clear();
          }
        }
        for (auto& f : window) if (!f.get()) ++failures;
      });
    }
    for (auto& t : producers) t.join();
    gc_secs = bench::seconds_since(t0);
    batches = gc.batches();
    if (failures) return std::fprintf(stderr, "%d appends failed\n", failures.load()), 1;
  }
  double gc_rate = kProducers * kPerProducer / gc_secs;

  // Baseline: one append (lock + write + fdatasync) per event.
  constexpr int kSimple = 5000;
  auto simple = EventLog::open(work + "/simple", o);
  if (!simple) return 1;
  auto t0 = bench::Clock::now();
  for (int i = 0; i < kSimple; ++i)
    if (!(*simple)->append(sample(0, i))) return 1;
  double simple_rate = kSimple / bench::seconds_since(t0);

  std::printf("group commit: %d events in %.2f s, %zu batches (%.0f events per fdatasync)\n",
              kProducers * kPerProducer, gc_secs, batches,
              static_cast<double>(kProducers * kPerProducer) / static_cast<double>(batches));
  bench::report("durable append", {{"durable appends/s, group commit", "events/s", gc_rate,
                                    simple_rate, "one fdatasync per event", ">= 100000",
                                    gc_rate >= 100000}},
                json);
  std::filesystem::remove_all(work);
  return 0;
}
