#pragma once
// `team-agent restart`: the whole team started again with its context. The
// decision comes first, read-only (supervisor/launch_decisions.h): when an
// agent that has worked could not be resumed, the restart is refused before
// anything is touched, even a running supervisor. Otherwise a running
// supervisor is stopped (its panes stay until the new run replaces them),
// and a new supervisor starts in the background (`run --restart`, its
// output in .team/logs/supervisor.log); the verb returns once that run has
// started every agent, or failed and rolled back.
#include <string>
#include <vector>

#include "config/paths.h"
#include "util/result.h"

namespace ta::supervisor {

struct RestartRequest {
  bool allow_fresh = false;
  std::string fake_mode;  // passed on to the new run
  double timeout_s = 120;
};

struct RestartedMember {
  std::string agent_id;
  std::string mode;  // resumed | fresh
  std::string session_id;
};

struct RestartOutcome {
  int supervisor_pid = 0;
  std::string log_path;  // the new supervisor's output
  bool stopped_previous = false;
  std::vector<RestartedMember> agents;
};

// An Error with exit 1 when refused (its sentences already on stderr), when
// the new run rolled back or did not start; exit 2 for a broken team spec.
Result<RestartOutcome> restart_team(const config::Paths& paths, const RestartRequest& request);

}  // namespace ta::supervisor
