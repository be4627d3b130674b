// A CLI that is still starting takes no input: keys typed at its splash are
// lost, so nothing may be pasted before its composer is drawn and steady.
// Messages sent before `run` and during the start wait (send.deferred_starting),
// then each is submitted exactly once, in order.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/e2e/run_fixture.h"

using namespace ta::test;
using namespace std::chrono_literals;

TEST_CASE("messages sent before and during a CLI's start wait until it is ready, then land once") {
  TeamWorkspace ws({{"w1", {"--splash-ms", "2500"}}});
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    auto s = send_message(ws, "w1", "before run " + std::to_string(i), {"--from", "leader"});
    CHECK_MESSAGE(s.exit_code == 3, s.out << s.err);  // accepted, no supervisor yet
    ids.push_back(s.message_id);
  }
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await("pane.started", {{"agent_id", "w1"}}, 30s), run.transcript());
  for (int i = 0; i < 5; ++i) {
    auto s = send_message(ws, "w1", "during start " + std::to_string(i),
                          {"--from", "leader", "--no-wait"});
    CHECK_MESSAGE(s.exit_code == 0, s.out << s.err);
    ids.push_back(s.message_id);
  }
  for (const auto& id : ids) REQUIRE(!id.empty());
  CHECK_MESSAGE(run.await_outcomes(ids, 60s).empty(), run.transcript());
  REQUIRE(ws.await_tokens(ids));

  auto all = events_of(ws);
  std::uint64_t ready_seq = 0;
  for (const auto& e : all)
    if (e.type == "pane.state_changed" && e.data.value("agent_id", "") == "w1" &&
        e.data.value("to", "") == "ready") {
      ready_seq = e.seq;
      break;
    }
  REQUIRE(ready_seq > 0);
  for (const auto& e : all)
    if (e.type == "send.deliver_attempt" || e.type == "send.submitted")
      CHECK_MESSAGE(e.seq > ready_seq, e.type << " at seq " << e.seq << " before ready at "
                                              << ready_seq);
  for (const auto& id : ids) {
    CAPTURE(id);
    CHECK(count_for(all, "send.submitted", id) == 1);
    CHECK(count_for(all, "send.failed", id) == 0);
    CHECK(count_for(all, "send.deferred_starting", id) <= 1);
  }
  CHECK(count_for(all, "send.deferred_starting", ids.front()) == 1);
  // Each exactly once, in the order sent; nothing was typed at the splash.
  CHECK(ws.submitted_tokens("w1") == ids);
  CHECK(ws.transcript("w1", "splash_done").size() == 1);
  CHECK(ws.transcript("w1", "ignored_input").empty());
}
