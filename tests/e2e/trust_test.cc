// Trust prompts in worker panes (SPEC §4 "Trust prompt path match", §5), end
// to end: real tmux, fake agents showing their trust screen, `team-agent run`
// and `send` as a user runs them. What reached a pane is read from the fake
// agent's own transcript (every key it got in the trust phase is recorded as
// ignored_input or selection_moved) and from the pane's capture, never from
// team-agent's word. Choosing by meaning and the repository scope are in
// trust_options_test.cc.
#include <doctest/doctest.h>

#include <signal.h>

#include <set>
#include <thread>

#include "tests/e2e/trust_support.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

using Args = std::vector<std::string>;

constexpr const char* kAnswered = kTrustAnswered;
constexpr const char* kNeeded = "leader_panes.trust_auto_answer_retry_needed";
constexpr const char* kScheduled = "leader_panes.trust_auto_answer_retry_scheduled";
constexpr const char* kAttempted = "leader_panes.trust_auto_answer_retry_attempted";
constexpr const char* kExhausted = "leader_panes.trust_auto_answer_exhausted";

// The message reached w1 once, right after the prompt was answered.
void check_answered_and_delivered(const TeamWorkspace& team, const Sent& s) {
  CHECK_MESSAGE(s.exit_code == 0, s.out << s.err);
  auto answered = about(team, kAnswered, s.message_id);
  auto submitted = about(team, "send.submitted", s.message_id);
  REQUIRE(answered.size() == 1);
  REQUIRE(submitted.size() == 1);
  CHECK(answered[0].seq < submitted[0].seq);
  CHECK(answered[0].data.value("attempt", 0) == 1);
  CHECK(about(team, "send.failed", s.message_id).empty());
  REQUIRE(await_submitted(team, "w1"));
  CHECK(tokens_seen(team, "w1", s.message_id) == 1);
  CHECK(team.transcript("w1", "trust_answered").size() == 1);
  // One plain Enter answered it: no digit, nothing typed while it showed.
  CHECK(team.transcript("w1", "ignored_input").empty());
}

// The prompt stood, the message failed at the gate, and w1 got no key at
// all: no paste, no Enter, no answer; its screen shows no message text.
void check_nothing_typed(const TeamWorkspace& team, const Sent& s, const std::string& text) {
  CHECK_MESSAGE(s.exit_code == 1, s.out << s.err);
  auto failed = about(team, "send.failed", s.message_id);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].data.value("detected", "") == "trust_prompt");
  CHECK(about(team, "send.submitted", s.message_id).empty());
  CHECK(about(team, kAnswered, s.message_id).empty());
  CHECK(team.transcript("w1", "submitted").empty());
  CHECK(team.transcript("w1", "ignored_input").empty());
  CHECK(team.transcript("w1", "trust_answered").empty());
  CHECK(team.transcript("w1", "selection_moved").empty());
  std::string screen = team.capture("w1");
  CHECK(screen.find("Do you trust the contents of this directory") != std::string::npos);
  CHECK_MESSAGE(screen.find(text) == std::string::npos, screen);
  CHECK(screen.find(s.message_id) == std::string::npos);
}

// A workspace path far wider than the 200-column pane (≈ 240 characters).
std::string long_subpath() {
  std::string p;
  for (char level = '1'; level <= '6'; ++level)
    p += (p.empty() ? "" : "/") + std::string("deeply-nested-workspace-level-0") + level;
  return p;
}

// The prompt's "You are in …" line as the pane shows it.
std::string prompt_path_line(const TeamWorkspace& team) {
  for (const auto& line : split_lines(team.capture("w1")))
    if (line.find("> You are in ") == 0) return line;
  FAIL("no \"You are in\" line on w1's screen");
  return "";
}

