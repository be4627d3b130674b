#pragma once
// A running supervisor whose team's tmux server was lost (tmux.server_lost
// of its current run, not brought back since: a restart is a new run) has
// no pane to deliver into: `send` is refused at once with tmux_unavailable
// instead of recording a message that could only wait, and says how to
// bring the team back.
#include <optional>
#include <string>
#include <string_view>

#include "config/paths.h"
#include "config/team_spec.h"
#include "store/team_incidents.h"
#include "util/result.h"

namespace ta::ops {

// The error code a refused send names first in its sentence.
inline constexpr std::string_view kTmuxUnavailable = "tmux_unavailable";

// The loss of the running supervisor's current run; nothing when no
// supervisor runs, or its run has its tmux server.
std::optional<store::TeamIncident> live_tmux_loss(const config::Paths& paths);

// "tmux_unavailable: the team's tmux server is gone …" (exit 1): what to
// do depends on whether the team restarts itself (runtime.restart).
Error tmux_unavailable_error(const store::TeamIncident& loss, const config::TeamSpec& spec);
bool is_tmux_unavailable(const Error& e);

}  // namespace ta::ops
