#include "util/semver.h"

#include <doctest/doctest.h>

using namespace ta;

namespace {

// Whether the version (text) satisfies the range; CHECKs both parse.
bool in(const char* version, const char* range) {
  auto v = parse_semver(version);
  REQUIRE_MESSAGE(v, version);
  auto ok = satisfies(*v, range);
  REQUIRE_MESSAGE(ok, range);
  return *ok;
}

}  // namespace

TEST_CASE("semver: node's own --version output and partial versions parse") {
  auto v = parse_semver("v20.20.2\n");
  REQUIRE(v);
  CHECK(to_string(*v) == "20.20.2");
  CHECK(to_string(*parse_semver("18")) == "18.0.0");
  CHECK(to_string(*parse_semver("22.1.0-rc.1")) == "22.1.0");
  CHECK_FALSE(parse_semver("node"));
  CHECK_FALSE(parse_semver(""));
  CHECK_FALSE(parse_semver("1.2.3.4"));
}

TEST_CASE("semver: lower bounds as packages declare engines.node") {
  CHECK(in("v20.20.2", ">=16"));            // @openai/codex
  CHECK_FALSE(in("v20.20.2", ">=22.0.0"));  // @anthropic-ai/claude-code
  CHECK(in("22.0.0", ">=22.0.0"));
  CHECK(in("v18.19.0", ">= 18"));  // an operator written apart from its version
  // As npm reads a partial version: ">18" is past every 18.x.
  CHECK_FALSE(in("18.0.1", ">18"));
  CHECK(in("19.0.0", ">18"));
  CHECK(in("18.0.1", ">18.0.0"));
}

TEST_CASE("semver: caret, tilde, x-ranges, hyphen ranges and alternatives") {
  CHECK(in("18.17.1", "^18.17.0 || >=20"));
  CHECK_FALSE(in("19.0.0", "^18.17.0 || >=20"));
  CHECK(in("21.1.0", "^18.17.0 || >=20"));
  CHECK_FALSE(in("18.16.9", "^18.17.0"));
  CHECK(in("0.2.5", "^0.2.3"));
  CHECK_FALSE(in("0.3.0", "^0.2.3"));
  CHECK(in("20.1.9", "~20.1"));
  CHECK_FALSE(in("20.2.0", "~20.1"));
  CHECK(in("18.9.0", "18.x"));
  CHECK_FALSE(in("19.0.0", "18.x"));
  CHECK(in("19.5.0", ">=14 <20"));
  CHECK_FALSE(in("20.0.0", ">=14 <20"));
  CHECK(in("20.9.0", "16 - 20"));
  CHECK_FALSE(in("21.0.0", "16 - 20"));
  CHECK(in("23.0.0", "*"));
  CHECK(in("23.0.0", ""));
  CHECK_FALSE(in("20.0.0", "<=19"));
  CHECK(in("19.9.9", "<=19"));
}

TEST_CASE("semver: a range it cannot read is reported as unknown, not as a pass") {
  auto v = parse_semver("20.0.0");
  CHECK_FALSE(satisfies(*v, ">=banana").has_value());
  CHECK_FALSE(satisfies(*v, "latest").has_value());
}
