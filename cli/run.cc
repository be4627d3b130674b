// `team-agent run`: the foreground supervisor. Validates the team spec,
// takes the workspace's supervisor lock, starts (or adopts) the team's
// panes on the private tmux server, then runs the actors until a signal or
// `team-agent shutdown` stops them; prints a compact live log of events
// unless --quiet, or with --json one object saying how the run ended.
// Panes that are gone come back in their agents' sessions.
// Exit 0 after `team-agent shutdown`, 130/143/129 after SIGINT/SIGTERM/SIGHUP
// (Ctrl-C says in one line that the agents keep running), 1 when the run
// failed or was refused (an agent would lose its context), 2 for an
// invalid spec.
#include <cstdio>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "supervisor/run.h"

namespace ta::cli {

namespace {

int print_json(const config::Paths& paths, const Result<supervisor::RunEnded>& ended) {
  nlohmann::json out{{"workspace", paths.workspace}};
  if (!ended) {
    out["exit_code"] = ended.error().code == 0 ? kExitFailed : ended.error().code;
    out["started"] = false;
    out["error"] = ended.error().message;
    std::printf("%s\n", out.dump().c_str());
    return report(ended.error());
  }
  out["exit_code"] = ended->exit_code;
  out["started"] = true;
  out["run_id"] = ended->run_id;
  out["reason"] = ended->reason;
  out["error"] = ended->error;
  std::printf("%s\n", out.dump().c_str());
  return ended->exit_code;
}

}  // namespace

void register_run(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand(
      "run",
      "Run the team in the foreground: start (or adopt) each agent's pane on the team's "
      "private tmux server, each resuming its CLI session when its pane was gone, deliver "
      "messages, and print the events as they happen. Ctrl-C stops the supervisor and leaves "
      "the agents running (exit 130; 143 after SIGTERM; 0 after 'team-agent shutdown'); a second "
      "Ctrl-C exits at once. When the team's tmux server dies, its panes are gone and messages "
      "wait: with runtime.restart \"on-failure\" the team is started again by itself (at most 3 "
      "times in 10 minutes), otherwise 'team-agent restart' brings it back. Exit 1 when the run "
      "fails or would lose an agent's context, 2 for an invalid team spec.");
  auto o = std::make_shared<supervisor::RunOptions>();
  auto json = std::make_shared<bool>(false);
  sub->add_option("--config", o->config, "Team spec to use instead of .team/team.json");
  sub->add_flag("-q,--quiet", o->quiet, "Print nothing while running (errors still go to stderr)");
  sub->add_flag("--json", *json,
                "Print no live log; when the run ends, print one JSON object: exit_code, "
                "reason (shutdown, SIGINT, …), run_id, error");
  sub->add_option("--fake-mode", o->fake_mode, "Screen style of fake agents: codex, claude or plain")
    ->check(CLI::IsMember({"codex", "claude", "plain"}));
  sub->add_flag("--no-display", o->no_display,
                "One window per agent and no border labels, as scripts expect (default: the "
                "workers tiled in overview windows, each pane's border naming its agent and state)");
  sub->add_flag("--allow-fresh", o->allow_fresh,
                "Start an agent whose session can no longer be resumed in a fresh session (its "
                "context is lost); without it such a start is refused");
  sub->add_flag("--restart", o->restart,
                "Close every agent's pane and start it again, resuming its session")
    ->group("");
  sub->callback([&ctx, o, json] {
    ctx.run = [&ctx, o, json] {
      auto paths = workspace(ctx);
      if (!paths) return report(paths.error());
      // A team gone without a shutdown is said so, then comes back resumed.
      note_team_gone(*paths, "run");
      if (*json) o->quiet = true;  // stdout carries the one object
      auto ended = supervisor::run_team(*paths, *o);
      if (*json) return print_json(*paths, ended);
      return ended ? ended->exit_code : report(ended.error());
    };
  });
}

}  // namespace ta::cli
