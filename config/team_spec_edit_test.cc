#include "config/team_spec_edit.h"

#include <doctest/doctest.h>

namespace ta::config {

namespace {
const char* kSpec = R"({"team": "t1", "leader": {"provider": "fake"},
  "agents": [{"id": "w1", "provider": "fake"}]})";
}

TEST_CASE("a worker is added once, with its role and model, keeping the rest") {
  auto text = spec_with_worker(kSpec, {"w2", "fake", "tests things", ""});
  REQUIRE(text);
  auto spec = parse_team_spec(*text);
  REQUIRE(spec.ok());
  REQUIRE(spec.spec->agents.size() == 2);
  CHECK(spec.spec->agents[0].id == "w1");
  CHECK(spec.spec->agents[1].id == "w2");
  CHECK(spec.spec->agents[1].role == "tests things");
  CHECK(text->find("\"team\"") < text->find("\"leader\""));  // order kept
  CHECK_FALSE(spec_with_worker(*text, {"w2", "fake", "", ""}));
}

TEST_CASE("an unsafe id, the leader's id or an unknown provider is refused") {
  CHECK_FALSE(spec_with_worker(kSpec, {"Bad Id", "fake", "", ""}));
  CHECK_FALSE(spec_with_worker(kSpec, {"leader", "fake", "", ""}));
  CHECK_FALSE(spec_with_worker(kSpec, {"w3", "no-such-provider", "", ""}));
}

TEST_CASE("a worker is removed; one the team does not have is an error") {
  auto text = spec_without_worker(kSpec, "w1");
  REQUIRE(text);
  auto spec = parse_team_spec(*text);
  REQUIRE(spec.ok());
  CHECK(spec.spec->agents.empty());
  CHECK_FALSE(spec_without_worker(kSpec, "w9"));
}

}  // namespace ta::config
