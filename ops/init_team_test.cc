#include "ops/init_team.h"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <fstream>

#include "tests/support/temp_dir.h"

using namespace ta;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("both templates are valid team specs; the demo starts fake agents only") {
  auto demo = config::parse_team_spec(ops::team_template_text(ops::TeamTemplate::demo));
  REQUIRE(demo.ok());
  CHECK(demo.spec->team == "demo");
  CHECK(demo.spec->agents.size() == 3);
  CHECK(demo.spec->leader.provider == "fake");
  for (const auto& a : demo.spec->agents) CHECK(a.provider == "fake");
  CHECK(ops::describe_team(*demo.spec) ==
        "team \"demo\": leader (fake), backend (fake), frontend (fake), tester (fake)");

  auto starter = config::parse_team_spec(ops::team_template_text(ops::TeamTemplate::starter));
  REQUIRE(starter.ok());
  CHECK(ops::describe_team(*starter.spec) ==
        "team \"my-team\": leader (claude), backend (codex), frontend (claude)");
  CHECK(ops::team_template_text(ops::TeamTemplate::starter).back() == '\n');
}

TEST_CASE("init writes team.json in a private .team/ and keeps an existing one unless asked") {
  test::TempDir dir;
  auto paths = config::Paths::for_workspace(dir.path());
  auto first = ops::init_team(paths, {ops::TeamTemplate::starter, false, {}});
  REQUIRE(first);
  CHECK(first->team_json == paths.team_json);
  CHECK(read(paths.team_json) == ops::team_template_text(ops::TeamTemplate::starter));
  struct stat st {};
  REQUIRE(::stat(paths.team_dir.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);

  auto again = ops::init_team(paths, {ops::TeamTemplate::demo, false, {}});
  REQUIRE_FALSE(again);
  CHECK(again.error().code == 2);
  CHECK(again.error().message.find("already exists") != std::string::npos);
  CHECK(read(paths.team_json) == ops::team_template_text(ops::TeamTemplate::starter));

  auto replaced = ops::init_team(paths, {ops::TeamTemplate::demo, true, {}});
  REQUIRE(replaced);
  CHECK(replaced->spec.team == "demo");
  CHECK(read(paths.team_json) == ops::team_template_text(ops::TeamTemplate::demo));
}
