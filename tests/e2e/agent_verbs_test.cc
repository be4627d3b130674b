// The per-agent verbs end to end (stop, start, restart AGENT, reset,
// remove-agent, add-agent): each one a request to the running supervisor
// recorded in the log and answered there, with fake agents in real tmux
// panes; and without a supervisor, each says so and changes nothing.
#include <doctest/doctest.h>

#include <cstdio>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/e2e/run_fixture.h"
#include "tests/e2e/replay_check.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

const std::vector<std::string> kClaude{"--fake-mode", "claude"};

// The last agent.request_completed of `verb` for `agent`.
std::optional<ta::events::Event> outcome(const TeamWorkspace& ws, const std::string& verb,
                                         const std::string& agent) {
  std::optional<ta::events::Event> last;
  for (auto& e : events_of(ws, "agent.request_completed"))
    if (e.data.value("verb", "") == verb && e.data.value("agent_id", "") == agent) last = e;
  return last;
}

std::string lifecycle(const TeamWorkspace& ws, const std::string& agent) {
  auto r = team_agent(ws.path(), {"status", "--json"});
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  if (!j.is_object()) return "status failed: " + r.err;
  for (auto& a : j.value("agents", nlohmann::json::array()))
    if (a.value("agent_id", "") == agent) return a.value("lifecycle", "");
  return "absent";
}

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string team_json(const TeamWorkspace& ws) { return file_text(ws.path() + "/.team/team.json"); }

// Sends to `agent` as the leader and waits until it was submitted.
std::string deliver(RunningTeam& run, const TeamWorkspace& ws, const std::string& agent) {
  auto sent = send_message(ws, agent, "work for " + agent, {"--from", "leader", "--no-wait"});
  REQUIRE(sent.exit_code == 0);
  auto done = run.await("send.submitted", {{"message_id", sent.message_id}});
  REQUIRE_MESSAGE(done, run.transcript());
  return sent.message_id;
}

}  // namespace

TEST_CASE("stop closes the pane and keeps the queue; start delivers it; start again is a no-op") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}, {"w2", {}}});
  RunningTeam run(ws, {}, kClaude);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());

  auto stop = team_agent(ws.path(), {"stop", "w1"});
  INFO((stop.out + stop.err));
  REQUIRE(stop.exit_code == 0);
  CHECK(stop.out.find("stopped") != std::string::npos);
  CHECK(lifecycle(ws, "w1") == "stopped");
  CHECK(lifecycle(ws, "w2") == "running");
  CHECK(events_of(ws, "actor.restarted").empty());  // a stop is not a crash
  CHECK(events_of(ws, "actor.gave_up").empty());

  auto again = team_agent(ws.path(), {"stop", "w1", "--json"});
  CHECK(again.exit_code == 0);
  CHECK(nlohmann::json::parse(again.out).value("reason", "") == "already_stopped");

  // A message to a stopped agent stays accepted until it is started.
  auto sent = send_message(ws, "w1", "wait for me", {"--from", "leader", "--no-wait"});
  REQUIRE(sent.exit_code == 0);
  auto start = team_agent(ws.path(), {"start", "w1"});
  INFO((start.out + start.err));
  REQUIRE(start.exit_code == 0);
  CHECK(start.out.find("started") != std::string::npos);
  auto started = outcome(ws, "start", "w1");
  REQUIRE(started);
  CHECK(started->data.value("mode", "") == "fresh");
  REQUIRE_MESSAGE(run.await("send.submitted", {{"message_id", sent.message_id}}), run.transcript());
  std::uint64_t submitted_seq = 0;
  for (auto& e : events_of(ws, "send.submitted"))
    if (e.data.value("message_id", "") == sent.message_id) submitted_seq = e.seq;
  CHECK(submitted_seq > started->seq);
  CHECK(ws.await_tokens({sent.message_id}));
  CHECK(lifecycle(ws, "w1") == "running");

  auto noop = team_agent(ws.path(), {"start", "w1", "--json"});
  CHECK(noop.exit_code == 0);
  CHECK(nlohmann::json::parse(noop.out).value("reason", "") == "already_running");
  check_replay(ws);
}

