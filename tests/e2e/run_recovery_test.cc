// `team-agent run` surviving what goes wrong: the supervisor killed outright
// mid-traffic, stopped with Ctrl-C, and a pane_actor crashing (through the
// test hook) once and then too often.
#include <doctest/doctest.h>

#include <signal.h>

#include <chrono>
#include <set>

#include <nlohmann/json.hpp>

#include "tests/e2e/run_fixture.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

// Message ids without a send.submitted or send.failed in the log.
std::vector<std::string> unsettled(const TeamWorkspace& ws, const std::vector<std::string>& ids) {
  auto all = events_of(ws);
  std::vector<std::string> out;
  for (const auto& id : ids)
    if (count_for(all, "send.submitted", id) + count_for(all, "send.failed", id) == 0)
      out.push_back(id);
  return out;
}

std::vector<std::string> send_burst(const TeamWorkspace& ws, const std::vector<std::string>& to,
                                    int each) {
  std::vector<std::string> ids;
  for (int i = 0; i < each; ++i)
    for (const auto& w : to) {
      auto s = send_message(ws, w, "burst " + std::to_string(i), {"--from", "leader", "--no-wait"});
      REQUIRE_MESSAGE(s.exit_code == 0, s.err);
      ids.push_back(s.message_id);
    }
  return ids;
}

// Every pane's tokens, all agents together.
std::vector<std::string> all_tokens(const TeamWorkspace& ws) {
  std::vector<std::string> out;
  for (const auto& id : ws.agent_ids())
    for (auto& t : ws.submitted_tokens(id)) out.push_back(t);
  return out;
}

void stop_and_verify_replay(const TeamWorkspace& ws, RunningTeam& run) {
  auto stop = team_agent(ws.path(), {"shutdown", "--timeout", "30"});
  INFO(stop.out, stop.err);
  CHECK(stop.exit_code == 0);
  // `shutdown` asks through the log: a requested stop, exit 0.
  CHECK(run.proc().wait(30s) == 0);
  auto verify = team_agent(ws.path(), {"replay", "--verify"});
  INFO(verify.out, verify.err);
  CHECK(verify.exit_code == 0);
}

}  // namespace

TEST_CASE("kill -9 mid-traffic, then run again: each accepted message once, or failed with a reason") {
  TeamWorkspace ws({{"w1", {"--work-ms", "200"}}, {"w2", {"--work-ms", "200"}}});
  std::vector<std::string> ids;
  std::set<std::string> cut_short;  // attempted, without an outcome, when it died
  {
    RunningTeam run(ws);
    REQUIRE_MESSAGE(run.await_ready(), run.transcript());
    ids = send_burst(ws, {"w1", "w2"}, 12);
    // Killed as a delivery starts (a fresh line, not one from the backlog),
    // so that one is likely caught in the middle.
    for (int i = 0; i < 4; ++i) REQUIRE_MESSAGE(run.await("send.submitted"), run.transcript());
    run.drain();
    REQUIRE_MESSAGE(run.await("send.deliver_attempt"), run.transcript());
    run.proc().signal(SIGKILL);
    REQUIRE(run.proc().wait(30s) == 128 + SIGKILL);
    auto all = events_of(ws);
    for (const auto& id : unsettled(ws, ids))
      if (count_for(all, "send.deliver_attempt", id) > 0) cut_short.insert(id);
  }
  MESSAGE(cut_short.size(), " delivery(ies) cut short by kill -9");

  // Accepted with nobody to deliver: exit 3, delivered by the next run.
  std::vector<std::string> while_down;
  for (const auto& w : {"w1", "w2"}) {
    auto s = send_message(ws, w, "sent while no supervisor runs", {"--from", "leader"});
    CHECK_MESSAGE(s.exit_code == 3, s.err);
    REQUIRE_FALSE(s.message_id.empty());
    while_down.push_back(s.message_id);
    ids.push_back(s.message_id);
  }

  RunningTeam again(ws);
  auto left = unsettled(ws, ids);
  INFO(again.transcript());
  REQUIRE(again.await_outcomes(left, 60s).empty());

  auto all = events_of(ws);
  std::vector<std::string> submitted_ids;
  for (const auto& e : all)
    if (e.type == "send.submitted") submitted_ids.push_back(e.data.value("message_id", ""));
  CHECK(ws.await_tokens(submitted_ids));
  auto tokens = all_tokens(ws);
  for (const auto& id : ids) {
    CAPTURE(id);
    auto submitted = count_for(all, "send.submitted", id);
    auto failed = count_for(all, "send.failed", id);
    CHECK(submitted + failed == 1);
    CHECK(count_of(tokens, id) <= 1);  // never pasted twice, whatever happened
    if (submitted == 1) CHECK(count_of(tokens, id) == 1);
    for (const auto& e : all)
      if (e.type == "send.failed" && e.data.value("message_id", "") == id) {
        std::string reason = e.data.value("reason", "");
        CHECK_FALSE(reason.empty());
        if (cut_short.count(id)) CHECK(reason == "interrupted");
      }
  }
  for (const auto& id : while_down) CHECK(count_for(all, "send.submitted", id) == 1);

  // A failure stays visible, with its reason.
  auto status = nlohmann::json::parse(team_agent(ws.path(), {"status", "--json"}).out, nullptr, false);
  REQUIRE(status.is_object());
  std::map<std::string, std::string> shown;
  for (const auto& f : status["messages"]["failures"])
    shown[f.value("message_id", "")] = f["reason"].is_string() ? f["reason"].get<std::string>() : "";
  for (const auto& e : all)
    if (e.type == "send.failed") {
      auto id = e.data.value("message_id", "");
      CHECK_MESSAGE(shown[id] == e.data.value("reason", ""), id);
    }

  stop_and_verify_replay(ws, again);
}

