// The team's tmux server gone under a running supervisor (killed by hand, or
// crashed): a message is refused saying so (tmux_unavailable), never taken
// and then failed as if the recipient's pane had been closed (pane_missing).
#include <doctest/doctest.h>

#include "terminal/tmux_server.h"
#include "tests/e2e/run_fixture.h"

using namespace ta::test;
using namespace std::chrono_literals;

TEST_CASE("with the tmux server gone, a message is refused as tmux_unavailable, not pane_missing") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  ta::terminal::ServerOptions o;
  o.socket_name = ta::terminal::socket_name_for_workspace(ws.path());
  auto server = ta::terminal::TmuxServer::locate(o);
  REQUIRE(server);
  REQUIRE(server->kill());
  REQUIRE_MESSAGE(run.await("tmux.server_lost", {}, 10s), run.transcript());

  auto sent = send_message(ws, "w1", "are you there?", {"--from", "leader", "--no-wait"});
  CHECK(sent.exit_code == 1);
  CHECK(sent.message_id.empty());
  CHECK(sent.err.find("tmux_unavailable") != std::string::npos);
  CHECK(events_of(ws, "message.accepted").empty());
  for (const auto& e : events_of(ws, "send.failed"))
    CHECK(e.data.value("reason", "") != "pane_missing");
}
