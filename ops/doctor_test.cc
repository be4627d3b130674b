#include "ops/doctor.h"

#include <doctest/doctest.h>

#include "tests/support/temp_dir.h"

using namespace ta;

TEST_CASE("doctor in a directory without .team/ checks the tools and says how to start a team") {
  test::TempDir dir;
  auto checks = ops::run_doctor(config::Paths::for_workspace(dir.path()), {});
  std::vector<std::string> names;
  for (const auto& c : checks) names.push_back(c.what);
  CHECK(names == std::vector<std::string>{"team-agent", "tmux", "sqlite", "caf", "workspace"});
  REQUIRE(!checks.empty());
  CHECK(checks.front().detail == TEAM_AGENT_VERSION);
  CHECK(checks.back().level == "warn");
  CHECK(checks.back().detail.find("run 'team-agent init'") != std::string::npos);
}

TEST_CASE("count_failures counts the fail checks only") {
  std::vector<ops::DoctorCheck> checks{
      {"ok", "a", ""}, {"fail", "b", ""}, {"warn", "c", ""}, {"fail", "d", ""}};
  CHECK(ops::count_failures(checks) == 2);
  CHECK(ops::count_failures({}) == 0);
}
