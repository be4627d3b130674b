// The team's tmux server killed under a running supervisor: the loss is
// recorded within 2 s (tmux.server_lost), every pane is `gone`, `send` is
// refused at once with tmux_unavailable (nothing recorded), and what waited
// for delivery is not failed: the team brought back (by `team-agent
// restart`, or by itself under runtime.restart "on-failure", its sessions
// resumed) delivers it exactly once; a server that keeps dying is restarted
// 3 times at most. A team whose supervisor and server are both gone without
// a shutdown is reported by the next command, and recorded once (team.gone).
#include <doctest/doctest.h>

#include <signal.h>

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/e2e/run_fixture.h"
#include "tests/e2e/replay_check.h"

using namespace ta::test;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

const std::vector<std::string> kClaude{"--fake-mode", "claude"};

Env session_env(const TeamWorkspace& ws) {
  return {{"CLAUDE_CONFIG_DIR", ws.temp_root() + "/claude-config"},
          {"CODEX_HOME", ws.temp_root() + "/codex-home"}};
}

std::size_t count_in(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// A message that waits: w1 works on the first one (for a minute), so the
// second is deferred behind it. Returns the waiting message's id; w1's
// session is captured by then.
std::string queue_behind_work(const TeamWorkspace& ws, RunningTeam& run) {
  auto first = send_message(ws, "w1", "work on this for a while", {"--from", "leader"});
  REQUIRE_MESSAGE(first.exit_code == 0, first.out << first.err);
  // Its session holds context now: a restart resumes it.
  REQUIRE_MESSAGE(run.await("session.captured", {{"agent_id", "w1"}}), run.transcript());
  auto queued = send_message(ws, "w1", "this one waits its turn", {"--from", "leader", "--no-wait"});
  REQUIRE_MESSAGE(queued.exit_code == 0, queued.out << queued.err);
  REQUIRE_MESSAGE(run.await("send.deferred_busy", {{"message_id", queued.message_id}}),
                  run.transcript());
  return queued.message_id;
}

// Kills the server and returns how long the supervisor took to record it.
Clock::duration kill_and_await_loss(const TeamWorkspace& ws, RunningTeam& run) {
  const auto killed_at = Clock::now();
  ws.kill_tmux_server();
  auto lost = run.await("tmux.server_lost", {}, 10s);
  const auto took = Clock::now() - killed_at;
  REQUIRE_MESSAGE(lost, run.transcript());
  CHECK(lost->field("socket").rfind("team-agent-", 0) == 0);
  CHECK(lost->field("session") == "t1");
  return took;
}

void check_not_failed(const TeamWorkspace& ws, const std::string& message_id) {
  auto all = events_of(ws);
  CHECK(count_for(all, "send.failed", message_id) == 0);
  CHECK(count_for(all, "send.deliver_attempt", message_id) == 0);
}

// Waits, following the log as a user would, for the message's send.submitted.
bool await_message_submitted(const TeamWorkspace& ws, const std::string& message_id) {
  Background follow({team_agent_bin(), "--workspace", ws.path(), "events", "-f", "--type",
                     "send.submitted", "--message", message_id, "--count", "1"});
  return follow.wait(60s) == 0;
}

void check_delivered_once(const TeamWorkspace& ws, const std::string& message_id) {
  REQUIRE(await_message_submitted(ws, message_id));
  REQUIRE(ws.await_tokens({message_id}));
  auto all = events_of(ws);
  CHECK(count_for(all, "send.submitted", message_id) == 1);
  CHECK(count_for(all, "send.failed", message_id) == 0);
  CHECK(count_of(ws.submitted_tokens("w1"), message_id) == 1);
}

}  // namespace

TEST_CASE("a lost tmux server: panes gone, sends refused fast, queued messages kept for the restart") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {"--work-ms", "60000"}}});
  RunningTeam run(ws, {}, kClaude);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  const auto queued = queue_behind_work(ws, run);

  const auto took = kill_and_await_loss(ws, run);
  CHECK_MESSAGE(took < 2s, "seen after "
                               << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                               << " ms");

  // Every pane is gone, and status says how to bring the team back.
  auto json = team_agent(ws.path(), {"status", "--json"});
  REQUIRE_MESSAGE(json.exit_code == 0, json.err);
  auto status = nlohmann::json::parse(json.out);
  for (const auto& a : status["agents"]) {
    INFO(a.dump());
    CHECK(a.value("pane_state", "") == "gone");
  }
  CHECK(status["team"]["tmux_server_lost"].is_object());
  CHECK(status["team"]["gone"].is_null());
  auto text = team_agent(ws.path(), {"status"});
  CHECK(text.out.find("tmux server: lost at ") != std::string::npos);
  CHECK(text.out.find("team-agent restart") != std::string::npos);

  // A send is refused at once, recording nothing.
  const auto accepted_before = events_of(ws, "message.accepted").size();
  const auto sent_at = Clock::now();
  auto refused = send_message(ws, "w1", "are you there?", {"--from", "leader"});
  const auto send_took = Clock::now() - sent_at;
  CHECK(refused.exit_code == 1);
  CHECK(send_took < 1s);
  CHECK(refused.err.find("tmux_unavailable: the team's tmux server is gone") != std::string::npos);
  CHECK(refused.err.find("team-agent restart") != std::string::npos);
  CHECK(refused.out.find("\"error\":\"tmux_unavailable\"") != std::string::npos);
  CHECK(events_of(ws, "message.accepted").size() == accepted_before);

  // What waited was not failed; the supervisor is still up to be replaced.
  check_not_failed(ws, queued);
  CHECK(events_of(ws, "supervisor.stopped").empty());
  auto restart = team_agent(ws.path(), {"restart", "--fake-mode", "claude", "--json"}, "",
                            session_env(ws));
  REQUIRE_MESSAGE(restart.exit_code == 0, restart.out << restart.err);
  run.proc().wait(30s);
  check_delivered_once(ws, queued);
  auto after = team_agent(ws.path(), {"status"});
  CHECK(after.out.find("tmux server: lost") == std::string::npos);
  auto stop = team_agent(ws.path(), {"shutdown", "--kill-panes"});
  CHECK_MESSAGE(stop.exit_code == 0, stop.err);
  check_replay(ws);
}

