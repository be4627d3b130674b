// A real Claude Code started by `team-agent run` (SPEC §5): it reaches its
// folder-trust prompt, the supervisor sees that prompt, and with no message
// queued and auto trust not opted in nothing is pressed: Claude stays there,
// alive.
#include <doctest/doctest.h>

#include "tests/real/real_start.h"

using namespace ta::test;
using namespace std::chrono_literals;

TEST_CASE("real claude: run starts it through providers.claude.command; it waits at its trust prompt") {
  auto clis = locate_real_clis();
  // The program comes from the spec here, not from PATH.
  nlohmann::json spec{{"team", "realclaude"},
                      {"leader", {{"provider", "claude"}}},
                      {"agents", nlohmann::json::array()},
                      {"providers", {{"claude", {{"command", clis.claude}}}}}};
  RealTeam team(clis, spec);
  check_waits_at_trust_prompt(team, "leader", "claude", "2.1.332");
}