// Every retry event of a message stuck behind a sticky prompt, in order:
// attempts 1-4 each answered with one Enter, retries 2-4 scheduled with
// `backoff` (seconds) and attempted once each, then exhausted and failed.
void check_retry_story(const TeamWorkspace& team, const std::string& id,
                       const std::vector<double>& backoff) {
  CHECK(ints(about(team, kAnswered, id), "attempt") == std::vector<int>{1, 2, 3, 4});
  CHECK(ints(about(team, kNeeded, id), "attempt") == std::vector<int>{1, 2, 3, 4});
  auto scheduled = about(team, kScheduled, id);
  CHECK(ints(scheduled, "next_attempt") == std::vector<int>{2, 3, 4});
  CHECK(ints(scheduled, "max_attempts") == std::vector<int>{4, 4, 4});
  REQUIRE(scheduled.size() == backoff.size());
  for (std::size_t i = 0; i < backoff.size(); ++i)
    CHECK(scheduled[i].data.value("backoff_seconds", -1.0) == doctest::Approx(backoff[i]));
  CHECK(ints(about(team, kAttempted, id), "attempt") == std::vector<int>{2, 3, 4});
  auto exhausted = about(team, kExhausted, id);
  REQUIRE(exhausted.size() == 1);
  CHECK(exhausted[0].data.value("attempts", 0) == 4);
  auto failed = about(team, "send.failed", id);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].data.value("reason", "") == "trust_auto_answer_exhausted");
  CHECK(failed[0].data.value("detected", "") == "trust_prompt");
  CHECK(failed[0].seq > exhausted[0].seq);
  CHECK(about(team, "send.submitted", id).empty());
  // Each retry is a durable timer (SPEC §5: schedule.created kind trust_retry).
  std::size_t timers = 0;
  for (const auto& e : events_of(team, "schedule.created"))
    timers += e.data.value("kind", "") == "trust_retry";
  CHECK(timers == 3);
  // w1 saw exactly four plain Enters and nothing else.
  auto keys = team.transcript("w1", "ignored_input");
  CHECK(keys.size() == 4);
  for (const auto& k : keys) CHECK(k.value("key", "") == "enter");
  CHECK(team.transcript("w1", "submitted").empty());
}

}  // namespace

TEST_CASE("trust: opted in: an own-workspace prompt is answered and the message lands once") {
  TeamWorkspace team({{"w1", {"--trust-prompt"}}}, {}, trust_team());
  RunningTeam run(team, trust_env(true));
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  auto s = send_to_w1(team, "trust e2e: please look at the parser");
  check_answered_and_delivered(team, s);
  const auto answered = about(team, kAnswered, s.message_id).at(0).data;
  CHECK(answered.value("prompt_path", "") == team.path());
  CHECK(answered.value("option", "") == "Yes, continue");
  CHECK(answered.value("selected_by", "") == "preselected");
  CHECK(team.transcript("w1", "selection_moved").empty());
}

TEST_CASE("trust: runtime.auto_trust_own_workspace in the team spec opts in too") {
  TeamWorkspace team({{"w1", {"--trust-prompt"}}}, {},
                     trust_team("", nlohmann::json{{"auto_trust_own_workspace", true}}));
  RunningTeam run(team, trust_env(false));
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  check_answered_and_delivered(team, send_to_w1(team, "trust e2e: opted in by the spec"));
}

TEST_CASE("trust: the environment opt-in reads the words users write; another word stops run") {
  TeamWorkspace team({{"w1", {"--trust-prompt"}}}, {}, trust_team());
  Env unclear = trust_env(false);
  unclear["TEAM_AGENT_AUTO_TRUST_OWN_WORKSPACE"] = "maybe";
  auto refused = team_agent(team.path(), {"run", "--quiet"}, "", unclear);
  CHECK(refused.exit_code == 2);
  CHECK_MESSAGE(refused.err.find("TEAM_AGENT_AUTO_TRUST_OWN_WORKSPACE=maybe is not a yes/no value") !=
                  std::string::npos,
                refused.err);
  CHECK(events_of(team, "supervisor.started").empty());

  Env yes = trust_env(false);
  yes["TEAM_AGENT_AUTO_TRUST_OWN_WORKSPACE"] = "Yes";
  RunningTeam run(team, yes);
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  check_answered_and_delivered(team, send_to_w1(team, "trust e2e: opted in with Yes"));
}

TEST_CASE("trust: not opted in, the prompt is skipped and nothing is typed") {
  TeamWorkspace team({{"w1", {"--trust-prompt"}}}, {}, trust_team());
  RunningTeam run(team, trust_env(false));
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  const std::string text = "trust e2e: this must never be typed";
  auto s = send_to_w1(team, text);
  auto skipped = about(team, "leader_panes.trust_auto_skipped", s.message_id);
  REQUIRE_MESSAGE(skipped.size() == 1, run.transcript());
  CHECK(skipped[0].data.value("reason", "") == "not_opted_in");
  check_nothing_typed(team, s, text);
}

