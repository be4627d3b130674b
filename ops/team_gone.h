#pragma once
// A whole team gone: its last run never recorded supervisor.stopped (no
// clean shutdown), no supervisor holds the workspace's lock (the dead one's
// record is left behind), and the team's tmux server does not answer, so no
// pane is left either (a reboot, or the supervisor and the server killed). The first command that looks records
// team.gone, once per run (the log's idempotency key "team_gone:<run_id>"),
// and every command that finds it says so; `team-agent run` brings the team
// back with its sessions resumed.
#include <optional>
#include <string>

#include "config/paths.h"

namespace ta::ops {

struct GoneTeam {
  std::string run_id;         // the run that ended without a shutdown
  bool recorded_now = false;  // this call appended team.gone
};

// Looks, cheaply when a supervisor runs (the lock says so); appends
// team.gone naming `detected_by` (the command) when the team is gone.
// Nothing when it is not, or when the workspace cannot tell (no .team/, no
// team spec): the check never stops a command.
std::optional<GoneTeam> check_team_gone(const config::Paths& paths,
                                        const std::string& detected_by);

// The one sentence a front end shows about it.
std::string team_gone_sentence(const GoneTeam& gone);

}  // namespace ta::ops
