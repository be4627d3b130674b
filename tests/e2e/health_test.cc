// Stuck, faulted and blocked agents end to end, with fake agents in real
// tmux panes: a worker that hangs with work is stuck once and the leader
// told once; `cancel` interrupts its turn; an API fault in its session file
// and an approval prompt on its screen are recorded and shown by `status`.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/run_fixture.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

void deliver(RunningTeam& run, const TeamWorkspace& ws, const std::string& agent,
             const std::string& text) {
  auto sent = send_message(ws, agent, text, {"--from", "leader", "--no-wait"});
  REQUIRE(sent.exit_code == 0);
  REQUIRE_MESSAGE(run.await("send.submitted", {{"message_id", sent.message_id}}), run.transcript());
}

nlohmann::json agent_health(const TeamWorkspace& ws, const std::string& agent) {
  auto r = team_agent(ws.path(), {"status", "--json"});
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  if (!j.is_object()) return nlohmann::json();
  for (auto& a : j["agents"])
    if (a.value("agent_id", "") == agent) return a["health"];
  return nlohmann::json();
}

TeamOptions quick_health() {
  TeamOptions o;
  o.runtime = {{"stuck_after_s", 2}, {"idle_reminder_after_s", 3600}};
  return o;
}

}  // namespace

TEST_CASE("a hung worker with work is stuck once, the leader is told once, and cancel interrupts it") {
  TeamWorkspace ws({{"w1", {"--hang-on", "HANG"}}}, {}, quick_health());
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  deliver(run, ws, "w1", "please HANG here");

  auto stuck = run.await("agent.stuck", {{"agent_id", "w1"}}, 30s);
  REQUIRE_MESSAGE(stuck, run.transcript());
  const std::string told = stuck->field("message_id");
  REQUIRE_FALSE(told.empty());
  REQUIRE_MESSAGE(run.await("send.submitted", {{"message_id", told}, {"to", "leader"}}, 30s),
                  run.transcript());

  auto list = team_agent(ws.path(), {"stuck", "--json"});
  REQUIRE(list.exit_code == 0);
  auto j = nlohmann::json::parse(list.out, nullptr, false);
  REQUIRE(j.is_object());
  REQUIRE(j["stuck"].size() == 1);
  CHECK(j["stuck"][0]["agent_id"] == "w1");
  CHECK(j["supervisor_running"] == true);

  auto cancel = team_agent(ws.path(), {"cancel", "w1"});
  CHECK_MESSAGE(cancel.exit_code == 0, cancel.err);
  REQUIRE_MESSAGE(run.await("agent.cancelled", {{"agent_id", "w1"}, {"ok", "true"}}, 10s),
                  run.transcript());
  REQUIRE_MESSAGE(
    run.await("agent.turn_state_changed", {{"agent_id", "w1"}, {"to", "idle_interrupted"}}, 20s),
    run.transcript());
  REQUIRE_MESSAGE(run.await("agent.unstuck", {{"agent_id", "w1"}}, 20s), run.transcript());
  CHECK(events_of(ws, "agent.stuck").size() == 1);
  auto after = team_agent(ws.path(), {"stuck"});
  CHECK(after.out.find("no agent is stuck") != std::string::npos);

  auto unknown = team_agent(ws.path(), {"cancel", "nobody"});
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.find("no agent nobody") != std::string::npos);
  auto verify = team_agent(ws.path(), {"replay", "--verify"});
  CHECK_MESSAGE(verify.exit_code == 0, (verify.out + verify.err));
}

TEST_CASE("a fault in a worker's session file and an approval on its screen are recorded once") {
  TeamWorkspace ws({{"w1", {"--fault-on", "FAULT"}}, {"w2", {"--approval-on", "APPROVE"}}}, {},
                   quick_health());
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());

  deliver(run, ws, "w1", "this one will FAULT");
  auto fault = run.await("agent.fault", {{"agent_id", "w1"}}, 30s);
  REQUIRE_MESSAGE(fault, run.transcript());
  CHECK(fault->field("signature") == "turn_failed");

  deliver(run, ws, "w2", "this one asks to APPROVE");
  auto blocked = run.await("agent.blocked_on_human", {{"agent_id", "w2"}}, 30s);
  REQUIRE_MESSAGE(blocked, run.transcript());
  CHECK(blocked->field("source") == "screen");

  auto w1 = agent_health(ws, "w1");
  REQUIRE(w1.is_object());
  CHECK(w1["faults"] == 1);
  CHECK(w1["last_fault"] == "turn_failed");
  auto w2 = agent_health(ws, "w2");
  REQUIRE(w2.is_object());
  CHECK(w2["turn_state"] == "blocked_on_human");
  CHECK_FALSE(w2["blocked_on_human"].is_null());
  auto text = team_agent(ws.path(), {"status"});
  CHECK(text.out.find("waits on a person") != std::string::npos);
  CHECK(events_of(ws, "agent.fault").size() == 1);
  CHECK(events_of(ws, "agent.blocked_on_human").size() == 1);
}
