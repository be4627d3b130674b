// `team-agent run`: the foreground supervisor. Validates the team spec,
// takes the workspace's supervisor lock, starts (or adopts) the team's
// panes on the private tmux server, then runs the actors until a signal or
// `team-agent shutdown` stops them; prints a compact live log of events
// unless --quiet. Panes that are gone come back in their agents' sessions.
// Exit 0 after `team-agent shutdown`, 130/143/129 after SIGINT/SIGTERM/SIGHUP,
// 1 when the run failed or was refused (an agent would lose its context),
// 2 for an invalid spec.
#include <memory>

#include "cli/command.h"
#include "supervisor/run.h"

namespace ta::cli {

void register_run(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand(
      "run",
      "Run the team in the foreground: start (or adopt) each agent's pane on the team's "
      "private tmux server, each resuming its CLI session when its pane was gone, deliver "
      "messages, and print the events as they happen. Ctrl-C stops gracefully and leaves the "
      "agents running (exit 130; 143 after SIGTERM; 0 after 'team-agent shutdown'); a second "
      "Ctrl-C exits at once. When the team's tmux server dies, its panes are gone and messages "
      "wait: with runtime.restart \"on-failure\" the team is started again by itself (at most 3 "
      "times in 10 minutes), otherwise 'team-agent restart' brings it back. Exit 1 when the run "
      "fails or would lose an agent's context, 2 for an invalid team spec.");
  auto o = std::make_shared<supervisor::RunOptions>();
  sub->add_option("--config", o->config, "Team spec to use instead of .team/team.json");
  sub->add_flag("-q,--quiet", o->quiet, "Print nothing while running (errors still go to stderr)");
  sub->add_option("--fake-mode", o->fake_mode, "Screen style of fake agents: codex, claude or plain")
    ->check(CLI::IsMember({"codex", "claude", "plain"}));
  sub->add_flag("--allow-fresh", o->allow_fresh,
                "Start an agent whose session can no longer be resumed in a fresh session (its "
                "context is lost); without it such a start is refused");
  sub->add_flag("--restart", o->restart,
                "Close every agent's pane and start it again, resuming its session")
    ->group("");
  sub->callback([&ctx, o] {
    ctx.run = [&ctx, o] {
      auto paths = workspace(ctx);
      if (!paths) return report(paths.error());
      // A team gone without a shutdown is said so, then comes back resumed.
      note_team_gone(*paths, "run");
      auto code = supervisor::run_team(*paths, *o);
      return code ? *code : report(code.error());
    };
  });
}

}  // namespace ta::cli
