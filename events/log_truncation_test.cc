// The log loader must survive a crash at any moment: for every byte offset of
// a small multi-segment log, cut the log there (as a crash mid-write would
// leave it) and check that it opens, keeps every complete event, quarantines
// exactly the cut bytes and goes on appending with the next seq.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "events/codec.h"
#include "events/log.h"
#include "events/reader.h"
#include "events/segment.h"
#include "tests/support/temp_dir.h"
#include "util/fs.h"

using namespace ta;
using namespace ta::events;

namespace {

struct Segment {
  std::uint32_t number;
  std::string bytes;
};

// Lays out `segments` cut at global byte `cut`: whole segments before it, the
// one containing it truncated, later ones absent.
void write_cut_log(const std::string& dir, const std::vector<Segment>& segments, size_t cut) {
  std::filesystem::create_directories(dir);
  size_t start = 0;
  for (auto& s : segments) {
    if (start > cut) break;
    size_t keep = std::min(s.bytes.size(), cut - start);
    std::ofstream(segment_path(dir, s.number), std::ios::binary) << s.bytes.substr(0, keep);
    start += s.bytes.size();
    if (keep < s.bytes.size()) break;
  }
}

}  // namespace

TEST_CASE("the log loader survives truncation at every byte offset") {
  test::TempDir tmp;
  auto golden = tmp.path() + "/golden";
  LogOptions o;
  o.team = "demo";
  o.segment_bytes = 350;
  o.sync = false;
  {
    auto log = EventLog::open(golden, o);
    REQUIRE(log.ok());
    for (int i = 0; i < 12; ++i) {
      Draft d{"test.note", 1, Json{{"i", i}, {"text", std::string(static_cast<size_t>(i * 3), 'x')}},
              i % 3 == 0 ? "key-" + std::to_string(i) : "", "2026-11-20T00:00:00.000000Z"};
      REQUIRE((*log)->append(std::move(d)).ok());
    }
  }
  std::vector<Segment> segments;
  std::string all;
  for (auto n : list_segments(golden)) {
    segments.push_back({n, read_file(segment_path(golden, n)).value()});
    all += segments.back().bytes;
  }
  REQUIRE(segments.size() >= 3);

  for (size_t cut = 0; cut <= all.size(); ++cut) {
    CAPTURE(cut);
    auto dir = tmp.path() + "/cut" + std::to_string(cut);
    write_cut_log(dir, segments, cut);
    // Complete lines in the prefix survive; the partial one (if any) is cut.
    std::string prefix = all.substr(0, cut);
    size_t complete = static_cast<size_t>(std::count(prefix.begin(), prefix.end(), '\n'));
    size_t torn = prefix.size() - (prefix.rfind('\n') == std::string::npos ? 0 : prefix.rfind('\n') + 1);

    auto log = EventLog::open(dir, o);
    REQUIRE_MESSAGE(log.ok(), (log.ok() ? std::string() : log.error().message));
    CHECK((*log)->recovery().has_value() == (torn > 0));
    if (torn > 0) {
      auto q = read_file(dir + "/" + (*log)->recovery()->quarantine);
      REQUIRE(q.ok());
      CHECK(*q == prefix.substr(prefix.size() - torn));
    }
    auto next = (*log)->append(Draft{"test.after", 1, Json::object(), "key-0", ""});
    REQUIRE(next.ok());
    // An idempotency key from before the cut still dedupes; after it, it is new.
    bool key0_survived = complete >= 1;
    CHECK(next->duplicate == key0_survived);
    REQUIRE((*log)->append(Draft{"test.after", 1, Json::object(), "", ""}).ok());

    LogReader r(dir);
    Event e;
    std::uint64_t expect = 1;
    size_t recovered = 0;
    for (;;) {
      auto n = r.next(e);
      if (n == LogReader::Next::end) break;
      REQUIRE_MESSAGE(n == LogReader::Next::event, r.corruption().describe());
      CHECK(e.seq == expect);
      ++expect;
      if (e.type == "log.recovered") ++recovered;
    }
    CHECK(recovered == (torn > 0 ? 1u : 0u));
    CHECK(expect - 1 == complete + recovered + (key0_survived ? 1 : 2));
  }
}
