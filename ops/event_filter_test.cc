#include "ops/event_filter.h"

#include <doctest/doctest.h>

using namespace ta;
using namespace ta::ops;

namespace {

events::Event event(std::uint64_t seq, std::string type, events::Json data,
                    std::string ts = "2026-11-20T21:39:00.000000Z") {
  events::Event e;
  e.seq = seq;
  e.type = std::move(type);
  e.data = std::move(data);
  e.ts = std::move(ts);
  return e;
}

const UnixMicros kNow = *parse_rfc3339("2026-11-20T22:00:00Z");

}  // namespace

TEST_CASE("an empty filter takes every event") {
  EventFilter f;
  CHECK(f.matches(event(1, "send.submitted", {{"message_id", "m1"}})));
  CHECK(f.matches(event(2, "x", events::Json::array(), "not a time")));
}

TEST_CASE("type globs are OR'd shell globs on the event name") {
  FilterArgs args;
  args.types = {"send.*", "message.accepted"};
  auto f = make_filter(args, kNow);
  REQUIRE(f);
  CHECK(f->matches(event(1, "send.submitted", {})));
  CHECK(f->matches(event(1, "message.accepted", {})));
  CHECK_FALSE(f->matches(event(1, "message.acceptedX", {})));
  CHECK_FALSE(f->matches(event(1, "pane.started", {})));
}

TEST_CASE("--agent matches any field naming an agent, also in a list of recipients") {
  EventFilter f;
  f.agent = "w1";
  CHECK(f.matches(event(1, "a", {{"agent_id", "w1"}})));
  CHECK(f.matches(event(1, "a", {{"to", events::Json::array({"w2", "w1"})}})));
  CHECK(f.matches(event(1, "a", {{"owner", "w1"}})));
  CHECK_FALSE(f.matches(event(1, "a", {{"content", "w1"}})));
  CHECK_FALSE(f.matches(event(1, "a", {{"to", "w2"}})));
  CHECK_FALSE(f.matches(event(1, "a", events::Json::array({"w1"}))));
}

TEST_CASE("--message matches data.message_id exactly") {
  EventFilter f;
  f.message = "msg_1";
  CHECK(f.matches(event(1, "a", {{"message_id", "msg_1"}})));
  CHECK_FALSE(f.matches(event(1, "a", {{"message_id", "msg_10"}})));
  CHECK_FALSE(f.matches(event(1, "a", {{"message_id", 1}})));
  CHECK_FALSE(f.matches(event(1, "a", {})));
}

TEST_CASE("--after, --since and --until bound seq and time; an unreadable time is out of any range") {
  FilterArgs args;
  args.after = "5";
  args.since = "2026-11-20T21:00:00Z";
  args.until = "30m";  // 21:30
  auto f = make_filter(args, kNow);
  REQUIRE(f);
  CHECK_FALSE(f->matches(event(5, "a", {}, "2026-11-20T21:10:00Z")));
  CHECK(f->matches(event(6, "a", {}, "2026-11-20T21:10:00Z")));
  CHECK_FALSE(f->matches(event(6, "a", {}, "2026-11-20T20:59:59Z")));
  CHECK_FALSE(f->matches(event(6, "a", {}, "2026-11-20T21:30:01Z")));
  CHECK_FALSE(f->matches(event(6, "a", {}, "yesterday")));
}

TEST_CASE("wrong option values are usage errors that name the option") {
  FilterArgs empty_type;
  empty_type.types = {""};
  auto e1 = make_filter(empty_type, kNow);
  REQUIRE_FALSE(e1);
  CHECK(e1.error().code == 2);
  CHECK(e1.error().message.find("--type") != std::string::npos);

  FilterArgs bad_time;
  bad_time.since = "last week";
  auto e2 = make_filter(bad_time, kNow);
  REQUIRE_FALSE(e2);
  CHECK(e2.error().message.find("--since needs an RFC 3339 time") == 0);

  FilterArgs reversed;
  reversed.since = "1m";
  reversed.until = "1h";
  auto e3 = make_filter(reversed, kNow);
  REQUIRE_FALSE(e3);
  CHECK(e3.error().message.find("swap them") != std::string::npos);

  FilterArgs bad_after;
  bad_after.after = "-1";
  auto e4 = make_filter(bad_after, kNow);
  REQUIRE_FALSE(e4);
  CHECK(e4.error().code == 2);
}

TEST_CASE("parse_count takes whole numbers of 0 or more only") {
  CHECK(*parse_count("-n", "0") == 0);
  CHECK(*parse_count("-n", "18446744073709551") == 18446744073709551ull);
  for (const char* bad : {"", "-1", "1.5", "10x", " 3", "12345678901234567890"}) {
    auto n = parse_count("-n", bad);
    REQUIRE_FALSE(n);
    CHECK(n.error().code == 2);
    CHECK(n.error().message.find("-n needs a whole number") == 0);
  }
}
