// A broken team.json (a syntax error, a value of the wrong type) stops every
// command that reads it with exit 2 and the problem at its JSON path, the
// way `run` words it; nothing is recorded.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/e2e/support.h"
#include "util/fs.h"
#include "tests/support/text_helpers.h"

using namespace ta;
using namespace ta::test;

namespace {

struct BrokenSpec {
  std::string json;
  std::string where;  // the problem's JSON path, or line and column
};

const std::vector<BrokenSpec> kBroken = {
    {"{\"team\": \"demo\",\n  \"leader\": }", "line 2, column 13"},
    {R"({"team": "demo", "leader": {"id": "leader", "provider": "fake"}, "agents": "backend"})",
     "/agents: must be an array of agents, not a string"},
};

using ta::test::contains;

// Runs `args` against each broken spec: exit 2, one error naming the spec and
// the problem's place, nothing on stdout.
void check_refused(const std::vector<std::string>& args, const Env& env = {}) {
  for (const auto& broken : kBroken) {
    DemoWorkspace ws;
    write_text(ws.path() + "/.team/team.json", broken.json);
    auto r = team_agent(ws.path(), args, "", env);
    INFO(args[0] << " with " << broken.where << "; err: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("team-agent: ", 0) == 0);
    CHECK(r.err.find("team-agent: ", 1) == std::string::npos);  // one error, not several
    CHECK(contains(r.err, ".team/team.json is not a valid team spec (1 problem)"));
    CHECK(contains(r.err, broken.where));
    CHECK_FALSE(file_exists(ws.events_dir() + "/00000001.jsonl"));
  }
}

}  // namespace

TEST_CASE("a broken team.json stops status with exit 2 and the problem's JSON path") {
  check_refused({"status"});
  check_refused({"status", "--json"});
  check_refused({"status", "backend"});
}

TEST_CASE("a broken team.json stops report with exit 2 and the problem's JSON path") {
  check_refused({"report", "--task", "T1", "--status", "success", "--summary", "done"},
                {{"TEAM_AGENT_ID", "backend"}});
}

TEST_CASE("a broken team.json stops send with exit 2 and the problem's JSON path") {
  check_refused({"send", "backend", "hello"});
  check_refused({"send", "--no-wait", "*", "hello"}, {{"TEAM_AGENT_ID", "leader"}});
}