TEST_CASE("trust: a prompt naming <ws>-backup is refused for workspace <ws>") {
  TeamWorkspace team({{"w1", {"--trust-prompt", "--trust-path", "{ws}-backup"}}}, {},
                     trust_team());
  RunningTeam run(team, trust_env(true));
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  const std::string text = "trust e2e: wrong directory, keep out";
  auto s = send_to_w1(team, text);
  auto refused = about(team, "leader_panes.trust_auto_refused", s.message_id);
  REQUIRE_MESSAGE(refused.size() == 1, run.transcript());
  CHECK(refused[0].data.value("reason", "") == "workspace_dir_mismatch");
  CHECK(refused[0].data.value("prompt_path", "") == team.path() + "-backup");
  CHECK(refused[0].data.value("workspace", "") == team.path());
  check_nothing_typed(team, s, text);
}

// SPEC §4: a token matches when it "reaches the pane's right edge (line
// length ≥ pane_width − 1, width queried live — never guessed) and is a
// prefix of the workspace (truncated)". The fake draws the prompt cut at the
// 200-column pane, so a visible prefix of the workspace is answered…
TEST_CASE("trust: a long own-workspace path cut at the pane's right edge is answered") {
  TeamWorkspace team({{"w1", {"--trust-prompt"}}}, {}, trust_team(long_subpath()));
  RunningTeam run(team, trust_env(true));
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  std::string line = prompt_path_line(team);
  std::string shown = line.substr(std::string("> You are in ").size());
  CHECK(line.size() >= 199);  // it reaches the edge…
  CHECK(shown.size() < team.path().size());  // …cut there…
  CHECK(team.path().rfind(shown, 0) == 0);  // …and what shows is the workspace's start
  auto s = send_to_w1(team, "trust e2e: long path, own workspace");
  check_answered_and_delivered(team, s);
}

// …while a cut path that parts from the workspace before the edge is not.
TEST_CASE("trust: a long foreign path cut at the pane's right edge is refused") {
  const Args flags{"--trust-prompt", "--trust-path", "{root}/elsewhere/" + long_subpath()};
  TeamWorkspace team({{"w1", flags}}, {}, trust_team(long_subpath()));
  const std::string foreign = team.temp_root() + "/elsewhere/" + long_subpath();
  RunningTeam run(team, trust_env(true));
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  std::string line = prompt_path_line(team);
  CHECK(line.size() >= 199);
  CHECK(foreign.rfind(line.substr(std::string("> You are in ").size()), 0) == 0);
  const std::string text = "trust e2e: long path, someone else's";
  auto s = send_to_w1(team, text);
  auto refused = about(team, "leader_panes.trust_auto_refused", s.message_id);
  REQUIRE_MESSAGE(refused.size() == 1, run.transcript());
  CHECK(refused[0].data.value("reason", "") == "workspace_dir_mismatch");
  check_nothing_typed(team, s, text);
}

TEST_CASE("trust: a sticky prompt is retried on the test schedule, then the message fails") {
  TeamWorkspace team({{"w1", {"--sticky-trust"}}}, {}, trust_team());
  RunningTeam run(team, trust_env(true, "200,400,600"));
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  auto s = send_to_w1(team, "trust e2e: sticky prompt");
  CHECK_MESSAGE(s.exit_code == 1, s.out << s.err);
  CHECK(s.out.find("trust_auto_answer_exhausted") != std::string::npos);
  check_retry_story(team, s.message_id, {0.2, 0.4, 0.6});
}

