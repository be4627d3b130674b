#include "store/event_stream.h"

#include <doctest/doctest.h>

#include "tests/support/store_support.h"

using namespace ta;
using namespace ta::store;
using namespace ta::store::testing;

namespace {

// Enough events that the stream hands its reader to the read-ahead thread.
constexpr int kEvents = 12000;

std::string big_log(const ScratchDir& dir) {
  std::string events_dir = dir.path() + "/events";
  auto log = open_test_log(events_dir);
  std::vector<events::Draft> drafts;
  for (int i = 1; i <= kEvents; ++i)
    drafts.push_back(events::to_draft(events::ScheduleFired{"sch_" + std::to_string(i)}));
  append_all(*log, std::move(drafts));
  return events_dir;
}

}  // namespace

TEST_CASE("the event stream hands out every event in seq order across the read-ahead") {
  ScratchDir dir;
  auto events_dir = big_log(dir);
  EventStream stream(events_dir, 100, false);
  REQUIRE(stream.open().ok());
  events::Event e;
  std::uint64_t expected = 101;
  while (stream.next(e) == EventStream::Next::event) {
    REQUIRE(e.seq == expected);
    ++expected;
  }
  CHECK(expected == kEvents + 1);
  CHECK(stream.next(e) == EventStream::Next::end);
}

TEST_CASE("the read-ahead stops at a corrupt line, or steps over it when asked") {
  ScratchDir dir;
  auto events_dir = big_log(dir);
  insert_line(events_dir, 9000, "not an event");
  {
    EventStream stream(events_dir, 0, false);
    REQUIRE(stream.open().ok());
    events::Event e;
    std::uint64_t count = 0;
    EventStream::Next n;
    while ((n = stream.next(e)) == EventStream::Next::event) ++count;
    CHECK(n == EventStream::Next::corrupt);
    CHECK(count == 9000);
    CHECK(stream.corruption().line == 9001);
    CHECK(stream.corruption().expected_seq == 9001);
  }
  EventStream stream(events_dir, 0, true);
  REQUIRE(stream.open().ok());
  events::Event e;
  std::uint64_t count = 0;
  while (stream.next(e) == EventStream::Next::event) ++count;
  CHECK(count == kEvents);
  REQUIRE(stream.skipped().size() == 1);
  CHECK(stream.skipped()[0].line == 9001);
}

TEST_CASE("a stream dropped mid-way stops its read-ahead thread") {
  ScratchDir dir;
  auto events_dir = big_log(dir);
  for (int round = 0; round < 3; ++round) {
    EventStream stream(events_dir, 0, false);
    REQUIRE(stream.open().ok());
    events::Event e;
    for (int i = 0; i < 6000; ++i) REQUIRE(stream.next(e) == EventStream::Next::event);
    CHECK(e.seq == 6000);
  }  // the destructor must not hang with the thread blocked on a full queue
}
