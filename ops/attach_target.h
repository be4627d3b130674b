#pragma once
// Where a person attaches to watch the team: the session on the team's
// private tmux server, as the command line that opens it (`team-agent
// attach` runs it in place of itself).
#include <string>
#include <vector>

#include "config/paths.h"
#include "terminal/tmux_server.h"
#include "util/result.h"

namespace ta::ops {

struct AttachCommand {
  std::string program;            // the tmux binary
  std::vector<std::string> argv;  // argv[0] included
  std::vector<std::string> env;   // NAME=value, without TMUX
  std::string socket_name;        // the team's private server (tmux -L)
  std::string session;            // the team's session on it
};

// The running supervisor's record names the session it made; without one,
// the session the spec's team name gives.
Result<std::string> team_session(const config::Paths& paths);

// The team's private tmux server with its session running.
struct TeamTmux {
  terminal::TmuxServer server;
  std::string session;
};

// The team's server and session, or an error (exit 1) saying what to do
// when either does not run.
Result<TeamTmux> running_team_tmux(const config::Paths& paths);

// What a person asked to see. No agent: the first overview window (the
// team at a glance), else the session as it is.
struct AttachRequest {
  std::string agent;       // that agent's pane, selected and zoomed
  bool read_only = false;  // watch without typing into the agents (attach -r)
};

// An error saying what to do when the team's tmux server or its session
// does not run, or the agent asked for has no pane. The command attaches
// and then selects what was asked for, in the one tmux command line.
Result<AttachCommand> attach_command(const config::Paths& paths, const AttachRequest& request = {});

// The pane of `agent` in the team's session (empty when the server, the
// session or the pane is not there).
std::string team_agent_pane(const config::Paths& paths, const std::string& agent);

}  // namespace ta::ops
