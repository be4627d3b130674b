// The leader's idle take-over reminder end to end, with fake agents in real
// tmux panes: none before any worker turn, exactly one after a team worked
// and sat idle for the debounce, one again after a new worker turn, none
// while acknowledged; and why, in `status --json`.
#include <doctest/doctest.h>

#include <thread>

#include <nlohmann/json.hpp>

#include "tests/e2e/run_fixture.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

// Sends a task to `agent` as the leader and waits until it was submitted.
std::uint64_t task(RunningTeam& run, const TeamWorkspace& ws, const std::string& agent,
                   const std::string& text) {
  auto sent = send_message(ws, agent, text, {"--from", "leader", "--no-wait"});
  REQUIRE(sent.exit_code == 0);
  auto done = run.await("send.submitted", {{"message_id", sent.message_id}});
  REQUIRE_MESSAGE(done, run.transcript());
  return done->seq;
}

std::uint64_t line_seq(const LogLine& l) { return l.seq; }

std::string idle_reason(const TeamWorkspace& ws) {
  auto r = team_agent(ws.path(), {"status", "--json"});
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  if (!j.is_object() || !j["idle_reminder"].is_object()) return "status: " + r.out + r.err;
  return j["idle_reminder"].value("reason", "");
}

}  // namespace

TEST_CASE("the leader is reminded once per idle episode after work, and acknowledge-idle silences it") {
  TeamOptions o;
  o.runtime = {{"idle_reminder_after_s", 1}};
  TeamWorkspace ws({{"w1", {}}, {"w2", {}}}, {}, o);
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());

  // Idle from the start, but nobody worked: no reminder, and status says why.
  REQUIRE_MESSAGE(run.await("idle.watch_changed", {{"reason", "not_armed_no_worker_turn"}}, 20s),
                  run.transcript());
  CHECK(idle_reason(ws) == "not_armed_no_worker_turn");

  // Three tasks, then the team sits idle: one reminder, after the last task.
  task(run, ws, "w1", "first task");
  task(run, ws, "w2", "second task");
  auto last_task = task(run, ws, "w1", "third task");
  auto reminder = run.await("idle.reminder_sent", {}, 30s);
  REQUIRE_MESSAGE(reminder, run.transcript());
  CHECK(line_seq(*reminder) > last_task);
  const std::string message_id = reminder->field("message_id");
  REQUIRE_MESSAGE(run.await("send.submitted", {{"message_id", message_id}}, 30s),
                  run.transcript());
  auto accepted = events_of(ws, "message.accepted");
  bool told = false;
  for (const auto& m : accepted)
    if (m.data.value("message_id", "") == message_id)
      told = m.data.value("to", "") == "leader" &&
             m.data.value("content", "").rfind("All nodes idle: 3 team nodes", 0) == 0;
  CHECK(told);

  // The leader's own turn on it does not start another episode's reminder.
  REQUIRE_MESSAGE(run.await("idle.watch_changed", {{"reason", "not_armed_no_worker_turn"}}, 20s),
                  run.transcript());
  std::this_thread::sleep_for(2500ms);  // more than twice the debounce: nothing may come
  CHECK(events_of(ws, "idle.reminder_sent").size() == 1);

  // A new worker turn arms it again.
  task(run, ws, "w2", "fourth task");
  REQUIRE_MESSAGE(run.await("idle.reminder_sent", {}, 30s), run.transcript());
  CHECK(events_of(ws, "idle.reminder_sent").size() == 2);

  // Acknowledged for an hour: work and idleness bring no reminder.
  auto ack = team_agent(ws.path(), {"acknowledge-idle", "--for", "1h"});
  REQUIRE_MESSAGE(ack.exit_code == 0, ack.err);
  REQUIRE(run.await("idle.acknowledged", {}, 10s));
  task(run, ws, "w1", "fifth task");
  REQUIRE_MESSAGE(run.await("idle.watch_changed", {{"reason", "acknowledged"}}, 20s),
                  run.transcript());
  std::this_thread::sleep_for(2500ms);
  CHECK(events_of(ws, "idle.reminder_sent").size() == 2);
  CHECK(idle_reason(ws) == "acknowledged");

  auto bad = team_agent(ws.path(), {"acknowledge-idle", "--for", "soon"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("not a duration") != std::string::npos);
  auto verify = team_agent(ws.path(), {"replay", "--verify"});
  CHECK_MESSAGE(verify.exit_code == 0, (verify.out + verify.err));
}
