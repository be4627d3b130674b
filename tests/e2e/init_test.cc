// `team-agent init`: writes a spec that validates, privately, and never
// overwrites a user's team without --force.
#include <sys/stat.h>

#include <doctest/doctest.h>

#include "config/team_spec.h"
#include "tests/e2e/support.h"

using namespace ta::test;

namespace {

unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

}  // namespace

TEST_CASE("init --demo writes a valid team of fake agents, 0600 in a 0700 .team") {
  TempDir ws;
  auto r = team_agent(ws.path(), {"init", "--demo"});
  REQUIRE(r.exit_code == 0);
  const std::string team_json = ws.path() + "/.team/team.json";
  CHECK(r.out.find("wrote " + team_json) != std::string::npos);
  CHECK(r.out.find("team-agent run") != std::string::npos);
  CHECK(r.err.empty());

  auto parsed = ta::config::parse_team_spec(read_text(team_json));
  REQUIRE(parsed.errors.empty());
  const auto& spec = *parsed.spec;
  CHECK(spec.team == "demo");
  CHECK(spec.leader.provider == "fake");
  CHECK(spec.agents.size() >= 2);
  for (const auto& a : spec.agents) {
    CHECK(a.provider == "fake");
    CHECK_FALSE(a.role.empty());
  }
  CHECK(mode_of(team_json) == 0600);
  CHECK(mode_of(ws.path() + "/.team") == 0700);
}

TEST_CASE("init without --demo writes a template that validates: claude leader, codex and claude workers") {
  TempDir ws;
  auto r = team_agent(ws.path(), {"init"});
  REQUIRE(r.exit_code == 0);
  auto parsed = ta::config::parse_team_spec(read_text(ws.path() + "/.team/team.json"));
  REQUIRE(parsed.errors.empty());
  CHECK(parsed.spec->leader.provider == "claude");
  std::vector<std::string> providers;
  for (const auto& a : parsed.spec->agents) providers.push_back(a.provider);
  CHECK(providers == std::vector<std::string>{"codex", "claude"});
  CHECK(r.out.find("edit") != std::string::npos);
}

TEST_CASE("a second init is refused without --force and leaves the file alone") {
  TempDir ws;
  REQUIRE(team_agent(ws.path(), {"init", "--demo"}).exit_code == 0);
  const std::string team_json = ws.path() + "/.team/team.json";
  const std::string edited =
      R"({"team": "mine", "leader": {"provider": "codex"}, "agents": []})"
      "\n";
  write_text(team_json, edited);

  auto refused = team_agent(ws.path(), {"init", "--demo"});
  CHECK(refused.exit_code == 2);
  CHECK(split_lines(refused.err).size() == 1);
  CHECK(refused.err.find("already exists") != std::string::npos);
  CHECK(refused.err.find("--force") != std::string::npos);
  CHECK(read_text(team_json) == edited);

  auto forced = team_agent(ws.path(), {"init", "--demo", "--force"});
  CHECK(forced.exit_code == 0);
  auto parsed = ta::config::parse_team_spec(read_text(team_json));
  REQUIRE(parsed.ok());
  CHECK(parsed.spec->team == "demo");
  CHECK(mode_of(team_json) == 0600);
}

TEST_CASE("init tightens a .team directory that already existed with open permissions") {
  TempDir ws;
  REQUIRE(::mkdir((ws.path() + "/.team").c_str(), 0700) == 0);
  REQUIRE(::chmod((ws.path() + "/.team").c_str(), 0755) == 0);  // regardless of the umask
  REQUIRE(team_agent(ws.path(), {"init", "--demo"}).exit_code == 0);
  CHECK(mode_of(ws.path() + "/.team") == 0700);
}
