// A CLI that asks whether it may run a team_agent tool is answered by the
// pane's actor: Claude's prompt (no session option) with "Yes" for this
// call, Codex's with "Allow for this session", never the option that saves
// a rule. Another server's tool is left for the person, recorded once.
#include <doctest/doctest.h>

#include <map>

#include <nlohmann/json.hpp>

#include "tests/e2e/fake_agent_support.h"
#include "tests/e2e/run_fixture.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

nlohmann::json asking_member(const std::string& id, const std::string& mode,
                             const std::string& server, const std::string& reply) {
  return {{"id", id},
          {"provider", "fake"},
          {"args",
           {"--mode", mode, "--reply", reply, "--work-ms", "50", "--approval-on", "ASK",
            "--approval-tool", server}}};
}

nlohmann::json asking_team() {
  return {{"team", "askteam"},
          {"leader", {{"provider", "fake"}, {"args", {"--reply", "none"}}}},
          {"agents",
           {asking_member("claudy", "claude", "team_agent", "report"),
            asking_member("codexy", "codex", "team_agent", "send"),
            asking_member("other", "codex", "github", "report")}}};
}

std::optional<nlohmann::json> first_answer(const TeamWorkspace& ws, const std::string& agent) {
  auto answers = ws.transcript(agent, "approval_answered");
  if (answers.empty()) return std::nullopt;
  return answers[0];
}

// The event's fields once it is in the log: the events awaited here come in
// any order, and the live log is read only forward.
std::optional<nlohmann::json> expect_event(RunningTeam& run, const TeamWorkspace& ws,
                                           const std::string& type,
                                           const std::map<std::string, std::string>& match) {
  auto find = [&]() -> std::optional<nlohmann::json> {
    for (const auto& e : events_of(ws, type)) {
      bool all = true;
      for (const auto& [k, v] : match) all = all && e.data.value(k, "") == v;
      if (all) return e.data;
    }
    return std::nullopt;
  };
  if (auto found = find()) return found;
  if (!run.await(type, match, 60s)) return std::nullopt;
  return find();
}

}  // namespace

TEST_CASE("approval prompts for the team's own tools are answered, others left to a person") {
  TeamWorkspace ws(TeamOptions{}, asking_team());
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  for (const auto& [to, task] : {std::pair{"claudy", "T1"}, {"codexy", "T2"}, {"other", "T3"}}) {
    auto r = send_message(ws, to, "ASK before you report", {"--from", "leader", "--task", task});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  }

  auto claude = expect_event(run, ws, "mcp.approval_answered", {{"agent_id", "claudy"}});
  REQUIRE_MESSAGE(claude, run.transcript());
  CHECK((*claude)["server"] == "team_agent");
  CHECK((*claude)["tool"] == "Report Result");
  CHECK((*claude)["scope"] == "once");
  CHECK((*claude)["option"] == "Yes");
  auto codex = expect_event(run, ws, "mcp.approval_answered", {{"agent_id", "codexy"}});
  REQUIRE_MESSAGE(codex, run.transcript());
  CHECK((*codex)["tool"] == "send_message");
  CHECK((*codex)["scope"] == "session");
  CHECK((*codex)["option"].get<std::string>().rfind("Allow for this session", 0) == 0);
  auto left = expect_event(run, ws, "mcp.approval_left", {{"agent_id", "other"}});
  REQUIRE_MESSAGE(left, run.transcript());
  CHECK((*left)["server"] == "github");
  CHECK((*left)["reason"] == "other_server");

  // The allowed calls went on to their tools; the agents saw exactly the
  // option chosen (Claude's 1 "Yes", Codex's 2 "for this session").
  REQUIRE_MESSAGE(expect_event(run, ws, "result.reported", {{"task_id", "T1"}}), run.transcript());
  REQUIRE_MESSAGE(
    expect_event(run, ws, "mcp.tool_called", {{"agent_id", "codexy"}, {"tool", "send_message"}}),
    run.transcript());
  auto claudy = first_answer(ws, "claudy");
  REQUIRE(claudy);
  CHECK((*claudy)["choice"] == 1);
  auto codexy = first_answer(ws, "codexy");
  REQUIRE(codexy);
  CHECK((*codexy)["choice"] == 2);

  // The other server's prompt is still on screen, untouched, and said once.
  CHECK_FALSE(first_answer(ws, "other"));
  CHECK(events_of(ws, "mcp.approval_left").size() == 1);
  CHECK(events_of(ws, "mcp.approval_answered").size() == 2);
  auto verify = team_agent(ws.path(), {"replay", "--verify"});
  CHECK_MESSAGE(verify.exit_code == 0, (verify.out + verify.err));
}
