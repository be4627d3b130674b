// What the leader pane cannot take goes to .team/leader-inbox.log (SPEC §5):
// nothing is typed into a leader stuck on a menu, the text is kept whole in
// the inbox, and the log says where it went.
#include <doctest/doctest.h>

#include "tests/e2e/run_fixture.h"
#include "util/fs.h"

using namespace ta::test;
using namespace std::chrono_literals;

TEST_CASE("a message the leader pane cannot take lands in the leader inbox") {
  // The leader's CLI shows a numbered menu: a non-input screen.
  TeamWorkspace ws({{"w1", {}}}, {"--menu"});
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await("supervisor.started"), run.transcript());

  auto sent = send_message(ws, "leader", "the build is green", {"--from", "w1"});
  CHECK(sent.exit_code == 1);
  REQUIRE_FALSE(sent.message_id.empty());
  auto failed = run.await("leader_receiver.delivery_failed", {{"message_id", sent.message_id}}, 30s);
  REQUIRE_MESSAGE(failed, run.transcript());
  const std::string inbox = ws.path() + "/.team/leader-inbox.log";
  CHECK(failed->field("fallback_path") == inbox);
  CHECK(failed->field("reason") == "non_input_screen");

  auto text = ta::read_file(inbox);
  REQUIRE(text);
  CHECK(text->find("the build is green") != std::string::npos);
  CHECK(text->find("[team-agent-token:" + sent.message_id + "]") != std::string::npos);
  CHECK(text->find("from w1") != std::string::npos);
  CHECK(ws.submitted_tokens("leader").empty());
  auto sf = events_of(ws, "send.failed");
  REQUIRE(sf.size() == 1);
  CHECK(sf[0].data.value("detected", "") == "numbered_menu");
}
