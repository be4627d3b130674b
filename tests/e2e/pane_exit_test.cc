// A pane whose agent dies while a trust prompt holds its messages back, and
// a leader whose trust prompt never goes: the trust path ends, every held
// message ends exactly once, and nothing is lost (SPEC §3, §5).
#include <doctest/doctest.h>

#include <signal.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/run_fixture.h"
#include "util/fs.h"
#include "util/ids.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

constexpr const char* kScheduled = "leader_panes.trust_auto_answer_retry_scheduled";
constexpr const char* kAttempted = "leader_panes.trust_auto_answer_retry_attempted";
constexpr const char* kExhausted = "leader_panes.trust_auto_answer_exhausted";

TeamOptions team_t() {
  TeamOptions o;
  o.team = "t";
  return o;
}

std::int64_t pane_pid(const TeamWorkspace& ws, const std::string& agent) {
  for (const auto& e : events_of(ws, "pane.started"))
    if (e.data.value("agent_id", "") == agent) return e.data.value("pid", std::int64_t{0});
  return 0;
}

// Every line of every segment is a JSON object whose message ids, where it
// has one, are well-formed: a read of freed or empty storage would show here.
void check_log_well_formed(const TeamWorkspace& ws) {
  for (const auto& e : events_of(ws)) {
    CAPTURE(e.seq);
    if (!e.data.contains("message_id")) continue;
    auto id = e.data.value("message_id", "");
    CHECK_MESSAGE(ta::is_prefixed_hex12(id, "msg_"), e.type << " has message_id '" << id << "'");
  }
  auto lines = 0;
  for (const auto& name : {"00000001.jsonl"}) {
    auto text = ta::read_file(ws.events_dir() + "/" + name);
    REQUIRE(text);
    for (const auto& line : split_lines(*text)) {
      ++lines;
      auto j = nlohmann::json::parse(line, nullptr, false);
      CHECK_MESSAGE(j.is_object(), "line " << lines << " is not JSON: " << line);
    }
  }
  CHECK(lines > 0);
}

}  // namespace

TEST_CASE("a pane killed while its messages wait for a trust retry ends the trust path") {
  TeamWorkspace ws({{"w1", {"--sticky-trust"}}}, {}, team_t());
  // Long enough that the retry would fire well inside the test.
  RunningTeam run(ws, trust_env(true, "2500,2500,2500"));
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  auto first = send_message(ws, "w1", "held behind the prompt", {"--no-wait"});
  auto second = send_message(ws, "w1", "queued behind the first", {"--no-wait"});
  REQUIRE(!first.message_id.empty());
  REQUIRE(!second.message_id.empty());
  auto scheduled = run.await(kScheduled, {{"message_id", first.message_id}}, 30s);
  REQUIRE_MESSAGE(scheduled, run.transcript());
  const std::string timer = scheduled->field("schedule_id");

  auto pid = pane_pid(ws, "w1");
  REQUIRE(pid > 0);
  REQUIRE(::kill(static_cast<pid_t>(pid), SIGKILL) == 0);

  REQUIRE_MESSAGE(run.await("pane.exited", {{"agent_id", "w1"}}, 30s), run.transcript());
  auto cancelled = run.await("schedule.cancelled", {{"schedule_id", timer}}, 30s);
  REQUIRE_MESSAGE(cancelled, run.transcript());
  CHECK(cancelled->field("reason") == "pane_exited");
  CHECK(run.await_outcomes({first.message_id, second.message_id}, 30s).empty());
  // Past the moment the retry was due: it never fires, nothing is answered.
  CHECK_FALSE(run.await("schedule.fired", {{"schedule_id", timer}}, 4s));

  auto all = events_of(ws);
  for (const auto& id : {first.message_id, second.message_id}) {
    CAPTURE(id);
    CHECK(count_for(all, "send.failed", id) == 1);
    CHECK(count_for(all, "send.submitted", id) == 0);
    CHECK(count_for(all, kAttempted, id) == 0);
  }
  for (const auto& e : events_of(ws, "send.failed"))
    CHECK(e.data.value("reason", "") == "pane_exited");
  // The dead pane's last screen is a trust prompt; its state is exited.
  auto changes = events_of(ws, "pane.state_changed");
  REQUIRE(!changes.empty());
  CHECK(changes.back().data.value("to", "") == "exited");
  check_log_well_formed(ws);
  auto verify = team_agent(ws.path(), {"replay", "--verify"});
  CHECK_MESSAGE(verify.exit_code == 0, verify.out << verify.err);
}

TEST_CASE("a leader message whose trust retries run out lands in the leader inbox") {
  TeamWorkspace ws({{"w1", {}}}, {"--sticky-trust"}, team_t());
  RunningTeam run(ws, trust_env(true, "200,400,600"));
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  auto sent = send_message(ws, "leader", "results are in", {"--from", "w1"});
  CHECK_MESSAGE(sent.exit_code == 1, sent.out << sent.err);
  REQUIRE(!sent.message_id.empty());
  REQUIRE_MESSAGE(run.await(kExhausted, {{"message_id", sent.message_id}}, 30s), run.transcript());
  auto failed =
    run.await("leader_receiver.delivery_failed", {{"message_id", sent.message_id}}, 30s);
  REQUIRE_MESSAGE(failed, run.transcript());
  CHECK(failed->field("reason") == "trust_auto_answer_exhausted");
  auto text = ta::read_file(ws.path() + "/.team/leader-inbox.log");
  REQUIRE(text);
  CHECK(text->find("results are in") != std::string::npos);
  CHECK(text->find("[team-agent-token:" + sent.message_id + "]") != std::string::npos);
  CHECK(ws.submitted_tokens("leader").empty());
}