TEST_CASE("a stopped agent stays stopped when the team runs again, until start") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  {
    RunningTeam run(ws, {}, kClaude);
    REQUIRE_MESSAGE(run.await_ready(), run.transcript());
    REQUIRE(team_agent(ws.path(), {"stop", "w1"}).exit_code == 0);
    REQUIRE(team_agent(ws.path(), {"shutdown", "--kill-panes"}).exit_code == 0);
  }
  const auto before = events_of(ws, "pane.started").size();
  RunningTeam run(ws, {}, kClaude);
  REQUIRE_MESSAGE(run.await("supervisor.started"), run.transcript());
  REQUIRE_MESSAGE(run.await("pane.state_changed", {{"agent_id", "leader"}}), run.transcript());
  auto panes = events_of(ws, "pane.started");
  REQUIRE(panes.size() == before + 1);  // the leader only
  CHECK(panes.back().data.value("agent_id", "") == "leader");
  auto start = team_agent(ws.path(), {"start", "w1"});
  CHECK_MESSAGE(start.exit_code == 0, (start.out + start.err));
  CHECK(lifecycle(ws, "w1") == "running");
  check_replay(ws);
}

TEST_CASE("restart AGENT: resumes its session; refused once it is lost, fresh with --allow-fresh") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}, {"w2", {}}});
  RunningTeam run(ws, {}, kClaude);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  deliver(run, ws, "w1");
  // The CLI writes its transcript at the Enter, so the capture may come
  // before send.submitted, which deliver() has already read past.
  auto captured_w1 = [&ws] {
    for (const auto& e : events_of(ws, "session.captured"))
      if (e.data.value("agent_id", "") == "w1") return true;
    return false;
  };
  if (!captured_w1())
    REQUIRE_MESSAGE(run.await("session.captured", {{"agent_id", "w1"}}), run.transcript());
  std::string session, transcript;
  for (const auto& e : events_of(ws, "session.captured"))
    if (e.data.value("agent_id", "") == "w1") {
      session = e.data.value("session_id", "");
      transcript = e.data.value("path", "");
    }
  REQUIRE_FALSE(transcript.empty());

  auto fresh_one = team_agent(ws.path(), {"restart", "w2"});  // never reached: fresh is fine
  CHECK_MESSAGE(fresh_one.exit_code == 0, (fresh_one.out + fresh_one.err));

  auto resumed = team_agent(ws.path(), {"restart", "w1", "--json"});
  INFO((resumed.out + resumed.err));
  REQUIRE(resumed.exit_code == 0);
  auto r = nlohmann::json::parse(resumed.out);
  CHECK(r.value("mode", "") == "resumed");
  CHECK(r.value("session_id", "") == session);

  // Its context gone (the transcript deleted): refused, and left running.
  REQUIRE(std::remove(transcript.c_str()) == 0);
  auto refused = team_agent(ws.path(), {"restart", "w1"});
  INFO((refused.out + refused.err));
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("--allow-fresh") != std::string::npos);
  CHECK(outcome(ws, "restart", "w1")->data.value("reason", "") == "refused");
  CHECK(lifecycle(ws, "w1") == "running");  // refused before its pane was touched
  CHECK_FALSE(events_of(ws, "restart.atomic_refusal").empty());

  auto allowed = team_agent(ws.path(), {"restart", "w1", "--allow-fresh", "--json"});
  INFO((allowed.out + allowed.err));
  REQUIRE(allowed.exit_code == 0);
  auto j = nlohmann::json::parse(allowed.out);
  CHECK(j.value("ok", false));
  CHECK(j.value("mode", "") == "fresh");
  CHECK(j.value("session_id", "") != session);
  CHECK(lifecycle(ws, "w1") == "running");
  deliver(run, ws, "w1");  // the new pane takes messages
  check_replay(ws);
}

