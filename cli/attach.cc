// `team-agent attach`: opens the team's private tmux server for a person by
// replacing this process with `tmux -L <socket> attach -t <session>`, so the
// terminal belongs to tmux alone and detaching returns straight to the shell.
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "cli/command.h"
#include "config/launch_plan.h"
#include "config/supervisor_lock.h"
#include "config/team_spec.h"
#include "terminal/tmux_server.h"
#include "util/fs.h"

namespace ta::cli {

namespace {

// The running supervisor's record names the session it made; without one,
// the session the spec's team name gives.
Result<std::string> team_session(const config::Paths& paths) {
  auto record = config::read_supervisor_record(paths);
  if (record && *record && !(*record)->session.empty()) return (*record)->session;
  if (!file_exists(paths.team_json))
    return make_error("no team is set up in " + paths.workspace +
                      "; run 'team-agent init' and 'team-agent run' first");
  auto spec = config::load_team_spec(paths.team_json);
  if (!spec) return spec.error();
  return config::tmux_session_for_team(spec->team);
}

int attach(const config::Paths& paths) {
  terminal::ServerOptions options;
  options.socket_name = terminal::socket_name_for_workspace(paths.workspace);
  auto server = terminal::TmuxServer::locate(options);
  if (!server) return report(server.error());
  if (!server->running())
    return report(make_error("no team tmux server is running for " + paths.workspace +
                             "; start the team with 'team-agent run'"));
  auto session = team_session(paths);
  if (!session) return report(session.error());
  if (!server->has_session(*session))
    return report(make_error("the team's tmux server runs but has no session \"" + *session +
                             "\"; restart the team with 'team-agent run'"));

  std::vector<std::string> words = server->base_argv();
  words.insert(words.end(), {"attach-session", "-t", "=" + *session});
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  // child_env() drops TMUX: attaching from inside another tmux is what the
  // user asked for, and the private server is reached by socket, not $TMUX.
  std::vector<std::string> env = server->child_env();
  std::vector<char*> envp;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  ::execve(server->tmux_path().c_str(), argv.data(), envp.data());
  return report(make_error("cannot run " + server->tmux_path() + ": " + errno_text(errno) +
                           "; check the tmux installation with 'team-agent doctor'"));
}

}  // namespace

void register_attach(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand(
      "attach",
      "Open the team's tmux server in this terminal (detach with the tmux prefix, then d). "
      "Exit 1 when no team is running.");
  sub->callback([&ctx] {
    ctx.run = [&ctx] {
      auto paths = workspace(ctx);
      if (!paths) return report(paths.error());
      return attach(*paths);
    };
  });
}

}  // namespace ta::cli
