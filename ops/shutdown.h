#pragma once
// Stopping a team, as `team-agent shutdown` asks: the running supervisor is
// asked to stop through the log (ops/shutdown_request: it stops through its
// normal path, exit 0) and waited for, bounded; SIGTERM only when it does not
// begin stopping within a few seconds. The panes keep running unless
// kill_panes: agents may be mid-turn, and a later `run` adopts them. With
// kill_panes the team's private tmux server is killed after the supervisor
// has stopped, so nothing restarts a pane meanwhile; the agents whose panes
// went are recorded as stopped (ops/shutdown_agents); then what the panes
// left running (ops/end_leftovers) is ended too, except what serves
// processes outside the team.
#include <string>
#include <vector>

#include "config/paths.h"
#include "ops/end_leftovers.h"
#include "util/result.h"

namespace ta::ops {

struct ShutdownRequest {
  bool kill_panes = false;
  double timeout_s = 30;  // how long the supervisor may take to stop
  // How long it may take to begin stopping after the request before it is
  // sent SIGTERM instead (at most timeout_s; most of timeout_s while it is
  // still starting its panes).
  double request_grace_s = 5;
};

// Told of each step as it is done (a step may take seconds), so a front end
// can say so at once. Every method does nothing unless overridden.
class ShutdownObserver {
 public:
  virtual ~ShutdownObserver() = default;
  // No supervisor runs, but one that died left its record.
  virtual void stale_supervisor_record(const std::string& holder) {}
  // It did not answer the request (`why`): SIGTERM is sent instead.
  virtual void falling_back_to_sigterm(int pid, const std::string& why) {}
  virtual void supervisor_stopped(int pid) {}
  virtual void panes_killed(const std::string& tmux_socket) {}
  // These agents' panes went with the server; each is recorded as stopped.
  virtual void agents_stopped(const std::vector<std::string>& agent_ids) {}
  // What became of the processes the panes left running (only with kill_panes).
  virtual void leftovers_handled(const LeftoversOutcome& outcome) {}
};

struct ShutdownOutcome {
  bool supervisor_stopped = false;  // one was running and has stopped
  int supervisor_pid = 0;           // the one stopped
  // Without kill_panes: the team's tmux server still runs, its agents with it.
  bool panes_running = false;
  bool panes_killed = false;        // the team's tmux server was running and is gone
  bool leftovers_found = false;     // the panes had left processes running
  bool leftovers_all_ended = true;  // each of them was ended (or deliberately kept)
};

// An error when the supervisor would not stop in time (the panes are then
// left alone: it would notice them gone and restart them), when the panes
// could not be killed, or when the leftovers could not be recorded.
Result<ShutdownOutcome> shutdown_team(const config::Paths& paths, const ShutdownRequest& request,
                                      ShutdownObserver& observer);

// Appends to the event log directly, for when no supervisor runs; the log is
// opened on the first append.
Record append_to_log(const config::Paths& paths);

}  // namespace ta::ops
