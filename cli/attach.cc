// `team-agent attach`: opens the team's private tmux server for a person by
// replacing this process with `tmux -L <socket> attach -t <session>`
// (ops/attach_target), so the terminal belongs to tmux alone and detaching
// returns straight to the shell. With --json it attaches nothing and prints
// where to attach instead: {socket_name, session, argv}, for a script or
// another terminal program.
#include <unistd.h>

#include <cerrno>
#include <iostream>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "ops/attach_target.h"
#include "util/fs.h"

namespace ta::cli {

namespace {

std::vector<char*> c_strings(std::vector<std::string>& words) {
  std::vector<char*> out;
  for (auto& w : words) out.push_back(w.data());
  out.push_back(nullptr);
  return out;
}

int attach(const config::Paths& paths, bool json) {
  auto cmd = ops::attach_command(paths);
  if (!cmd) return report(cmd.error());
  if (json) {
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
      "Open the team's tmux server in this terminal (detach with the tmux prefix, then d). "
      "Exit 1 when no team is running.");
  auto json = std::make_shared<bool>(false);
  sub->add_flag("--json", *json,
                "Attach nothing: print one JSON object {socket_name, session, argv} saying where "
                "to attach");
  sub->callback([&ctx, json] {
    ctx.run = [&ctx, json] {
      auto paths = workspace(ctx);
      if (!paths) return report(paths.error());
      return attach(*paths, *json);
    };
  });
}

}  // namespace ta::cli
