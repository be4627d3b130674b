// A team started again keeps its context: after its tmux server died, `run`
// resumes every agent that had worked in its own CLI session; `restart`
// refuses, touching nothing, when an agent that worked would lose its
// context, unless --allow-fresh; a start that fails half way leaves no pane.
// Fake agents in Claude's style keep real transcripts under the test's
// CLAUDE_CONFIG_DIR.
#include <doctest/doctest.h>

#include <signal.h>

#include <cstdio>
#include <map>
#include <thread>

#include <nlohmann/json.hpp>

#include "terminal/tmux_server.h"
#include "tests/e2e/run_fixture.h"
#include "tests/e2e/replay_check.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

const std::vector<std::string> kClaude{"--fake-mode", "claude"};

Env session_env(const TeamWorkspace& ws) {
  return {{"CLAUDE_CONFIG_DIR", ws.temp_root() + "/claude-config"},
          {"CODEX_HOME", ws.temp_root() + "/codex-home"}};
}

// Agent id -> the last session.captured's data.
std::map<std::string, nlohmann::json> captured(const TeamWorkspace& ws) {
  std::map<std::string, nlohmann::json> out;
  for (const auto& e : events_of(ws, "session.captured")) out[e.data.value("agent_id", "")] = e.data;
  return out;
}

std::map<std::string, nlohmann::json> decisions_after(const TeamWorkspace& ws, std::uint64_t seq) {
  std::map<std::string, nlohmann::json> out;
  for (const auto& e : events_of(ws, "restart.resume_decision"))
    if (e.seq > seq) out[e.data.value("agent_id", "")] = e.data;
  return out;
}

std::uint64_t last_seq(const TeamWorkspace& ws) {
  auto all = events_of(ws);
  return all.empty() ? 0 : all.back().seq;
}

// A team where w1 and w2 have worked (their sessions captured) and w3 never
// did; its panes are gone and no supervisor runs afterwards.
void work_then_lose_panes(const TeamWorkspace& ws) {
  RunningTeam run(ws, {}, kClaude);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  for (std::string w : {"w1", "w2"}) {
    auto s = send_message(ws, w, "remember the word PAPAYA-" + w, {"--from", "leader"});
    REQUIRE_MESSAGE(s.exit_code == 0, s.err);
    REQUIRE_MESSAGE(run.await("session.captured", {{"agent_id", w}}), run.transcript());
  }
  ws.kill_tmux_server();
  auto stop = team_agent(ws.path(), {"shutdown"});
  CHECK_MESSAGE(stop.exit_code == 0, stop.err);
  run.proc().wait(30s);
  REQUIRE_FALSE(ws.session_alive());
}

}  // namespace

TEST_CASE("after its tmux server died, run resumes every agent that worked, with its session") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}, {"w2", {}}, {"w3", {}}});
  work_then_lose_panes(ws);
  auto before = captured(ws);
  const auto from = last_seq(ws);

  RunningTeam again(ws, {}, kClaude);
  REQUIRE_MESSAGE(again.await("restart.complete"), again.transcript());
  REQUIRE_MESSAGE(again.await_ready(), again.transcript());
  auto d = decisions_after(ws, from);
  for (std::string w : {"w1", "w2"}) {
    INFO(w);
    CHECK(d[w].value("decision", "") == "resume");
    CHECK(d[w].value("session_id", "") == before[w].value("session_id", ""));
    // The agent's CLI shows the conversation it had.
    auto screen = ws.capture(w);
    CHECK(screen.find("resumed session " + before[w].value("session_id", "") +
                      ": 1 earlier turns") != std::string::npos);
  }
  CHECK(d["w3"].value("decision", "") == "fresh_start");
  CHECK(d["w3"].value("reason", "") == "never_interacted");
  check_replay(ws);
}

