// The team's tmux server gone under a running supervisor (killed by hand, or
// crashed): a message then fails saying so (tmux_unavailable, with what tmux
// said), not as if the recipient's pane had been closed (pane_missing).
#include <doctest/doctest.h>

#include "terminal/tmux_server.h"
#include "tests/e2e/run_fixture.h"

using namespace ta::test;
using namespace std::chrono_literals;

TEST_CASE("with the tmux server gone, a message fails as tmux_unavailable, not pane_missing") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  ta::terminal::ServerOptions o;
  o.socket_name = ta::terminal::socket_name_for_workspace(ws.path());
  auto server = ta::terminal::TmuxServer::locate(o);
  REQUIRE(server);
  REQUIRE(server->kill());

  auto sent = send_message(ws, "w1", "are you there?", {"--from", "leader", "--no-wait"});
  REQUIRE_MESSAGE(sent.exit_code == 0, sent.out << sent.err);
  auto failed = run.await("send.failed", {{"message_id", sent.message_id}}, 30s);
  REQUIRE_MESSAGE(failed, run.transcript());
  CHECK(failed->field("reason") == "tmux_unavailable");
  for (const auto& e : events_of(ws, "send.failed"))
    if (e.data.value("message_id", "") == sent.message_id)
      CHECK(e.data.value("reason", "") == "tmux_unavailable");
}
