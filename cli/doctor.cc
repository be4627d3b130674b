// `team-agent doctor`: prints the checks of ops/doctor (what the team
// depends on and what it keeps, and what to do about each problem) as
// aligned text or a JSON array; exit 1 when any check failed. With
// --orphans: the supervisors and tmux servers of any workspace on this
// machine that outlived it (ops/orphans), ended with --confirm.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "ops/doctor.h"
#include "ops/orphans.h"

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

std::string describe(const ops::Orphan& o) {
  std::string why = o.reason == "lock_replaced" ? "was replaced" : "no longer exists";
  return o.kind + " pid " + std::to_string(o.process.pid) + ": its workspace " + o.workspace +
         " " + why;
}

// Lists (or, confirmed, ends) what outlived its workspace; exit 1 when one
// could not be ended.
int orphans(bool confirm, bool json, const std::string& under) {
  auto found = ops::find_orphans();
  if (!under.empty()) {
    std::string prefix = under.back() == '/' ? under : under + "/";
    found.erase(std::remove_if(found.begin(), found.end(),
                               [&](const ops::Orphan& o) { return o.workspace.rfind(prefix, 0) != 0; }),
                found.end());
  }
  nlohmann::json out = nlohmann::json::array();
  int failed = 0;
  auto print = [&](const ops::Orphan& o, const std::string& outcome) {
    if (json)
      out.push_back({{"kind", o.kind}, {"pid", o.process.pid}, {"workspace", o.workspace},
                     {"reason", o.reason}, {"outcome", outcome}});
    else
      std::printf("%-7s %s%s\n", outcome.c_str(), describe(o).c_str(),
                  outcome == "found" ? "; end it with 'team-agent doctor --orphans --confirm'" : "");
  };
  if (!confirm) {
    for (const auto& o : found) print(o, "found");
  } else {
    for (const auto& e : ops::end_orphans(found, std::chrono::seconds(3))) {
      failed += e.still_running;
      print(e.orphan, e.still_running ? "failed" : e.signal.empty() ? "gone" : "killed");
    }
  }
  if (json) std::printf("%s\n", out.dump().c_str());
  else if (found.empty()) std::printf("ok      no orphaned supervisor or tmux server\n");
  return failed ? kExitFailed : kExitOk;
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
  auto list_orphans = std::make_shared<bool>(false);
  auto confirm = std::make_shared<bool>(false);
  sub->add_flag("--orphans", *list_orphans,
                "Instead: list team-agent supervisors and tmux servers on this machine whose "
                "workspace was deleted or replaced (nothing of a live workspace)");
  auto* confirm_flag = sub->add_flag(
      "--confirm", *confirm,
      "With --orphans: end each (SIGTERM to its process group, up to 3 s, then SIGKILL); exit 1 "
      "when one could not be ended");
  confirm_flag->needs(sub->get_option("--orphans"));
  auto under = std::make_shared<std::string>();
  sub->add_option("--under", *under,
                  "With --orphans: only those whose workspace was inside this directory")
      ->needs(sub->get_option("--orphans"));
  sub->callback([&ctx, json, fix, list_orphans, confirm, under] {
    ctx.run = [&ctx, json, fix, list_orphans, confirm, under] {
      if (*list_orphans) return orphans(*confirm, *json, *under);
      auto paths = workspace(ctx);
      if (!paths) return report(paths.error());
      return print_checks(ops::run_doctor(*paths, {*fix}), *json);
    };
  });
}

}  // namespace ta::cli
