// The leader's lifecycle and health tools over MCP against a running team:
// the same requests to the supervisor as the CLI verbs (stop, start,
// add-agent, stuck), answered with the supervisor's outcome.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/mcp_support.h"
#include "tests/e2e/run_fixture.h"

using namespace ta::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

std::string tool_text(const json& result) {
  std::string out;
  for (const auto& c : result.value("content", json::array())) out += c.value("text", "");
  return out;
}

}  // namespace

TEST_CASE("mcp: the leader stops, starts and adds agents and lists stuck ones on a running team") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  McpProcess leader(ws.path(), "leader");
  leader.initialize();

  auto stopped = leader.call("stop_agent", {{"agent_id", "w1"}});
  REQUIRE_MESSAGE(stopped["isError"] == false, stopped.dump());
  CHECK(stopped["structuredContent"]["verb"] == "stop");
  CHECK(stopped["structuredContent"]["ok"] == true);
  auto started = leader.call("start_agent", {{"agent_id", "w1"}});
  REQUIRE_MESSAGE(started["isError"] == false, started.dump());
  CHECK(started["structuredContent"]["verb"] == "start");
  CHECK(started["structuredContent"]["ok"] == true);

  auto added = leader.call("add_agent", {{"agent_id", "w2"}, {"provider", "fake"}});
  REQUIRE_MESSAGE(added["isError"] == false, added.dump());
  CHECK(added["structuredContent"]["agent_id"] == "w2");
  REQUIRE_MESSAGE(run.await("pane.started", {{"agent_id", "w2"}}, 60s), run.transcript());

  auto stuck = leader.call("stuck_list", json::object());
  REQUIRE_MESSAGE(stuck["isError"] == false, stuck.dump());
  CHECK(stuck["structuredContent"]["supervisor_running"] == true);
  CHECK(stuck["structuredContent"]["stuck"].empty());

  auto unknown = leader.call("stop_agent", {{"agent_id", "nobody"}});
  CHECK(unknown["isError"] == true);
  CHECK_FALSE(tool_text(unknown).empty());

  std::map<std::string, int> by_verb;
  for (const auto& e : events_of(ws, "agent.request_completed"))
    if (e.data.value("ok", false)) by_verb[e.data.value("verb", "")]++;
  CHECK(by_verb["stop"] == 1);
  CHECK(by_verb["start"] == 1);
  CHECK(by_verb["add"] == 1);
  CHECK(leader.finish() == 0);
  auto verify = team_agent(ws.path(), {"replay", "--verify"});
  CHECK_MESSAGE(verify.exit_code == 0, (verify.out + verify.err));
}
