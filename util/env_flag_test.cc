#include "util/env_flag.h"

#include <doctest/doctest.h>
#include <stdlib.h>

using namespace ta;

TEST_CASE("yes/no opt-ins: the words users write, in any case") {
  for (const char* yes : {"1", "true", "TRUE", "Yes", "on", "ON"}) {
    auto r = parse_yes_no("X", yes);
    REQUIRE(r);
    CHECK(*r);
  }
  for (const char* no : {"0", "false", "No", "OFF", "off"}) {
    auto r = parse_yes_no("X", no);
    REQUIRE(r);
    CHECK_FALSE(*r);
  }
}

TEST_CASE("yes/no opt-ins: anything else is one sentence naming the variable, exit 2") {
  for (const char* bad : {"2", "y", "enable", " 1", "truee", "-1"}) {
    auto r = parse_yes_no("TEAM_AGENT_X", bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == 2);
    CHECK(r.error().message.find("TEAM_AGENT_X=") == 0);
    CHECK(r.error().message.find("1, true, yes or on") != std::string::npos);
    CHECK(r.error().message.find('\n') == std::string::npos);
  }
  // A long value is shortened in the sentence.
  auto r = parse_yes_no("X", std::string(500, 'z'));
  REQUIRE_FALSE(r);
  CHECK(r.error().message.size() < 200);
}

TEST_CASE("yes/no opt-ins from the environment: unset and empty say nothing") {
  ::unsetenv("TA_ENV_FLAG_TEST");
  auto unset = env_yes_no("TA_ENV_FLAG_TEST");
  REQUIRE(unset);
  CHECK_FALSE(unset->has_value());
  ::setenv("TA_ENV_FLAG_TEST", "", 1);
  auto empty = env_yes_no("TA_ENV_FLAG_TEST");
  REQUIRE(empty);
  CHECK_FALSE(empty->has_value());
  ::setenv("TA_ENV_FLAG_TEST", "yes", 1);
  auto yes = env_yes_no("TA_ENV_FLAG_TEST");
  REQUIRE(yes);
  CHECK(yes->value_or(false));
  ::setenv("TA_ENV_FLAG_TEST", "maybe", 1);
  CHECK_FALSE(env_yes_no("TA_ENV_FLAG_TEST"));
  ::unsetenv("TA_ENV_FLAG_TEST");
}
