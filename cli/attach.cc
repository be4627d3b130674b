// `team-agent attach [AGENT | --leader] [--read-only]`: opens the team's
// private tmux server for a person by replacing this process with `tmux -L
// <socket> attach -t <session>` (ops/attach_target), on the first overview
// window or with AGENT's pane selected and zoomed, so the terminal belongs
// to tmux alone and detaching returns straight to the shell. With --json it attaches nothing and prints
// where to attach instead: {socket_name, session, argv}, for a script or
// another terminal program.
#include <unistd.h>

#include <cerrno>
#include <iostream>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "config/team_spec.h"
#include "ops/attach_target.h"
#include "ops/errors.h"
#include "util/strings.h"
#include "util/fs.h"

namespace ta::cli {

namespace {

std::vector<char*> c_strings(std::vector<std::string>& words) {
  std::vector<char*> out;
  for (auto& w : words) out.push_back(w.data());
  out.push_back(nullptr);
  return out;
}

struct AttachArgs {
  std::string agent;
  bool leader = false;
  bool read_only = false;
  bool json = false;
};

int attach(const config::Paths& paths, const AttachArgs& a) {
  if (a.leader && !a.agent.empty() && a.agent != config::kLeaderId)
    return report(ops::usage_error("give an agent or --leader, not both"));
  ops::AttachRequest request{a.leader ? std::string(config::kLeaderId) : a.agent, a.read_only};
  if (!request.agent.empty()) {
    auto spec = config::load_team_spec(paths.team_json);
    if (spec && !spec->find(request.agent))
      return report(ops::usage_error("unknown agent \"" + request.agent + "\" (the team has: " +
                                join(spec->member_ids()) + ")"));
  }
  auto cmd = ops::attach_command(paths, request);
  if (!cmd) return report(cmd.error());
  if (a.json) {
    std::cout << nlohmann::json{{"socket_name", cmd->socket_name},
                                {"session", cmd->session},
                                {"argv", cmd->argv}}
                     .dump()
              << "\n";
    return std::cout.flush().good() ? kExitOk : kExitFailed;
  }
  auto argv = c_strings(cmd->argv);
  auto envp = c_strings(cmd->env);
  ::execve(cmd->program.c_str(), argv.data(), envp.data());
  return report(make_error("cannot run " + cmd->program + ": " + errno_text(errno) +
                           "; check the tmux installation with 'team-agent doctor'"));
}

}  // namespace

void register_attach(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand(
      "attach",
      "Open the team's tmux server in this terminal on the first overview window, or on "
      "AGENT's pane, zoomed (detach with the tmux prefix, then d). Exit 1 when no team is "
      "running.");
  auto a = std::make_shared<AttachArgs>();
  sub->add_option("agent", a->agent, "The agent whose pane to show, selected and zoomed");
  sub->add_flag("--leader", a->leader, "Show the leader's pane (the same as AGENT leader)");
  sub->add_flag("--read-only", a->read_only,
                "Watch only: keys typed in this terminal never reach the agents");
  sub->add_flag("--json", a->json,
                "Attach nothing: print one JSON object {socket_name, session, argv} saying where "
                "to attach");
  sub->callback([&ctx, a] {
    ctx.run = [&ctx, a] {
      auto paths = workspace(ctx);
      if (!paths) return report(paths.error());
      return attach(*paths, *a);
    };
  });
}

}  // namespace ta::cli
