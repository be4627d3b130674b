// `team-agent doctor`: prints the checks of ops/doctor (what the team
// depends on and what it keeps, and what to do about each problem) as
// aligned text or a JSON array; exit 1 when any check failed.
#include <cstdio>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "ops/doctor.h"

namespace ta::cli {

namespace {

int print_checks(const std::vector<ops::DoctorCheck>& checks, bool json) {
  int failures = ops::count_failures(checks);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : checks) {
    if (json)
      out.push_back({{"level", c.level}, {"check", c.what}, {"detail", c.detail}});
    else
      std::printf("%-5s %-12s %s\n", c.level.c_str(), c.what.c_str(), c.detail.c_str());
  }
  if (json) std::printf("%s\n", out.dump().c_str());
  else if (failures) std::printf("\n%d problem%s found.\n", failures, failures == 1 ? "" : "s");
  return failures ? kExitFailed : kExitOk;
}

}  // namespace

void register_doctor(CLI::App& app, Context& ctx) {
  auto json = std::make_shared<bool>(false);
  auto* sub = app.add_subcommand(
      "doctor",
      "Check tmux/SQLite/CAF, the team spec and its agent CLIs (program, version, Node), every "
      "line of the event log, the projections' freshness and processes the team's panes left "
      "running. Exit 0 when all is well, 1 when a problem was found.");
  auto fix = std::make_shared<bool>(false);
  sub->add_flag("--json", *json, "Print the checks as a JSON array");
  sub->add_flag("--fix", *fix,
                "Repair what is safe to repair: remove a stale supervisor record left by a "
                "supervisor that died");
  sub->callback([&ctx, json, fix] {
    ctx.run = [&ctx, json, fix] {
      auto paths = workspace(ctx);
      if (!paths) return report(paths.error());
      return print_checks(ops::run_doctor(*paths, {*fix}), *json);
    };
  });
}

}  // namespace ta::cli
