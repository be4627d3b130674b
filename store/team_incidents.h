#pragma once
// Read-only queries over team_incidents (store/fold_team.cc): whether a
// supervisor run lost its tmux server, restarted the team, or was found
// gone. Used by `status`, by `send` (a run whose server is lost refuses
// messages) and by the check for a team that is gone (ops/team_gone.h).
#include <cstdint>
#include <optional>
#include <string>

#include "store/db.h"
#include "util/result.h"

namespace ta::store {

struct TeamIncident {
  std::string run_id;
  // tmux.server_lost; tmux_lost_at empty: the run did not lose it.
  std::string tmux_lost_at, tmux_socket, tmux_session, tmux_why;
  std::uint64_t tmux_lost_seq = 0;
  std::string restarted_as;      // the run that brought the team back (team.restarted)
  bool restart_gave_up = false;  // team.restart_gave_up
  // team.gone; gone_at empty: not found gone.
  std::string gone_at, gone_detected_by;

  bool tmux_lost() const { return !tmux_lost_at.empty(); }
  bool gone() const { return !gone_at.empty(); }
};

// The run's incidents; nothing when it had none (or the projections predate them).
Result<std::optional<TeamIncident>> team_incident(Database& db, const std::string& run_id);

// The last supervisor run the log recorded (by its start) and its state:
// running | stopping | stopped | lost.
struct LastRun {
  std::string run_id, state;
};
Result<std::optional<LastRun>> last_supervisor_run(Database& db);

}  // namespace ta::store
