#include "ops/replay.h"

#include <doctest/doctest.h>

#include "tests/support/temp_dir.h"

using namespace ta;

TEST_CASE("--until: digits are a seq, anything else a time, empty the end of the log") {
  const UnixMicros now = *parse_rfc3339("2026-11-20T22:00:00Z");
  store::FoldLimits none;
  REQUIRE(ops::parse_until("", now, none));
  CHECK_FALSE(none.until_seq);
  CHECK_FALSE(none.until_time);

  store::FoldLimits seq;
  REQUIRE(ops::parse_until("42", now, seq));
  CHECK(*seq.until_seq == 42);
  CHECK_FALSE(seq.until_time);

  store::FoldLimits at;
  REQUIRE(ops::parse_until("2026-11-20T21:39:00Z", now, at));
  CHECK(*at.until_time == *parse_rfc3339("2026-11-20T21:39:00Z"));
  CHECK_FALSE(at.until_seq);

  store::FoldLimits ago;
  REQUIRE(ops::parse_until("5m", now, ago));
  CHECK(*ago.until_time == now - 5 * 60 * 1000000LL);
}

TEST_CASE("--until that is neither a seq nor a time is a usage error saying what to give") {
  const UnixMicros now = *parse_rfc3339("2026-11-20T22:00:00Z");
  for (const char* bad : {"yesterday", "-5", "12345678901234567890123"}) {
    store::FoldLimits limits;
    auto st = ops::parse_until(bad, now, limits);
    REQUIRE_FALSE(st);
    CHECK(st.error().code == 2);
    CHECK(st.error().message.find("is neither a seq nor a time") != std::string::npos);
    CHECK_FALSE(limits.until_seq);
  }
}

TEST_CASE("a replay needs a workspace with .team/") {
  test::TempDir dir;
  auto paths = config::Paths::for_workspace(dir.path());
  auto st = ops::require_team_dir(paths);
  REQUIRE_FALSE(st);
  CHECK(st.error().code == 2);
  CHECK(st.error().message.find("run `team-agent init` there") != std::string::npos);
}
