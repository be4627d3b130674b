// `team-agent shutdown` against a real `run` of fake agents: the supervisor
// is asked through the log (supervisor.shutdown_requested) and stops through
// its normal path, exit 0, never as a SIGTERM; a request left in the log
// from before a run does not stop it; --kill-panes records the agents as
// stopped.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/paths.h"
#include "config/supervisor_lock.h"
#include "events/log.h"
#include "events/types.h"
#include "tests/e2e/run_fixture.h"
#include "tests/e2e/support.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

// Index in `all` of the first event of `type` after index `from`; -1 if none.
int index_of(const std::vector<ta::events::Event>& all, const std::string& type, int from = -1) {
  for (int i = from + 1; i < static_cast<int>(all.size()); ++i)
    if (all[i].type == type) return i;
  return -1;
}

// The log ends with this run being asked to stop and stopping as asked:
// shutdown_requested, then stopping and stopped with reason "shutdown", exit 0.
void check_requested_stop(const TeamWorkspace& ws, bool kill_panes) {
  auto all = events_of(ws);
  int requested = index_of(all, "supervisor.shutdown_requested");
  REQUIRE(requested >= 0);
  int stopping = index_of(all, "supervisor.stopping", requested);
  int stopped = index_of(all, "supervisor.stopped", requested);
  REQUIRE(stopping > requested);
  REQUIRE(stopped > stopping);
  const auto& req = all[requested].data;
  CHECK(req.value("kill_panes", !kill_panes) == kill_panes);
  CHECK(req.value("requested_by_pid", 0) > 0);
  CHECK_FALSE(req.value("request_id", "").empty());
  CHECK(all[stopping].data.value("reason", "") == "shutdown");
  CHECK(all[stopped].data.value("reason", "") == "shutdown");
  CHECK(all[stopped].data.value("exit_code", -1) == 0);
  CHECK(index_of(all, "supervisor.stopped", stopped) == -1);  // stopped once
  auto verify = team_agent(ws.path(), {"replay", "--verify"});
  CHECK_MESSAGE(verify.exit_code == 0, verify.out << verify.err);
}

nlohmann::json status_agents(const TeamWorkspace& ws) {
  auto r = team_agent(ws.path(), {"status", "--json"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return nlohmann::json::parse(r.out)["agents"];
}

}  // namespace

TEST_CASE("shutdown asks the supervisor through the log: run exits 0, a requested stop") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());

  auto r = team_agent(ws.path(), {"shutdown", "--timeout", "30"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("stopped the supervisor (pid " + std::to_string(run.pid()) + ")") !=
        std::string::npos);
  CHECK(r.err.find("SIGTERM") == std::string::npos);
  CHECK_MESSAGE(run.proc().wait(30s) == 0, run.transcript());
  check_requested_stop(ws, false);

  // Without --kill-panes the panes run on, as they were: a later run adopts them.
  CHECK(ws.session_alive());
  for (const auto& a : status_agents(ws)) {
    INFO(a.dump());
    CHECK(a["pane_state"] != "stopped");
  }
  for (const auto& e : events_of(ws, "pane.state_changed"))
    CHECK(e.data.value("to", "") != "stopped");
}

TEST_CASE("a shutdown request left in the log while no supervisor ran does not stop a later run") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  {
    auto log = ta::events::EventLog::open(ws.events_dir(), ta::events::LogOptions{"t1"});
    REQUIRE(log.ok());
    ta::events::SupervisorShutdownRequested stale{"stale-request", false, 1};
    REQUIRE((*log)->append(ta::events::to_draft(stale)).ok());
  }
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  // Still up and working after it took the log over: a message goes through.
  auto sent = send_message(ws, "w1", "still there?", {"--from", "leader"});
  INFO(sent.out, sent.err);
  CHECK(sent.exit_code == 0);
  REQUIRE(ws.await_tokens({sent.message_id}));
  CHECK(events_of(ws, "supervisor.stopping").empty());

  // Only a request made while it runs stops it.
  auto r = team_agent(ws.path(), {"shutdown", "--timeout", "30"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK_MESSAGE(run.proc().wait(30s) == 0, run.transcript());
  auto requests = events_of(ws, "supervisor.shutdown_requested");
  REQUIRE(requests.size() == 2);
  CHECK(requests[1].data.value("requested_by_pid", 0) > 1);
  check_requested_stop(ws, false);
}

TEST_CASE("a request from before the run that reaches its event bus is not honoured") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  {
    auto log = ta::events::EventLog::open(ws.events_dir(), ta::events::LogOptions{"t1"});
    REQUIRE(log.ok());
    REQUIRE((*log)->append(ta::events::to_draft(ta::events::LeaderNotice{"fake", "hello"})).ok());
  }
  // The fold stops at a corrupt line, so what follows it is published on
  // the bus when the run starts: the request, seq 3, comes before the run's
  // own supervisor.started.
  std::string segment = ws.events_dir() + "/00000001.jsonl";
  write_text(segment, read_text(segment) + "{\"seq\":2,\"event\":\"garbage\n" +
                          R"({"seq":3,"ts":"2026-01-01T00:00:00.000000Z",)" +
                          R"("event":"supervisor.shutdown_requested","v":1,"team":"t1",)" +
                          R"("data":{"kill_panes":false,"request_id":"old","requested_by_pid":1}})" +
                          "\n");
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await("supervisor.shutdown_requested", {{"request_id", "old"}}),
                  run.transcript());
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  auto sent = send_message(ws, "w1", "still there?", {"--from", "leader"});
  INFO(sent.out, sent.err);
  CHECK(sent.exit_code == 0);
  // Delivered after the request was on the bus: the run did not stop for it.
  REQUIRE(ws.await_tokens({sent.message_id}));
  CHECK(run.transcript().find("supervisor.stopping") == std::string::npos);
  // A request made now is honoured.
  auto r = team_agent(ws.path(), {"shutdown", "--timeout", "30"});
  CHECK_MESSAGE(r.exit_code == 0, r.out << r.err);
  CHECK_MESSAGE(run.proc().wait(30s) == 0, run.transcript());
}

