// The event log shared by real processes: concurrent appenders, and an
// appender killed with SIGKILL in the middle of a long run.
#include <doctest/doctest.h>
#include <signal.h>

#include <map>
#include <memory>
#include <set>

#include "events/codec.h"
#include "events/log.h"
#include "events/reader.h"
#include "events/segment.h"
#include "tests/e2e/support.h"
#include "tests/support/read_log.h"
#include "util/fs.h"

using namespace ta;
using namespace ta::events;
using namespace ta::test;
using namespace std::chrono_literals;

TEST_CASE("8 processes appending 500 events each get seqs 1..4000 and each key once") {
  TempDir tmp;
  auto dir = tmp.path() + "/events";
  std::vector<std::unique_ptr<Background>> writers;
  for (int p = 0; p < 8; ++p) {
    // Every 10th event is retried with the same key, as a client would.
    writers.push_back(std::make_unique<Background>(std::vector<std::string>{
        helper_bin("log_writer"), dir, "p" + std::to_string(p), "500", "1", "10"}));
  }
  for (auto& w : writers) REQUIRE(w->wait(240s) == 0);
  auto all = read_all_events(dir);
  REQUIRE(all.size() == 4000);
  std::set<std::string> keys;
  std::map<std::string, int> last_i;
  for (size_t i = 0; i < all.size(); ++i) {
    CHECK(all[i].seq == i + 1);
    CHECK(keys.insert(all[i].key).second);
    // Each writer's own events appear in the order it appended them.
    auto w = all[i].data["writer"].get<std::string>();
    int n = all[i].data["i"].get<int>();
    auto it = last_i.find(w);
    if (it != last_i.end()) CHECK(n == it->second + 1);
    last_i[w] = n;
  }
  CHECK(keys.size() == 4000);
}

TEST_CASE("kill -9 during a long append run loses no acknowledged event and reopens cleanly") {
  TempDir tmp;
  auto dir = tmp.path() + "/events";
  std::uint64_t acknowledged = 0;
  {
    Background w({helper_bin("log_writer"), dir, "crash", "0", "20", "0", "200"});
    // Let it get well into the run, then kill it wherever it is.
    for (int i = 0; i < 40; ++i) {
      auto line = w.read_line(60s);
      REQUIRE(line.has_value());
      acknowledged = std::stoull(line->substr(line->rfind(' ') + 1));
    }
    w.signal(SIGKILL);
    CHECK(w.wait(10s) == 128 + SIGKILL);
    // Lines printed before the kill landed may still be in the pipe.
    while (auto line = w.read_line(200ms))
      acknowledged = std::max<std::uint64_t>(acknowledged, std::stoull(line->substr(line->rfind(' ') + 1)));
  }
  REQUIRE(acknowledged >= 800);

  // SIGKILL cannot split a single write(2) to a local file, so the crash that
  // tears a line (power loss, a full disk mid-batch) is applied to the killed
  // log by cutting its last line in half.
  auto segs = list_segments(dir);
  auto last = segment_path(dir, segs.back());
  auto text = read_file(last).value();
  auto cut_at = text.size() - 37;
  auto line_start = text.rfind('\n', text.size() - 2) + 1;
  std::string torn = text.substr(line_start, cut_at - line_start);
  REQUIRE(write_file_atomic(last, text.substr(0, cut_at)).ok());

  LogOptions o;
  o.team = "demo";
  auto log = EventLog::open(dir, o);
  REQUIRE(log.ok());
  REQUIRE((*log)->recovery().has_value());
  CHECK(read_file(dir + "/" + (*log)->recovery()->quarantine).value() == torn);
  auto after = (*log)->append(Draft{"test.after", 1, Json::object(), "", ""});
  REQUIRE(after.ok());

  auto all = read_all_events(dir);
  std::set<std::string> keys;
  size_t recovered = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    CHECK(all[i].seq == i + 1);
    if (!all[i].key.empty()) CHECK(keys.insert(all[i].key).second);
    if (all[i].type == "log.recovered") ++recovered;
  }
  CHECK(recovered == 1);
  CHECK(all.back().seq == after->seq);
  // Every event the writer saw acknowledged before the kill is still there,
  // except the one whose line was torn afterwards by hand.
  CHECK(all.size() >= acknowledged);
  for (std::uint64_t i = 0; i + 1 < acknowledged; ++i)
    CHECK_MESSAGE(keys.count("crash-" + std::to_string(i)) == 1, "lost acknowledged event " << i);
}
