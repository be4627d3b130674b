#include "ops/attach_target.h"

#include <algorithm>

#include "config/launch_plan.h"
#include "config/supervisor_lock.h"
#include "config/team_spec.h"
#include "terminal/display_tmux.h"
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

}  // namespace

std::string team_agent_pane(const config::Paths& paths, const std::string& agent) {
  auto server = team_server(paths);
  if (!server || !server->running()) return "";
  auto session = team_session(paths);
  if (!session) return "";
  auto panes = terminal::agent_panes(*server, *session);
  if (!panes) return "";
  auto it = panes->find(agent);
  return it == panes->end() ? "" : it->second;
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

namespace {

// The pane to show first: the agent's, else the first pane of the first
// overview window; empty: the session as it is.
Result<std::string> pane_to_show(TeamTmux& team, const AttachRequest& request) {
  auto placed = terminal::list_placed_panes(team.server, team.session);
  if (!placed) return placed.error();
  for (const auto& p : *placed) {
    if (!request.agent.empty() && p.agent == request.agent) return p.pane_id;
    if (request.agent.empty() && p.window_tag == terminal::overview_window_name(0))
      return p.pane_id;
  }
  if (request.agent.empty()) return std::string();
  return make_error("agent " + request.agent + " has no pane in the team's session \"" +
                    team.session + "\" (stopped, or not started yet); start it with "
                    "'team-agent start " + request.agent + "'");
}

}  // namespace

Result<AttachCommand> attach_command(const config::Paths& paths, const AttachRequest& request) {
  auto team = running_team_tmux(paths);
  if (!team) return team.error();
  auto pane = pane_to_show(*team, request);
  if (!pane) return pane.error();
  auto& server = team->server;
  const auto& session = team->session;
  AttachCommand out;
  out.program = server.tmux_path();
  out.argv = server.base_argv();
  // "=name" matches the session exactly, never by prefix.
  out.argv.insert(out.argv.end(), {"attach-session", "-t", "=" + session});
  if (request.read_only) out.argv.push_back("-r");
  if (!pane->empty()) {
    // ";" words chain commands that run once the client is attached.
    out.argv.insert(out.argv.end(), {";", "select-window", "-t", *pane, ";", "select-pane",
                                     "-t", *pane});
    // The agent's pane zoomed unless it already is (resize-pane -Z
    // toggles; a pane alone in its window stays as it is); the overview
    // unzoomed, as an earlier `attach AGENT` may have left it.
    const std::string zoom = request.agent.empty()
                               ? "#{window_zoomed_flag}"
                               : "#{&&:#{!=:#{window_panes},1},#{!=:#{window_zoomed_flag},1}}";
    out.argv.insert(out.argv.end(),
                    {";", "if-shell", "-F", "-t", *pane, zoom, "resize-pane -Z -t " + *pane});
  }
  // child_env() drops TMUX: attaching from inside another tmux is what the
  // user asked for, and the private server is reached by socket, not $TMUX.
  out.env = server.child_env();
  out.socket_name = server.socket_name();
  out.session = session;
  return out;
}

}  // namespace ta::ops
