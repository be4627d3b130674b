// `team-agent pane-host NAME`: runs the panes of the agents the team spec
// places on pane host NAME ("host": NAME) on a tmux server of its own,
// connected to the team's running `run` (docs/scale-out.md). Hidden from
// the short help while pane hosts are an experiment on one machine.
#include <cstdio>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "supervisor/pane_host.h"

namespace ta::cli {

void register_pane_host(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand(
      "pane-host",
      "Run the panes of the agents the team spec places on pane host NAME (\"host\": NAME) on "
      "a tmux server of its own, connected to the team's running 'team-agent run' (loopback; "
      "the address is read from .team/pane-hosts.json unless --connect gives it). Exit 0 when "
      "the run ends, 130/143 after SIGINT/SIGTERM (its agents keep running; the next pane-host "
      "NAME adopts them), 1 when it fails, 2 for a NAME the spec does not use or a bad "
      "--connect, 3 when no run serves pane hosts.");
  sub->group("");
  auto o = std::make_shared<supervisor::PaneHostOptions>();
  auto json = std::make_shared<bool>(false);
  sub->add_option("name", o->host, "The pane host's name, as the agents' \"host\" gives it")
    ->required();
  sub->add_option("--connect", o->connect, "The run's address, ADDR:PORT");
  sub->add_option("--fake-mode", o->fake_mode, "Screen style of fake agents: codex, claude or plain")
    ->check(CLI::IsMember({"codex", "claude", "plain"}));
  sub->add_flag("-q,--quiet", o->quiet, "Print nothing while running (errors still go to stderr)");
  sub->add_flag("--json", *json, "When it ends, print one JSON object: host, exit_code, error");
  sub->callback([&ctx, o, json] {
    ctx.run = [&ctx, o, json] {
      auto paths = workspace(ctx);
      if (!paths) return report(paths.error());
      if (*json) o->quiet = true;
      auto ended = supervisor::run_pane_host(*paths, *o);
      if (*json) {
        nlohmann::json out{{"host", o->host},
                           {"exit_code", ended ? *ended : (ended.error().code == 0 ? kExitFailed
                                                                                   : ended.error().code)},
                           {"error", ended ? "" : ended.error().message}};
        std::printf("%s\n", out.dump().c_str());
      }
      if (!ended) return report(ended.error());
      return *ended;
    };
  });
}

}  // namespace ta::cli
