#include "util/when.h"

#include <doctest/doctest.h>

using namespace ta;

namespace {

UnixMicros at(const char* ts) { return *parse_rfc3339(ts); }

const char* const kNow = "2026-12-04T04:10:00.500000Z";

}  // namespace

TEST_CASE("ago_text says seconds, minutes, hours and days, rounded down") {
  const UnixMicros now = at(kNow);
  CHECK(ago_text(now, now) == "just now");
  CHECK(ago_text(now + 5000000, now) == "just now");  // ahead of now: now
  CHECK(ago_text(at("2026-12-04T04:09:48.500000Z"), now) == "12 s ago");
  CHECK(ago_text(at("2026-12-04T04:07:00Z"), now) == "3 m ago");
  CHECK(ago_text(at("2026-12-04T02:00:00Z"), now) == "2 h ago");
  CHECK(ago_text(at("2026-11-30T04:00:00Z"), now) == "4 d ago");
}

TEST_CASE("second_text is the time to the second, without microseconds or zone letters") {
  CHECK(second_text("2026-01-01T00:00:06.123456Z") == "2026-01-01 00:00:06");
  CHECK(second_text("2026-01-01T02:00:06+02:00") == "2026-01-01 00:00:06");
  CHECK(second_text("not a time") == "not a time");
}

TEST_CASE("when_text is relative within a day, absolute beyond it or without a now") {
  const UnixMicros now = at(kNow);
  CHECK(when_text("2026-12-04T04:09:48.500000Z", now) == "12 s ago");
  CHECK(when_text("2026-12-02T04:09:48.500000Z", now) == "2026-12-02 04:09:48");
  CHECK(when_text("2026-12-04T04:09:48.500000Z", std::nullopt) == "2026-12-04 04:09:48");
  CHECK(when_text("", now) == "");
}

TEST_CASE("at_text adds how long ago to a recent time") {
  const UnixMicros now = at(kNow);
  CHECK(at_text("2026-12-04T04:07:00.100000Z", now) == "2026-12-04 04:07:00 (3 m ago)");
  CHECK(at_text("2026-12-01T04:07:00.100000Z", now) == "2026-12-01 04:07:00");
  CHECK(at_text("2026-12-04T04:07:00.100000Z", std::nullopt) == "2026-12-04 04:07:00");
}
