#include "ops/attach_target.h"

#include <algorithm>

#include "config/launch_plan.h"
#include "config/supervisor_lock.h"
#include "config/team_spec.h"
#include "util/fs.h"

namespace ta::ops {

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

namespace {

Result<terminal::TmuxServer> team_server(const config::Paths& paths) {
  terminal::ServerOptions options;
  options.socket_name = terminal::socket_name_for_workspace(paths.workspace);
  return terminal::TmuxServer::locate(options);
}

bool has_window(terminal::TmuxServer& server, const std::string& session,
                const std::string& window) {
  auto names = server.run({"list-windows", "-t", "=" + session, "-F", "#{window_name}"});
  return names && std::find(names->begin(), names->end(), window) != names->end();
}

}  // namespace

bool team_window_exists(const config::Paths& paths, const std::string& window) {
  auto server = team_server(paths);
  if (!server || !server->running()) return false;
  auto session = team_session(paths);
  return session && has_window(*server, *session, window);
}

Result<TeamTmux> running_team_tmux(const config::Paths& paths) {
  auto server = team_server(paths);
  if (!server) return server.error();
  if (!server->running())
    return make_error("no team tmux server is running for " + paths.workspace +
                      "; start the team with 'team-agent run'");
  auto session = team_session(paths);
  if (!session) return session.error();
  if (!server->has_session(*session))
    return make_error("the team's tmux server runs but has no session \"" + *session +
                      "\"; restart the team with 'team-agent run'");
  return TeamTmux{std::move(*server), std::move(*session)};
}

Result<AttachCommand> attach_command(const config::Paths& paths, const std::string& window) {
  auto team = running_team_tmux(paths);
  if (!team) return team.error();
  auto& server = team->server;
  const auto& session = team->session;
  if (!window.empty() && !has_window(server, session, window))
    return make_error("the team's session \"" + session + "\" has no window \"" + window +
                      "\" (its pane is stopped or gone); start it with 'team-agent start " +
                      window + "'");
  AttachCommand out;
  out.program = server.tmux_path();
  out.argv = server.base_argv();
  // "=name" matches the session (and the window) exactly, never by prefix.
  const std::string target = "=" + session + (window.empty() ? "" : ":=" + window);
  out.argv.insert(out.argv.end(), {"attach-session", "-t", target});
  // child_env() drops TMUX: attaching from inside another tmux is what the
  // user asked for, and the private server is reached by socket, not $TMUX.
  out.env = server.child_env();
  out.socket_name = server.socket_name();
  out.session = session;
  return out;
}

}  // namespace ta::ops
