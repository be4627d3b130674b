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

// An error saying what to do when the team's tmux server or its session
// does not run. With `window` (an agent id: each member's pane is the
// window named after it), the client opens on that window, which must exist.
Result<AttachCommand> attach_command(const config::Paths& paths, const std::string& window = "");

// Whether the team's session on its private tmux server has a window
// named `window` (false when the server or session does not run).
bool team_window_exists(const config::Paths& paths, const std::string& window);

}  // namespace ta::ops
