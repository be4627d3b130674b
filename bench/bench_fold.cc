// Fold / replay rate: rebuild the projections from a 1M-event log (batched
// transactions, prepared statements) against the simple way (one transaction
// per event, as a naive projector would commit each event it sees).
//
//   bench_fold [WORKDIR] [JSON_OUT] [EVENTS]
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "bench/bench_util.h"
#include "events/log.h"
#include "events/types.h"
#include "store/db.h"
#include "store/fold.h"
#include "store/log_fold.h"
#include "store/replay.h"
#include "store/schema.h"

using namespace ta;
using namespace ta::events;

namespace {

// Half message.accepted, half send.submitted for those messages, across 8
// recipients: the shape of a busy team's log.
Status write_log(const std::string& dir, long n) {
  LogOptions o;
  o.team = "bench";
  o.sync = false;  // building the input, not measuring it
  auto log = EventLog::open(dir, o);
  if (!log) return log.error();
  std::vector<Draft> batch;
  for (long i = 0; i < n; i += 2) {
    char id[32];
    std::snprintf(id, sizeof id, "msg_%012lx", i);
    std::string to = "worker" + std::to_string(i % 8);
    batch.push_back(to_draft(MessageAccepted{id, "leader", to, "T" + std::to_string(i % 100),
                                             "please look at issue " + std::to_string(i), false, ""},
                             id));
    batch.push_back(to_draft(SendSubmitted{id, to, 1, "token", 1}));
    if (batch.size() >= 10000) {
      if (auto r = (*log)->append(std::move(batch)); !r) return r.error();
      batch.clear();
    }
  }
  if (!batch.empty())
    if (auto r = (*log)->append(std::move(batch)); !r) return r.error();
  return ok_status();
}

}  // namespace

int main(int argc, char** argv) {
  std::string work = argc > 1 ? argv[1] : "/tmp/team-agent-bench-fold";
  std::string json = argc > 2 ? argv[2] : "";
  long n = argc > 3 ? std::atol(argv[3]) : 1000000;
  std::filesystem::remove_all(work);
  std::filesystem::create_directories(work);
  auto big = work + "/big-events";
  if (auto st = write_log(big, n); !st) return std::fprintf(stderr, "%s\n", st.error().message.c_str()), 1;

  auto t0 = bench::Clock::now();
  auto r = store::rebuild(big, work + "/replay.db");
  double secs = bench::seconds_since(t0);
  if (!r) return std::fprintf(stderr, "%s\n", r.error().message.c_str()), 1;
  double rate = static_cast<double>(r->folded) / secs;
  std::printf("replay: %llu events in %.2f s\n", static_cast<unsigned long long>(r->folded), secs);

  // Baseline on a smaller log (it is slow): a live-mode database (WAL,
  // synchronous=NORMAL) with one transaction per event.
  constexpr long kSimple = 20000;
  auto small = work + "/small-events";
  if (!write_log(small, kSimple)) return 1;
  auto db = store::Database::open(work + "/simple.db");
  if (!db || !store::create_schema(**db)) return 1;
  auto fold = store::Fold::prepare(**db);
  if (!fold) return 1;
  store::FoldLimits one_each;
  one_each.batch_events = 1;
  t0 = bench::Clock::now();
  auto s = store::fold_log(**db, **fold, small, one_each);
  double simple_rate = static_cast<double>(kSimple) / bench::seconds_since(t0);
  if (!s) return std::fprintf(stderr, "%s\n", s.error().message.c_str()), 1;

  bench::report("fold / replay",
                {{"replay " + std::to_string(n / 1000) + "k events", "events/s", rate, simple_rate,
                  "one transaction per event", ">= 200000", rate >= 200000},
                 {"replay " + std::to_string(n / 1000) + "k events, wall time", "s", secs,
                  static_cast<double>(n) / simple_rate, "one transaction per event (extrapolated)",
                  "<= 5", secs <= 5, true}},
                json);
  std::filesystem::remove_all(work);
  return 0;
}
