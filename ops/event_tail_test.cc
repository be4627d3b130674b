#include "ops/event_tail.h"

#include <doctest/doctest.h>

#include "events/log.h"
#include "tests/support/temp_dir.h"

using namespace ta;

namespace {

// A log of `n` events alternating "even.x" / "odd.x" by seq.
void write_log(const std::string& dir, int n) {
  auto log = events::EventLog::open(dir, {"t1"});
  REQUIRE(log);
  std::vector<events::Draft> drafts;
  for (int i = 1; i <= n; ++i)
    drafts.push_back({i % 2 ? "odd.x" : "even.x", 1, {{"i", i}}, "", ""});
  REQUIRE((*log)->append(std::move(drafts)));
}

ops::TailScan scan_of(std::uint64_t through, std::uint64_t count) {
  ops::TailScan scan;
  scan.through = through;
  scan.count = count;
  scan.render = [](const events::Event& e) { return e.type; };
  return scan;
}

std::vector<std::uint64_t> seqs(const std::deque<ops::PickedLine>& picked) {
  std::vector<std::uint64_t> out;
  for (const auto& p : picked) out.push_back(p.seq);
  return out;
}

}  // namespace

TEST_CASE("the last N matching events, oldest first, across more than one backward window") {
  test::TempDir dir;
  write_log(dir.path(), 3000);
  events::LogReader reader(dir.path());
  auto scan = scan_of(3000, 3);
  scan.filter.type_globs = {"odd.*"};
  auto picked = ops::last_matching(reader, scan);
  REQUIRE(picked);
  CHECK(seqs(*picked) == std::vector<std::uint64_t>{2995, 2997, 2999});
  CHECK(picked->back().line == "odd.x");

  // More than the first window (1024 events) holds.
  auto wide = scan_of(3000, 1400);
  wide.filter.type_globs = {"even.*"};
  auto many = ops::last_matching(reader, wide);
  REQUIRE(many);
  REQUIRE(many->size() == 1400);
  CHECK(many->front().seq == 3000 - 2 * 1399);
  CHECK(many->back().seq == 3000);
}

TEST_CASE("the scan stays within (after, through] and gives what there is") {
  test::TempDir dir;
  write_log(dir.path(), 20);
  events::LogReader reader(dir.path());
  auto scan = scan_of(15, 100);
  scan.after = 10;
  auto picked = ops::last_matching(reader, scan);
  REQUIRE(picked);
  CHECK(seqs(*picked) == std::vector<std::uint64_t>{11, 12, 13, 14, 15});
}

TEST_CASE("a stop request abandons a long scan") {
  test::TempDir dir;
  write_log(dir.path(), 2100);
  events::LogReader reader(dir.path());
  auto scan = scan_of(2100, 1);
  scan.filter.type_globs = {"none.*"};  // nothing matches: the scan reads the whole log
  int asked = 0;
  scan.stop_requested = [&] { return ++asked == 1; };
  CHECK_FALSE(ops::last_matching(reader, scan));
  CHECK(asked == 1);
}
