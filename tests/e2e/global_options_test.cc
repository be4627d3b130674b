// Global options (-w/--workspace, --log-level) are taken before or after the
// subcommand; log lines go to stderr and to .team/logs/supervisor.log, never
// to stdout, which carries only a command's output.
#include <doctest/doctest.h>

#include "tests/e2e/run_fixture.h"
#include "tests/e2e/support.h"

using namespace ta::test;
using namespace std::chrono_literals;

TEST_CASE("global options: -w and --log-level after the subcommand work; a wrong level is refused") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  auto after = run({team_agent_bin(), "status", "--json", "-w", ws.path()});
  CHECK_MESSAGE(after.exit_code == 0, after.err);
  CHECK(nlohmann::json::parse(after.out)["workspace"] == ws.path());
  auto before = run({team_agent_bin(), "--workspace", ws.path(), "status", "--json"});
  CHECK(before.out == after.out);

  auto level = run({team_agent_bin(), "status", "--log-level", "warn", "-w", ws.path()});
  CHECK(level.exit_code == 0);
  auto wrong = run({team_agent_bin(), "status", "--log-level", "loud", "-w", ws.path()});
  CHECK(wrong.exit_code == 2);
  CHECK(wrong.err == "team-agent: --log-level 'loud' is not a log level: use trace, debug, info, "
                     "warn, error, critical or off\n");
  auto env = run({team_agent_bin(), "status", "-w", ws.path()}, "", {{"TEAM_AGENT_LOG", "chatty"}});
  CHECK(env.exit_code == 2);
  // An unknown flag after the subcommand is still refused.
  auto unknown = run({team_agent_bin(), "status", "-w", ws.path(), "--nope"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("--nope") != std::string::npos);
}

TEST_CASE("logging: a run writes .team/logs/supervisor.log, saying when it started and how it ended") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  {
    RunningTeam run(ws);
    REQUIRE_MESSAGE(run.await_ready(), run.transcript());
    auto stop = team_agent(ws.path(), {"shutdown"});
    CHECK_MESSAGE(stop.exit_code == 0, stop.err);
    run.proc().wait(30s);
  }
  const std::string log = read_text(ws.path() + "/.team/logs/supervisor.log");
  CHECK_MESSAGE(log.find("starting in " + ws.path()) != std::string::npos, log);
  CHECK_MESSAGE(log.find("ended with exit code 0") != std::string::npos, log);
}
