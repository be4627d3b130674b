#include "actors/timer_kind.h"

#include <string>

#include <doctest/doctest.h>

using namespace ta::actors;

TEST_CASE("timer kind: the name in events reads back as the same kind") {
  // The log holds this exact text; logs written before the enum must still read.
  CHECK(std::string(timer_kind_name(TimerKind::trust_retry)) == "trust_retry");
  CHECK(parse_timer_kind("trust_retry") == TimerKind::trust_retry);
  CHECK(parse_timer_kind(timer_kind_name(TimerKind::trust_retry)) == TimerKind::trust_retry);
}

TEST_CASE("timer kind: a kind this build does not know is no kind at all") {
  CHECK_FALSE(parse_timer_kind("retry").has_value());
  CHECK_FALSE(parse_timer_kind("").has_value());
  CHECK_FALSE(parse_timer_kind("Trust_Retry").has_value());
}
