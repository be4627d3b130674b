#pragma once
// Where a person attaches to watch the team: the session on the team's
// private tmux server, as the command line that opens it (`team-agent
// attach` runs it in place of itself).
#include <string>
#include <vector>

#include "config/paths.h"
#include "util/result.h"

namespace ta::ops {

struct AttachCommand {
  std::string program;            // the tmux binary
  std::vector<std::string> argv;  // argv[0] included
  std::vector<std::string> env;   // NAME=value, without TMUX
};

// The running supervisor's record names the session it made; without one,
// the session the spec's team name gives.
Result<std::string> team_session(const config::Paths& paths);

// An error saying what to do when the team's tmux server or its session
// does not run. With `window` (an agent id: each member's pane is the
// window named after it), the client opens on that window, which must exist.
Result<AttachCommand> attach_command(const config::Paths& paths, const std::string& window = "");

// Whether the team's session on its private tmux server has a window
// named `window` (false when the server or session does not run).
bool team_window_exists(const config::Paths& paths, const std::string& window);

}  // namespace ta::ops
