// `team-agent run` delivering for real: fake agents in tmux panes, messages
// sent by `team-agent send` processes, and the fake agents' own transcripts
// as the witness of what reached each pane.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "tests/e2e/run_fixture.h"

using namespace ta::test;
using namespace std::chrono_literals;

TEST_CASE("concurrent senders: every message submitted, pasted once, in order per pane") {
  const std::vector<std::string> workers{"w1", "w2", "w3"};
  const int per_worker = 20;
  TeamWorkspace ws({{"w1", {"--work-ms", "50"}}, {"w2", {"--work-ms", "50"}},
                    {"w3", {"--work-ms", "50"}}});
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());

  // One sending process at a time per worker, all three workers at once:
  // within a worker the send order is known, across workers it is a race.
  std::map<std::string, std::vector<Sent>> sent;
  for (const auto& w : workers) sent[w].reserve(per_worker);
  std::vector<std::thread> senders;
  for (const auto& w : workers)
    senders.emplace_back([&ws, &sent, w, per_worker] {
      for (int i = 0; i < per_worker; ++i)
        sent[w].push_back(send_message(ws, w, "task " + std::to_string(i) + " for " + w,
                                       {"--from", "leader", "--no-wait"}));
    });
  // The live log is drained meanwhile, so run never blocks on a full pipe.
  int submitted = 0;
  auto deadline = std::chrono::steady_clock::now() + 90s;
  while (submitted < 3 * per_worker && std::chrono::steady_clock::now() < deadline)
    if (run.await("send.submitted", {}, 5s)) ++submitted;
  for (auto& t : senders) t.join();
  INFO(run.transcript());
  REQUIRE(submitted == 3 * per_worker);

  auto all = events_of(ws);
  std::size_t failures = 0, first_interactions = 0;
  for (const auto& e : all) {
    failures += e.type == "send.failed";
    first_interactions += e.type == "worker.first_interaction";
  }
  CHECK(failures == 0);
  CHECK(first_interactions == workers.size());
  std::vector<std::string> every_id;
  for (const auto& w : workers)
    for (const auto& s : sent[w]) every_id.push_back(s.message_id);
  CHECK(ws.await_tokens(every_id));
  for (const auto& w : workers) {
    CAPTURE(w);
    std::vector<std::string> ids;
    for (const auto& s : sent[w]) {
      CHECK(s.exit_code == 0);
      REQUIRE_FALSE(s.message_id.empty());
      ids.push_back(s.message_id);
      CHECK(count_for(all, "send.submitted", s.message_id) == 1);
    }
    // Exactly once each, and in send order: the transcript is the pane's view.
    CHECK(ws.submitted_tokens(w) == ids);
    std::size_t stamped = 0;
    for (const auto& e : all)
      if (e.type == "worker.first_interaction" && e.data.value("worker_id", "") == w) {
        ++stamped;
        CHECK(e.data.value("message_id", "") == ids.front());
      }
    CHECK(stamped == 1);
  }
  // Nothing was sent to the leader, and nothing reached it.
  CHECK(ws.submitted_tokens("leader").empty());
}

TEST_CASE("worker-to-worker messages never stamp worker.first_interaction") {
  TeamWorkspace ws({{"w1", {"--work-ms", "50"}}, {"w2", {"--work-ms", "50"}}});
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());

  auto a = send_message(ws, "w2", "from one worker to another", {"--from", "w1"});
  auto b = send_message(ws, "w1", "and back", {"--from", "w2"});
  INFO(a.err, b.err, run.transcript());
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  CHECK(events_of(ws, "worker.first_interaction").empty());
  CHECK(ws.await_tokens({a.message_id, b.message_id}));
  CHECK(ws.submitted_tokens("w2") == std::vector<std::string>{a.message_id});

  // The leader's first message to w2 is the one that counts, and only it.
  auto c = send_message(ws, "w2", "now from the leader", {"--from", "leader"});
  auto d = send_message(ws, "w2", "again from the leader", {"--from", "leader"});
  REQUIRE(c.exit_code == 0);
  REQUIRE(d.exit_code == 0);
  auto stamps = events_of(ws, "worker.first_interaction");
  REQUIRE(stamps.size() == 1);
  CHECK(stamps[0].data.value("worker_id", "") == "w2");
  CHECK(stamps[0].data.value("message_id", "") == c.message_id);
}

TEST_CASE("a busy agent's queue waits, noted once per message, then drains in order") {
  TeamWorkspace ws({{"w1", {"--work-ms", "1500"}}});
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());

  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    auto s = send_message(ws, "w1", "slow task " + std::to_string(i),
                          {"--from", "leader", "--no-wait"});
    REQUIRE(s.exit_code == 0);
    ids.push_back(s.message_id);
  }
  INFO(run.transcript());
  REQUIRE(run.await_outcomes(ids, 60s).empty());

  auto all = events_of(ws);
  for (const auto& id : ids) CHECK(count_for(all, "send.submitted", id) == 1);
  CHECK(ws.await_tokens(ids));
  // The first finds the agent idle; each later one waits for the turn before it.
  CHECK(count_for(all, "send.deferred_busy", ids[0]) == 0);
  CHECK(count_for(all, "send.deferred_busy", ids[1]) == 1);
  CHECK(count_for(all, "send.deferred_busy", ids[2]) == 1);
  CHECK(ws.submitted_tokens("w1") == ids);
  // Waiting means the agent never got a message in the middle of a turn.
  for (const auto& e : ws.transcript("w1", "submitted"))
    CHECK_MESSAGE(e.value("while_working", true) == false, e.dump());
}

TEST_CASE("a second run is refused while one runs, naming its pid") {
  TeamWorkspace ws({{"w1", {"--work-ms", "50"}}});
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await("supervisor.started"), run.transcript());

  // In the background, so that a second run that is wrongly let in cannot hang the test.
  Background second({team_agent_bin(), "--workspace", ws.path(), "run"});
  int code = second.wait(30s);
  INFO(second.transcript());
  CHECK(code == 1);
  CHECK(second.transcript().find("pid " + std::to_string(run.pid())) != std::string::npos);

  // The first one is unharmed: it still delivers.
  REQUIRE(run.await_ready());
  auto s = send_message(ws, "w1", "still here?", {"--from", "leader"});
  CHECK(s.exit_code == 0);
  CHECK(ws.await_tokens({s.message_id}));
  CHECK(ws.submitted_tokens("w1") == std::vector<std::string>{s.message_id});
}