TEST_CASE("with runtime.restart on-failure the team comes back by itself, its sessions resumed") {
  TeamOptions options;
  options.runtime = {{"restart", "on-failure"}};
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {"--work-ms", "60000"}}}, {}, options);
  RunningTeam run(ws, {}, kClaude);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  const auto queued = queue_behind_work(ws, run);
  std::string session;  // captured once its first message was submitted
  for (const auto& e : events_of(ws, "session.captured"))
    if (e.data.value("agent_id", "") == "w1") session = e.data.value("session_id", "");
  REQUIRE_FALSE(session.empty());

  (void)kill_and_await_loss(ws, run);
  auto restarted = run.await("team.restarted", {{"reason", "tmux_server_lost"}}, 60s);
  REQUIRE_MESSAGE(restarted, run.transcript());
  CHECK(restarted->field("restarts") == "1");
  REQUIRE_MESSAGE(run.await("send.submitted", {{"message_id", queued}}, 60s), run.transcript());
  check_delivered_once(ws, queued);

  // w1 came back in the session it worked in.
  std::string decision;
  for (const auto& e : events_of(ws, "restart.resume_decision"))
    if (e.data.value("agent_id", "") == "w1") decision = e.data.value("decision", "");
  CHECK(decision == "resume");
  auto launches = events_of(ws, "session.launched");
  REQUIRE_FALSE(launches.empty());
  CHECK(launches.back().data.value("mode", "") == "resumed");
  auto w1_screen = ws.capture("w1");
  CHECK(w1_screen.find("resumed session " + session) != std::string::npos);

  // The old run stopped for the loss, the new one runs in the same process.
  auto stopped = events_of(ws, "supervisor.stopped");
  REQUIRE(stopped.size() == 1);
  CHECK(stopped[0].data.value("reason", "") == "tmux_server_lost");
  CHECK(events_of(ws, "supervisor.started").size() == 2);
  auto json = team_agent(ws.path(), {"status", "--json"});
  auto status = nlohmann::json::parse(json.out);
  CHECK(status["supervisor"].value("pid", 0) == run.pid());
  CHECK(status["team"]["tmux_server_lost"].is_null());
  check_replay(ws);
}

TEST_CASE("a team gone without a shutdown is reported by the next command and recorded once") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  {
    RunningTeam run(ws);
    REQUIRE_MESSAGE(run.await_ready(), run.transcript());
    run.proc().signal(SIGKILL);
    run.proc().wait(10s);
  }
  ws.kill_tmux_server();

  auto status = team_agent(ws.path(), {"status"});
  REQUIRE_MESSAGE(status.exit_code == 0, status.err);
  CHECK(count_in(status.out + status.err, "ended without a shutdown") == 1);
  CHECK(status.out.find("team-agent run") != std::string::npos);
  auto events = team_agent(ws.path(), {"events", "--count", "1"});
  CHECK(events.exit_code == 0);
  CHECK(events.err.find("ended without a shutdown") != std::string::npos);
  auto gone = events_of(ws, "team.gone");
  REQUIRE(gone.size() == 1);
  CHECK(gone[0].data.value("detected_by", "") == "status");
  CHECK(gone[0].data.value("run_id", "") == events_of(ws, "supervisor.started")[0].data.value("run_id", ""));

  auto json = team_agent(ws.path(), {"status", "--json"});
  auto j = nlohmann::json::parse(json.out);
  CHECK(j["team"]["gone"].is_object());
  for (const auto& a : j["agents"]) CHECK(a.value("pane_state", "") == "gone");

  // `run` brings it back; nothing more is recorded as gone.
  RunningTeam again(ws);
  REQUIRE_MESSAGE(again.await_ready(), again.transcript());
  CHECK(events_of(ws, "team.gone").size() == 1);
  auto back = team_agent(ws.path(), {"status"});
  CHECK(back.out.find("ended without a shutdown") == std::string::npos);
  check_replay(ws);
}

TEST_CASE("a tmux server that keeps dying is restarted 3 times, then the run stops saying why") {
  TeamOptions options;
  options.runtime = {{"restart", "on-failure"}};
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}}, {}, options);
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  for (int i = 1; i <= 3; ++i) {
    INFO("loss " << i);
    (void)kill_and_await_loss(ws, run);
    // Recorded once the new run's panes are up on a new server.
    auto restarted = run.await("team.restarted", {}, 60s);
    REQUIRE_MESSAGE(restarted, run.transcript());
    CHECK(restarted->field("restarts") == std::to_string(i));
  }
  (void)kill_and_await_loss(ws, run);
  CHECK(run.proc().wait(30s) == 1);
  CHECK(run.transcript().find("not restarting it once more") != std::string::npos);
  auto gave_up = events_of(ws, "team.restart_gave_up");
  REQUIRE(gave_up.size() == 1);
  CHECK(gave_up[0].data.value("restarts", 0) == 3);
  CHECK(events_of(ws, "team.restarted").size() == 3);
  auto status = team_agent(ws.path(), {"status"});
  CHECK(status.out.find("the automatic restarts gave up") != std::string::npos);
  CHECK(status.out.find("team-agent restart") != std::string::npos);
  check_replay(ws);
}
