// How `team-agent run` says it ended: Ctrl-C prints one line saying the
// agents keep running and how to adopt or stop them; --json prints one
// object when the run ends instead of the live log.
#include <doctest/doctest.h>

#include <csignal>
#include <string>

#include <nlohmann/json.hpp>

#include "supervisor/run.h"
#include "tests/e2e/run_fixture.h"
#include "tests/e2e/support.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

int times_in(const std::string& text, const std::string& part) {
  int n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("Ctrl-C on run prints exactly one line: the agents keep running, adopt or stop them") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  run.drain();
  const auto before = run.transcript().size();
  run.proc().signal(SIGINT);
  CHECK_MESSAGE(run.proc().wait(30s) == 130, run.transcript());
  const std::string after = run.transcript().substr(before);
  const std::string line = ta::supervisor::kInterruptedRunLine;
  CHECK(line == "supervisor stopped; agents keep running — `team-agent run` adopts them, "
                "`team-agent shutdown --kill-panes` stops them");
  CHECK_MESSAGE(times_in(after, line + "\n") == 1, after);
  // The agents did keep running.
  CHECK(ws.session_alive());
}

TEST_CASE("run --json prints one object saying how the run ended") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  Background follow({team_agent_bin(), "--workspace", ws.path(), "events", "--follow", "--type",
                     "supervisor.started"});
  Background run({team_agent_bin(), "--workspace", ws.path(), "run", "--json"});
  REQUIRE_MESSAGE(follow.wait_for("supervisor.started", 60s).has_value(), run.transcript());
  auto r = team_agent(ws.path(), {"shutdown", "--kill-panes", "--timeout", "30"});
  CHECK_MESSAGE(r.exit_code == 0, r.out << r.err);
  CHECK_MESSAGE(run.wait(30s) == 0, run.transcript());
  // Nothing but the object on stdout (stderr is merged here, and quiet).
  auto lines = split_lines(run.transcript());
  REQUIRE_MESSAGE(lines.size() == 1, run.transcript());
  auto o = nlohmann::json::parse(lines[0]);
  CHECK(o["exit_code"] == 0);
  CHECK(o["reason"] == "shutdown");
  CHECK(o["started"] == true);
  CHECK_FALSE(o["run_id"].get<std::string>().empty());
  follow.signal(SIGTERM);
  follow.wait(10s);
}
