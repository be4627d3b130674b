// Results back to the leader exactly once (SPEC §5): workers report with
// `team-agent report`, the supervisor turns each result into one
// notification per leader session, and the leader's fake agent transcript
// is the witness of what was typed into its pane.
#include <doctest/doctest.h>

#include <csignal>
#include <set>
#include <thread>

#include "tests/e2e/run_fixture.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

RunResult report(const TeamWorkspace& ws, const std::string& from, const std::string& task,
                 const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args{"report", "--from", from,     "--task", task,
                                "--status", "success", "--summary", task + " is done"};
  args.insert(args.end(), extra.begin(), extra.end());
  return team_agent(ws.path(), args);
}

// The notification messages the supervisor created, by result id.
std::map<std::string, std::string> notifications(const TeamWorkspace& ws) {
  std::map<std::string, std::string> out;
  for (const auto& e : events_of(ws, "message.accepted"))
    if (!e.data.value("result_id", "").empty())
      out[e.data.value("result_id", "")] = e.data.value("message_id", "");
  return out;
}

}  // namespace

TEST_CASE("15 results while the leader is busy and the supervisor restarts: 15 notifications") {
  const std::vector<std::string> workers{"w1", "w2", "w3"};
  TeamWorkspace ws({{"w1", {}}, {"w2", {}}, {"w3", {}}});
  auto report_range = [&](int from, int to) {
    std::vector<std::thread> threads;
    for (const auto& w : workers)
      threads.emplace_back([&, w] {
        for (int i = from; i < to; ++i) {
          auto r = report(ws, w, w + "-T" + std::to_string(i));
          CHECK_MESSAGE(r.exit_code == 0, r.err);
        }
      });
    for (auto& t : threads) t.join();
  };
  {
    RunningTeam run(ws);
    REQUIRE_MESSAGE(run.await_ready(), run.transcript());
    report_range(0, 3);  // the leader works 300 ms per notification: it is busy
    // Stop in the middle of the notifications; in-flight ones finish.
    REQUIRE(run.await("send.submitted", {{"to", "leader"}}, 30s));
    run.proc().signal(SIGINT);
    CHECK(run.proc().wait(30s) == 130);
  }
  report_range(3, 5);  // reported while no supervisor runs
  RunningTeam again(ws);
  REQUIRE_MESSAGE(again.await_ready(), again.transcript());

  std::map<std::string, std::string> notes;
  auto deadline = std::chrono::steady_clock::now() + 90s;
  while (std::chrono::steady_clock::now() < deadline) {
    notes = notifications(ws);
    std::vector<std::string> ids;
    for (auto& [_, id] : notes) ids.push_back(id);
    if (notes.size() == 15 && ws.await_tokens(ids, 1s)) break;
    again.drain();
  }
  INFO(again.transcript());
  REQUIRE(notes.size() == 15);
  auto typed = ws.submitted_tokens("leader");
  for (auto& [result, id] : notes) {
    CAPTURE(result);
    CHECK(count_of(typed, id) == 1);
  }
  CHECK(typed.size() == 15);
  CHECK(events_of(ws, "leader_receiver.submitted").size() == 15);

  SUBCASE("a repeated report of the same result id is skipped, not typed again") {
    auto first = events_of(ws, "result.reported").front();
    auto result_id = first.data.value("result_id", "");
    auto r = report(ws, first.data.value("agent_id", ""), first.data.value("task_id", ""),
                    {"--result-id", result_id});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto skip = again.await("leader_notification.dedupe_skip", {{"result_id", result_id}}, 30s);
    REQUIRE(skip);
    CHECK(skip->field("message_id") == notes[result_id]);
    CHECK(ws.submitted_tokens("leader").size() == 15);
    CHECK(notifications(ws).size() == 15);
  }
}

TEST_CASE("a result the leader reports itself is never notified back to it") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  auto own = report(ws, "leader", "t-own");
  REQUIRE_MESSAGE(own.exit_code == 0, own.out << own.err);
  auto worker = report(ws, "w1", "t-worker");
  REQUIRE_MESSAGE(worker.exit_code == 0, worker.out << worker.err);
  // The worker's result is notified; by then the leader's own would have been too.
  REQUIRE_MESSAGE(run.await("send.submitted", {{"to", "leader"}}, 30s), run.transcript());
  auto sent = notifications(ws);
  CHECK(sent.size() == 1);
  for (const auto& e : events_of(ws, "result.reported"))
    if (e.data.value("agent_id", "") == "leader")
      CHECK(sent.count(e.data.value("result_id", "")) == 0);
}