TEST_CASE("Ctrl-C during traffic stops gracefully with 130 and leaves the agents running") {
  TeamWorkspace ws({{"w1", {"--work-ms", "200"}}});
  std::vector<std::string> ids;
  {
    RunningTeam run(ws);
    REQUIRE_MESSAGE(run.await_ready(), run.transcript());
    ids = send_burst(ws, {"w1"}, 10);
    // Stopped as a delivery starts: the stop must let it finish.
    REQUIRE_MESSAGE(run.await("send.submitted"), run.transcript());
    run.drain();
    REQUIRE_MESSAGE(run.await("send.deliver_attempt"), run.transcript());
    run.proc().signal(SIGINT);
    CHECK(run.proc().wait(30s) == 130);
    INFO(run.transcript());
    CHECK(run.transcript().find("supervisor.stopped") != std::string::npos);
  }
  auto stopped = events_of(ws, "supervisor.stopped");
  REQUIRE(stopped.size() == 1);
  CHECK(stopped[0].data.value("exit_code", -1) == 130);

  CHECK(ws.session_alive());
  for (const auto& id : ws.agent_ids()) {
    auto started = ws.transcript(id, "started");
    REQUIRE_MESSAGE(!started.empty(), id);
    int pid = started.back().value("pid", 0);
    bool alive = pid > 0 && ::kill(pid, 0) == 0;
    CHECK_MESSAGE(alive, id, " (pid ", pid, ") is gone");
  }

  // A graceful stop interrupts nothing: the next run delivers the rest, each once.
  RunningTeam again(ws);
  INFO(again.transcript());
  REQUIRE(again.await_outcomes(unsettled(ws, ids), 60s).empty());
  auto all = events_of(ws);
  for (const auto& id : ids) CHECK_MESSAGE(count_for(all, "send.submitted", id) == 1, id);
  CHECK(ws.await_tokens(ids));
  CHECK(ws.submitted_tokens("w1") == ids);
  stop_and_verify_replay(ws, again);
}

TEST_CASE("a crashed pane_actor is restarted and still delivers; crashing too often stops the run") {
  TeamWorkspace ws({{"w1", {"--work-ms", "50"}}, {"w2", {"--work-ms", "50"}}});
  RunningTeam run(ws, {{"TEAM_AGENT_TEST_HOOKS", "1"}});
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  write_text(ws.path() + "/.team/test-fault", "pane_actor:w1\n");

  run.proc().signal(SIGUSR1);
  auto restarted = run.await("actor.restarted", {{"actor", "pane_actor:w1"}}, 30s);
  REQUIRE_MESSAGE(restarted, run.transcript());
  CHECK(restarted->field("restarts") == "1");
  // Sent at once, while the actor may still be waiting out its backoff.
  auto s = send_message(ws, "w1", "after the crash", {"--from", "leader"});
  CHECK_MESSAGE(s.exit_code == 0, s.err);
  CHECK(ws.await_tokens({s.message_id}));
  CHECK(ws.submitted_tokens("w1") == std::vector<std::string>{s.message_id});

  // Five more within the window: the sixth crash is one too many. Each
  // signal waits for the new actor to be there (its first look at the pane).
  for (int crash = 2; crash <= 6; ++crash) {
    CAPTURE(crash);
    REQUIRE_MESSAGE(run.await("pane.state_changed", {{"agent_id", "w1"}, {"from", "starting"}}, 30s),
                    run.transcript());
    run.proc().signal(SIGUSR1);
    if (crash < 6) {
      auto r = run.await("actor.restarted", {{"actor", "pane_actor:w1"}}, 30s);
      REQUIRE_MESSAGE(r, run.transcript());
      CHECK(r->field("restarts") == std::to_string(crash));
    } else {
      REQUIRE_MESSAGE(run.await("actor.gave_up", {{"actor", "pane_actor:w1"}}, 30s),
                      run.transcript());
    }
  }
  CHECK(run.proc().wait(30s) == 1);
  INFO(run.transcript());
  CHECK(run.transcript().find("team-agent: pane_actor:w1 crashed 6 times within 60 s") !=
        std::string::npos);
  auto stopped = events_of(ws, "supervisor.stopped");
  REQUIRE(stopped.size() == 1);
  CHECK(stopped[0].data.value("exit_code", -1) == 1);
}