TEST_CASE("trust: the real retry schedule is 5, 15 and 30 s, each after the previous attempt") {
  TeamWorkspace team({{"w1", {"--sticky-trust"}}}, {}, trust_team());
  RunningTeam run(team, trust_env(true));
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  auto s = send_to_w1(team, "trust e2e: real schedule", {"--timeout", "150"});
  CHECK_MESSAGE(s.exit_code == 1, s.out << s.err);
  const std::vector<double> backoff{5, 15, 30};
  check_retry_story(team, s.message_id, backoff);
  auto scheduled = about(team, kScheduled, s.message_id);
  auto needed = about(team, kNeeded, s.message_id);
  auto attempted = about(team, kAttempted, s.message_id);
  REQUIRE(scheduled.size() == 3);
  REQUIRE(attempted.size() == 3);
  std::vector<std::string> due;
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    due.push_back(scheduled[i].data.value("due_at", ""));
    // Due one backoff after the attempt that found the prompt still there…
    CHECK(seconds_between(needed[i].ts, due[i]) == doctest::Approx(backoff[i]).epsilon(0.05));
    // …and the retry made when due, not before (the log's ts and due_at
    // come from the same clock).
    double late = seconds_between(due[i], attempted[i].ts);
    CHECK(late >= -0.01);
    CHECK(late < 3.0);
  }
  // Between due times: the next backoff plus the up-to-3 s wait for the
  // answered prompt to go.
  CHECK(seconds_between(due[0], due[1]) == doctest::Approx(15 + 3).epsilon(0.1));
  CHECK(seconds_between(due[1], due[2]) == doctest::Approx(30 + 3).epsilon(0.1));
}

TEST_CASE("trust: a retry pending when the supervisor is killed is made once by the next run") {
  TeamWorkspace team({{"w1", {"--sticky-trust"}}}, {}, trust_team());
  const Env env = trust_env(true, "3000,400,600");
  std::string id;
  {
    RunningTeam first(team, env);
    REQUIRE_MESSAGE(first.await_panes_seen(), first.transcript());
    auto s = send_to_w1(team, "trust e2e: survive a crash", {"--no-wait"});
    CHECK(s.exit_code == 0);
    id = s.message_id;
    REQUIRE_MESSAGE(first.await(kScheduled, {{"message_id", id}, {"next_attempt", "2"}}, 30s),
                    first.transcript());
    first.proc().signal(SIGKILL);  // inside the 3 s before attempt 2 is due
    REQUIRE(first.proc().wait(10s) == 128 + SIGKILL);
  }
  CHECK(about(team, kAttempted, id).empty());
  RunningTeam second(team, env);
  REQUIRE_MESSAGE(second.await(kExhausted, {{"message_id", id}}, 60s), second.transcript());
  auto starts = events_of(team, "supervisor.started");
  REQUIRE(starts.size() == 2);
  auto attempted = about(team, kAttempted, id);
  REQUIRE(!attempted.empty());
  CHECK(attempted[0].seq > starts[1].seq);  // attempt 2 came from the re-armed timer
  check_retry_story(team, id, {3.0, 0.4, 0.6});
}

// A crash while an attempt waits for the answered prompt to go (its timer
// has fired, the next one is not scheduled yet) must not strand the message:
// SPEC §5 bounds the attempts and §3 says nothing is silently dropped.
TEST_CASE("trust: a supervisor killed during a retry attempt still brings the message to an end") {
  TeamWorkspace team({{"w1", {"--sticky-trust"}}}, {}, trust_team());
  const Env env = trust_env(true, "200,400,600");
  std::string id;
  {
    RunningTeam first(team, env);
    REQUIRE_MESSAGE(first.await_panes_seen(), first.transcript());
    auto s = send_to_w1(team, "trust e2e: crash mid-attempt", {"--no-wait"});
    id = s.message_id;
    REQUIRE_MESSAGE(first.await(kAnswered, {{"message_id", id}, {"attempt", "2"}}, 30s),
                    first.transcript());
    first.proc().signal(SIGKILL);  // inside attempt 2's 3 s wait for the prompt to go
    REQUIRE(first.proc().wait(10s) == 128 + SIGKILL);
  }
  RunningTeam second(team, env);
  auto failed = second.await("send.failed", {{"message_id", id}}, 30s);
  REQUIRE_MESSAGE(failed, "the message never ended; the second run printed:\n" << second.transcript());
  CHECK(failed->field("reason") == "trust_auto_answer_exhausted");
  // Every announced retry has its durable timer.
  std::set<std::string> timers;
  for (const auto& e : events_of(team, "schedule.created"))
    timers.insert(e.data.value("schedule_id", ""));
  for (const auto& e : about(team, kScheduled, id))
    CHECK_MESSAGE(timers.count(e.data.value("schedule_id", "")) == 1, "seq " << e.seq);
  // Attempts are counted across runs: none is made twice.
  auto answered = ints(about(team, kAnswered, id), "attempt");
  CHECK_MESSAGE(std::set<int>(answered.begin(), answered.end()).size() == answered.size(),
                "attempts answered: " << nlohmann::json(answered).dump());
}
