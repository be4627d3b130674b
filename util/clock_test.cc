#include "util/clock.h"

#include <doctest/doctest.h>

using namespace ta;

TEST_CASE("RFC 3339 timestamps parse and format with microseconds") {
  auto t = parse_rfc3339("2026-11-20T21:39:00.123456Z");
  REQUIRE(t.has_value());
  CHECK(format_rfc3339_micros(*t) == "2026-11-20T21:39:00.123456Z");
  CHECK(parse_rfc3339("2026-11-20T23:39:00.123456+02:00") == t);
  CHECK(parse_rfc3339("2026-11-20T21:39:00Z") == *t - 123456);
  CHECK(parse_rfc3339("2026-11-20") == parse_rfc3339("2026-11-20T00:00:00Z"));
  CHECK(parse_rfc3339("1970-01-01T00:00:00Z") == 0);
}

TEST_CASE("malformed times are refused") {
  CHECK_FALSE(parse_rfc3339("2026-13-01").has_value());
  CHECK_FALSE(parse_rfc3339("2026-11-20T21:39:00").has_value());  // no zone
  CHECK_FALSE(parse_rfc3339("yesterday").has_value());
  CHECK_FALSE(parse_rfc3339("2026-11-20T21:39:00Zjunk").has_value());
}

TEST_CASE("relative durations count back from now") {
  CHECK(parse_duration("5m") == 300'000'000);
  CHECK(parse_duration("2h") == 7'200'000'000);
  CHECK(parse_duration("1d") == 86'400'000'000);
  CHECK_FALSE(parse_duration("5").has_value());
  CHECK_FALSE(parse_duration("m").has_value());
  CHECK_FALSE(parse_duration("5w").has_value());
  CHECK(parse_time_point("30s", 100'000'000) == 70'000'000);
  CHECK(parse_time_point("1970-01-01T00:00:01Z", 0) == 1'000'000);
}

TEST_CASE("impossible dates and offsets are refused, leap days are not") {
  CHECK_FALSE(parse_rfc3339("2026-02-30").has_value());
  CHECK_FALSE(parse_rfc3339("2026-02-29").has_value());
  CHECK(parse_rfc3339("2028-02-29").has_value());
  CHECK(parse_rfc3339("2000-02-29").has_value());
  CHECK_FALSE(parse_rfc3339("1900-02-29").has_value());
  CHECK_FALSE(parse_rfc3339("2026-04-31T00:00:00Z").has_value());
  CHECK_FALSE(parse_rfc3339("2026-11-20T21:39:00+25:00").has_value());
  CHECK_FALSE(parse_rfc3339("2026-11-20T21:39:00-10:60").has_value());
  CHECK(parse_rfc3339("2026-11-20T21:39:00-12:00").has_value());
}
