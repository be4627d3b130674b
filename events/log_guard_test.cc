// EventLog::append with a guard: the guard sees what is recorded under a key
// in the same lock hold as the write, and refusing writes nothing.
#include <doctest/doctest.h>

#include <filesystem>

#include "events/log.h"
#include "tests/support/read_log.h"
#include "tests/support/temp_dir.h"

using namespace ta;
using namespace ta::events;

namespace {

LogOptions guard_opts() {
  LogOptions o;
  o.team = "demo";
  o.sync = false;
  return o;
}

Draft keyed(const std::string& key, int i) { return Draft{"test.note", 1, Json{{"i", i}}, key, {}}; }

}  // namespace

TEST_CASE("append guard: looks up the event under a key and can refuse the whole batch") {
  test::TempDir tmp;
  const auto dir = tmp.path() + "/events";
  auto log = EventLog::open(dir, guard_opts());
  REQUIRE(log);
  REQUIRE((*log)->append(keyed("k1", 1)));
  REQUIRE((*log)->append(Draft{"test.note", 1, Json{{"i", 2}}, "", {}}));

  std::optional<Event> seen, unseen;
  auto refuse = [&](const KeyLookup& recorded) -> Status {
    seen = recorded("k1");
    unseen = recorded("k2");
    return make_error("no", 2);
  };
  auto r = (*log)->append({keyed("k2", 3), keyed("k3", 4)}, refuse);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == 2);
  REQUIRE(seen);
  CHECK(seen->seq == 1);
  CHECK(seen->data["i"] == 1);
  CHECK_FALSE(unseen);
  CHECK(test::read_all_events(dir).size() == 2);  // nothing of the refused batch

  // A second process (a fresh open) sees the same, keys loaded from disk.
  auto other = EventLog::open(dir, guard_opts());
  REQUIRE(other);
  auto accept = [&](const KeyLookup& recorded) -> Status {
    seen = recorded("k1");
    return ok_status();
  };
  auto ok = (*other)->append({keyed("k2", 3)}, accept);
  REQUIRE(ok);
  CHECK((*ok)[0].seq == 3);
  REQUIRE(seen);
  CHECK(seen->seq == 1);
}

TEST_CASE("the log refuses a link or a FIFO planted in place of a segment or of events/") {
  test::TempDir tmp;
  test::TempDir elsewhere;
  const auto dir = tmp.path() + "/events";
  std::filesystem::create_directory_symlink(elsewhere.path(), dir);
  auto linked_dir = EventLog::open(dir, guard_opts());
  REQUIRE_FALSE(linked_dir);
  CHECK(std::filesystem::is_empty(elsewhere.path()));
  std::filesystem::remove(dir);

  auto log = EventLog::open(dir, guard_opts());
  REQUIRE(log);
  REQUIRE((*log)->append(keyed("k1", 1)));
  const auto segment = dir + "/00000001.jsonl";
  std::filesystem::rename(segment, elsewhere.path() + "/moved");
  std::filesystem::create_symlink(elsewhere.path() + "/moved", segment);
  auto reopened = EventLog::open(dir, guard_opts());
  REQUIRE_FALSE(reopened);
  CHECK(reopened.error().message.find(segment) != std::string::npos);
}