TEST_CASE("shutdown of a supervisor that is still starting asks again once it has started") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  auto paths = ta::config::Paths::for_workspace(ws.path());
  RunningTeam run(ws);
  // The lock is taken before the panes start and the log is taken over:
  // the first request comes before this run's supervisor.started, which it
  // does not honour (a request from before a run is not addressed to it).
  // The lock has nothing to wait on but itself.
  auto until = std::chrono::steady_clock::now() + 60s;
  while (!ta::config::supervisor_running(paths) && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(1ms);
  REQUIRE(ta::config::supervisor_running(paths));
  auto r = team_agent(ws.path(), {"shutdown", "--timeout", "30"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("SIGTERM") == std::string::npos);
  CHECK_MESSAGE(run.proc().wait(30s) == 0, run.transcript());
  auto all = events_of(ws);
  int started = index_of(all, "supervisor.started");
  REQUIRE(started >= 0);
  CHECK(index_of(all, "supervisor.shutdown_requested") < started);  // too early, ignored
  int honoured = index_of(all, "supervisor.shutdown_requested", started);  // asked again
  REQUIRE(honoured > started);
  CHECK(index_of(all, "supervisor.stopping", honoured) > honoured);
  auto stopped = events_of(ws, "supervisor.stopped");
  REQUIRE(stopped.size() == 1);
  CHECK(stopped[0].data.value("reason", "") == "shutdown");
  CHECK(stopped[0].data.value("exit_code", -1) == 0);
}

TEST_CASE("shutdown --kill-panes records every agent whose pane went as stopped") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}, {"w2", {}}});
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());

  auto r = team_agent(ws.path(), {"shutdown", "--kill-panes", "--timeout", "30"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("killed the team's panes") != std::string::npos);
  CHECK(r.out.find("recorded as stopped: leader, w1, w2") != std::string::npos);
  CHECK_MESSAGE(run.proc().wait(30s) == 0, run.transcript());
  CHECK_FALSE(ws.session_alive());
  check_requested_stop(ws, true);

  // Each agent's last state change says it went from what it was to stopped.
  auto all = events_of(ws);
  int stopped_at = index_of(all, "supervisor.stopped");
  for (const auto& id : ws.agent_ids()) {
    CAPTURE(id);
    std::string before, last_to;
    for (int i = 0; i < static_cast<int>(all.size()); ++i) {
      if (all[i].type != "pane.state_changed" || all[i].data.value("agent_id", "") != id) continue;
      if (i > stopped_at) {
        CHECK(all[i].data.value("from", "") == before);
      } else {
        before = all[i].data.value("to", "");
      }
      last_to = all[i].data.value("to", "");
    }
    CHECK_FALSE(before.empty());  // it had a pane
    CHECK(before != "stopped");
    CHECK(last_to == "stopped");
  }
  auto agents = status_agents(ws);
  REQUIRE(agents.size() == 3);
  for (const auto& a : agents) {
    INFO(a.dump());
    CHECK(a["pane_state"] == "stopped");
  }
  // The agents table says so too (one row per agent: id, then pane state).
  auto text = team_agent(ws.path(), {"status"});
  int rows = 0;
  for (const auto& line : split_lines(text.out))
    for (const auto& id : ws.agent_ids())
      if (line.rfind("  " + id + " ", 0) == 0) {
        CAPTURE(line);
        CHECK(line.find(" stopped ") != std::string::npos);
        ++rows;
      }
  CHECK(rows == 3);

  // Nothing runs any more: a second --kill-panes records nothing again.
  auto again = team_agent(ws.path(), {"shutdown", "--kill-panes"});
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("nothing was running") != std::string::npos);
  CHECK(again.out.find("recorded as stopped") == std::string::npos);
}
