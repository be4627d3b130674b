// A real Codex CLI started by `team-agent run` (SPEC §5): in a git
// workspace it reaches its folder-trust prompt, the supervisor sees that
// prompt, and with no message queued and auto trust not opted in nothing is
// pressed: Codex stays there, alive.
#include <doctest/doctest.h>

#include "tests/real/real_start.h"

using namespace ta::test;

TEST_CASE("real codex: run starts it from PATH; it waits at its trust prompt") {
  auto clis = locate_real_clis();
  // Found on the PATH run was given, as a user's own install would be.
  nlohmann::json spec{{"team", "realcodex"},
                      {"leader", {{"provider", "codex"}}},
                      {"agents", nlohmann::json::array()}};
  RealTeam team(clis, spec);
  check_waits_at_trust_prompt(team, "leader", "codex", "0.171.0");
}
