// The fake agent answers through a real MCP client connection: started by
// `run`, it is given the same .team/mcp/<id>.json a real Claude is, spawns
// the team_agent server it names and calls report_result / send_message
// with tools/call. Started by hand with a configuration whose server fails,
// it says so on one line and records the failure.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/fake_agent_support.h"
#include "tests/e2e/run_fixture.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

nlohmann::json reporting_team() {
  return {{"team", "mcpteam"},
          {"leader", {{"provider", "fake"}, {"args", {"--reply", "none"}}}},
          {"agents",
           {{{"id", "w1"}, {"provider", "fake"}, {"args", {"--reply", "report", "--work-ms", "50"}}},
            {{"id", "w2"}, {"provider", "fake"}, {"args", {"--reply", "send", "--work-ms", "50"}}}}}};
}

const std::string kPasteStart = "\x1b[200~", kPasteEnd = "\x1b[201~";

}  // namespace

TEST_CASE("a fake team's result and message arrive through the team_agent MCP server") {
  TeamWorkspace ws(TeamOptions{}, reporting_team());
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  auto task = send_message(ws, "w1", "add /health and report", {"--from", "leader", "--task", "T1"});
  REQUIRE_MESSAGE(task.exit_code == 0, task.err);
  auto note = send_message(ws, "w2", "tell me when you read this", {"--from", "leader"});
  REQUIRE_MESSAGE(note.exit_code == 0, note.err);
  REQUIRE_MESSAGE(run.await("result.reported", {{"task_id", "T1"}}, 60s), run.transcript());
  REQUIRE_MESSAGE(run.await("mcp.tool_called", {{"agent_id", "w2"}, {"tool", "send_message"}}, 60s),
                  run.transcript());

  auto results = events_of(ws, "result.reported");
  REQUIRE(results.size() == 1);  // exactly once
  CHECK(results[0].data.value("task_id", "") == "T1");
  std::size_t reported = 0, sent = 0;
  for (const auto& e : events_of(ws, "mcp.tool_called")) {
    bool ok = e.data.value("ok", false);
    if (e.data.value("agent_id", "") == "w1" && e.data.value("tool", "") == "report_result")
      reported += ok ? 1 : 0;
    if (e.data.value("agent_id", "") == "w2" && e.data.value("tool", "") == "send_message")
      sent += ok ? 1 : 0;
  }
  CHECK(reported == 1);
  CHECK(sent == 1);
  // w2's answer is an ordinary message to the leader, from w2.
  bool from_w2 = false;
  for (const auto& e : events_of(ws, "message.accepted"))
    from_w2 = from_w2 || (e.data.value("from", "") == "w2" && e.data.value("to", "") == "leader");
  CHECK(from_w2);
  auto replied = ws.transcript("w1", "replied");
  REQUIRE(replied.size() == 1);
  CHECK(replied[0]["tool"] == "report_result");
  CHECK(replied[0]["arguments"]["task_id"] == "T1");
}

TEST_CASE("a fake agent whose MCP server dies shows one clear line and records the failure") {
  TempDir dir;
  const std::string config = dir.path() + "/mcp.json";
  write_text(config, R"({"mcpServers":{"team_agent":{"command":"/bin/sh","args":["-c",)"
                     R"("echo 'server broke' >&2; exit 7"]}}})");
  const std::string transcript = dir.path() + "/agent.jsonl";
  auto r = run({team_agent_bin(), "fake-agent", "--mode", "plain", "--work-ms", "20", "--id", "w1",
                "--transcript", transcript, "--mcp-config", config},
               kPasteStart + rendered("msg_0000000000d1", "do it", "leader", "T9") + kPasteEnd + "\r",
               {}, dir.path());
  CHECK(r.exit_code == 0);  // the agent itself goes on
  std::vector<nlohmann::json> failed;
  for (const auto& line : split_lines(read_text(transcript))) {
    auto j = nlohmann::json::parse(line);
    if (j["kind"] == "reply_failed") failed.push_back(j);
  }
  REQUIRE(failed.size() == 1);
  CHECK(failed[0]["tool"] == "report_result");
  CHECK(failed[0]["text"] == "the team_agent MCP server ended (exit 7): server broke");
  // On screen (the line may be cut at the pane's width).
  CHECK_MESSAGE(r.out.find("team_agent report_result failed: the team_agent MCP server ended")
                    != std::string::npos,
                r.out);
}
