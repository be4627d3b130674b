// `team-agent status [AGENT] [--summary] [--json]`: agents (pane state, queue depth,
// first send, last outcome, session), message states, failures, the last
// API error and the supervisor's liveness, pid and uptime, from the
// projections (caught up first when no supervisor is projecting).
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "ops/status.h"
#include "ops/team_gone.h"

namespace ta::cli {

namespace {

struct StatusOptions {
  std::string agent;
  bool summary = false;
  bool json = false;
};

int run_status(const Context& ctx, const StatusOptions& opts) {
  auto paths = workspace(ctx);
  if (!paths) return report(paths.error());
  // A team gone without a shutdown is recorded first; the report below says so.
  (void)ops::check_team_gone(*paths, "status");
  // Under --json the warning is a field of the object, not a line on stderr.
  ops::Warn warn;
  if (!opts.json) warn = [](const Error& e) { report(e); };
  auto status = ops::team_status(*paths, ops::StatusRequest{opts.agent}, warn);
  if (!status) return report(status.error());
  if (opts.summary && opts.json)
    std::cout << ops::team_summary_json(*status).dump() << "\n";
  else if (opts.summary)
    std::cout << ops::team_summary_text(*status);
  else if (opts.json)
    std::cout << ops::team_status_json(*status).dump() << "\n";
  else
    std::cout << ops::team_status_text(*status);
  std::cout.flush();
  return kExitOk;
}

}  // namespace

void register_status(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand(
      "status",
      "Show agents with their panes and sessions (whether each session's file still holds its "
      "context, and whether a restart would resume it), messages by state (waiting and failed "
      "ones with their reason), the last API error, whether a supervisor is running, and a lost "
      "tmux server or a team gone without a shutdown with how to bring it back. Catches the "
      "projections up with the event log first when no supervisor is doing so.");
  auto opts = std::make_shared<StatusOptions>();
  sub->add_option("agent", opts->agent, "Only this agent's pane and messages");
  sub->add_flag("--summary", opts->summary,
                "One line per agent: name, provider, state, queue depth, last activity");
  sub->add_flag("--json", opts->json, "Print one JSON object instead of text");
  sub->callback([&ctx, opts] { ctx.run = [&ctx, opts] { return run_status(ctx, *opts); }; });
}

}  // namespace ta::cli