TEST_CASE("restart refuses, starting nothing, when a worker that worked lost its session") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}, {"w2", {}}, {"w3", {}}});
  work_then_lose_panes(ws);
  auto before = captured(ws);
  std::string first_at;
  for (const auto& e : events_of(ws, "worker.first_interaction"))
    if (e.data.value("worker_id", "") == "w1") first_at = e.data.value("first_send_at", "");
  REQUIRE(std::remove(before["w1"].value("path", "").c_str()) == 0);

  auto refused = team_agent(ws.path(), {"restart", "--fake-mode", "claude"}, "", session_env(ws));
  INFO((refused.out + refused.err));
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("agent w1 (working since " + first_at + ")") != std::string::npos);
  CHECK(refused.err.find("use --allow-fresh only if losing that worker's context is acceptable") !=
        std::string::npos);
  CHECK(refused.err.find("agent w2") == std::string::npos);
  auto refusals = events_of(ws, "restart.atomic_refusal");
  REQUIRE(refusals.size() == 1);
  CHECK(refusals[0].data["agents"].size() == 1);
  CHECK(refusals[0].data["agents"][0].value("agent_id", "") == "w1");
  CHECK_FALSE(ws.session_alive());  // nothing was started
  CHECK(events_of(ws, "session.launched").size() == 4);  // the first run's only

  auto allowed = team_agent(ws.path(), {"restart", "--allow-fresh", "--fake-mode", "claude", "--json"},
                            "", session_env(ws));
  INFO((allowed.out + allowed.err));
  REQUIRE(allowed.exit_code == 0);
  auto out = nlohmann::json::parse(allowed.out);
  std::map<std::string, nlohmann::json> agents;
  for (const auto& a : out["agents"]) agents[a.value("agent_id", "")] = a;
  CHECK(agents["w1"].value("mode", "") == "fresh");
  CHECK(agents["w1"].value("session_id", "") != before["w1"].value("session_id", ""));
  CHECK(agents["w2"].value("mode", "") == "resumed");
  CHECK(agents["w2"].value("session_id", "") == before["w2"].value("session_id", ""));
  CHECK(agents["w3"].value("mode", "") == "fresh");
  CHECK(ws.session_alive());
  auto stop = team_agent(ws.path(), {"shutdown", "--kill-panes"});
  CHECK_MESSAGE(stop.exit_code == 0, stop.err);
  check_replay(ws);
}

TEST_CASE("a start that fails at the second pane removes the first and changes no decision") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}, {"w2", {}}});
  work_then_lose_panes(ws);
  auto before = captured(ws);

  Env env = session_env(ws);
  env["TEAM_AGENT_TEST_HOOKS"] = "1";
  env["TEAM_AGENT_TEST_FAIL_START"] = "w1";  // the leader's pane comes first
  auto failed = run({team_agent_bin(), "--workspace", ws.path(), "run", "-q", "--fake-mode", "claude"},
                    "", env);
  INFO((failed.out + failed.err));
  CHECK(failed.exit_code == 1);
  auto rollbacks = events_of(ws, "restart.rollback");
  REQUIRE(rollbacks.size() == 1);
  CHECK(rollbacks[0].data.value("agent_id", "") == "w1");
  CHECK(rollbacks[0].data["panes_removed"].size() == 1);
  CHECK_FALSE(ws.session_alive());
  CHECK(events_of(ws, "restart.complete").empty());

  // The next start decides exactly as before: both resumed.
  const auto from = last_seq(ws);
  RunningTeam again(ws, {}, kClaude);
  REQUIRE_MESSAGE(again.await("restart.complete"), again.transcript());
  auto d = decisions_after(ws, from);
  for (std::string w : {"w1", "w2"}) {
    INFO(w);
    CHECK(d[w].value("decision", "") == "resume");
    CHECK(d[w].value("session_id", "") == before[w].value("session_id", ""));
  }
  check_replay(ws);
}

TEST_CASE("a session its supervisor never captured is found when the team is started again") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  std::string launched;
  {
    RunningTeam run(ws, {}, kClaude);
    REQUIRE_MESSAGE(run.await_ready(), run.transcript());
    for (const auto& e : events_of(ws, "session.launched"))
      if (e.data.value("agent_id", "") == "w1") launched = e.data.value("session_id", "");
    REQUIRE_FALSE(launched.empty());
    // The supervisor dies before anyone writes to w1; then a person types
    // into w1's pane, and its CLI writes the transcript nobody captures.
    run.proc().signal(SIGKILL);
    run.proc().wait(10s);
  }
  std::string pane;
  for (const auto& e : events_of(ws, "pane.started"))
    if (e.data.value("agent_id", "") == "w1") pane = e.data.value("pane_id", "");
  const std::string socket = ta::terminal::socket_name_for_workspace(ws.path());
  auto typed = run({"/usr/bin/tmux", "-L", socket, "send-keys", "-t", pane, "-l", "hello by hand"});
  REQUIRE(typed.exit_code == 0);
  REQUIRE(run({"/usr/bin/tmux", "-L", socket, "send-keys", "-t", pane, "Enter"}).exit_code == 0);
  // No event says the CLI read it: its own transcript does.
  auto deadline = std::chrono::steady_clock::now() + 20s;
  while (ws.transcript("w1", "submitted").empty() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(50ms);
  REQUIRE_FALSE(ws.transcript("w1", "submitted").empty());
  ws.kill_tmux_server();
  CHECK(events_of(ws, "session.captured").empty());

  const auto from = last_seq(ws);
  RunningTeam again(ws, {}, kClaude);
  REQUIRE_MESSAGE(again.await("restart.complete"), again.transcript());
  auto found = events_of(ws, "session.captured");
  REQUIRE(found.size() >= 1);
  CHECK(found[0].data.value("agent_id", "") == "w1");
  CHECK(found[0].data.value("session_id", "") == launched);
  CHECK(decisions_after(ws, from)["w1"].value("decision", "") == "resume");
  check_replay(ws);
}