TEST_CASE("reset --discard-session: a tombstone, then a fresh start; the flag is required") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  RunningTeam run(ws, {}, kClaude);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  deliver(run, ws, "w1");

  auto no_flag = team_agent(ws.path(), {"reset", "w1"});
  CHECK(no_flag.exit_code == 2);
  CHECK(events_of(ws, "agent.reset_requested").empty());

  auto reset = team_agent(ws.path(), {"reset", "w1", "--discard-session"});
  INFO((reset.out + reset.err));
  REQUIRE(reset.exit_code == 0);
  auto discarded = events_of(ws, "session.discarded");
  REQUIRE(discarded.size() == 1);
  CHECK(discarded[0].data.value("agent_id", "") == "w1");
  auto done = outcome(ws, "reset", "w1");
  REQUIRE(done);
  CHECK(done->data.value("mode", "") == "fresh");
  CHECK(done->seq > discarded[0].seq);
  deliver(run, ws, "w1");
  check_replay(ws);
}

TEST_CASE("remove-agent: refused while it works unless --force, then gone from team.json") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {"--work-ms", "60000"}}, {"w2", {}}});
  RunningTeam run(ws, {}, kClaude);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  auto sent = send_message(ws, "w1", "a long task", {"--from", "leader", "--no-wait"});
  REQUIRE(sent.exit_code == 0);
  REQUIRE_MESSAGE(run.await("pane.state_changed", {{"agent_id", "w1"}, {"to", "busy"}}),
                  run.transcript());
  const auto spec_before = team_json(ws);

  auto refused = team_agent(ws.path(), {"remove-agent", "w1"});
  INFO((refused.out + refused.err));
  CHECK(refused.exit_code == 1);
  CHECK(outcome(ws, "remove", "w1")->data.value("reason", "") == "working");
  CHECK(team_json(ws) == spec_before);
  CHECK(lifecycle(ws, "w1") == "running");

  auto forced = team_agent(ws.path(), {"remove-agent", "w1", "--force"});
  INFO((forced.out + forced.err));
  REQUIRE(forced.exit_code == 0);
  CHECK(team_json(ws).find("\"w1\"") == std::string::npos);
  CHECK(team_json(ws).find("\"w2\"") != std::string::npos);
  CHECK(lifecycle(ws, "w1") == "removed");
  CHECK(send_message(ws, "w1", "hello?", {"--from", "leader", "--no-wait"}).exit_code != 0);
  deliver(run, ws, "w2");
  check_replay(ws);
}

TEST_CASE("add-agent starts a new worker; a failed start leaves team.json byte-identical") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  RunningTeam run(ws, {{"TEAM_AGENT_TEST_HOOKS", "1"}, {"TEAM_AGENT_TEST_FAIL_START", "w9"}},
                  kClaude);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());

  auto added = team_agent(ws.path(), {"add-agent", "w3", "--provider", "fake", "--role", "tests"});
  INFO((added.out + added.err));
  REQUIRE(added.exit_code == 0);
  CHECK(team_json(ws).find("\"w3\"") != std::string::npos);
  CHECK(lifecycle(ws, "w3") == "running");
  deliver(run, ws, "w3");  // submitted: the supervisor saw it reach the new pane

  const auto spec_before = team_json(ws);
  auto taken = team_agent(ws.path(), {"add-agent", "w3", "--provider", "fake"});
  CHECK(taken.exit_code == 1);
  auto unknown = team_agent(ws.path(), {"add-agent", "w8", "--provider", "no-such"});
  CHECK(unknown.exit_code == 1);
  auto failed = team_agent(ws.path(), {"add-agent", "w9", "--provider", "fake"});
  INFO((failed.out + failed.err));
  CHECK(failed.exit_code == 1);
  CHECK(team_json(ws) == spec_before);
  for (auto& e : events_of(ws, "pane.started")) CHECK(e.data.value("agent_id", "") != "w9");
  CHECK(outcome(ws, "add", "w9")->data.value("ok", true) == false);
  check_replay(ws);
}

TEST_CASE("without a supervisor every per-agent verb says so, exits 3 and appends nothing") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  const std::vector<std::vector<std::string>> verbs = {
    {"stop", "w1"}, {"start", "w1"}, {"restart", "w1"}, {"reset", "w1", "--discard-session"},
    {"remove-agent", "w1"}, {"add-agent", "w2", "--provider", "fake"}};
  const auto spec_before = team_json(ws);
  for (const auto& v : verbs) {
    CAPTURE(v[0]);
    auto r = team_agent(ws.path(), v);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("team-agent run") != std::string::npos);
  }
  CHECK(events_of(ws).empty());
  CHECK(team_json(ws) == spec_before);
}
