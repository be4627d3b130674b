#pragma once
// Starting the team's panes for a run, as one step that either starts what
// it must or leaves the team as it was: which members need a pane, in which
// session each one's CLI comes back (supervisor/launch_decisions.h), the
// decisions and sessions recorded in the log before any program starts,
// then the panes, with every pane this step created removed again when one
// cannot be started or a resumed CLI cannot find its session.
#include <set>
#include <string>
#include <vector>

#include "config/launch_plan.h"
#include "config/paths.h"
#include "config/team_spec.h"
#include "store/agent_sessions.h"
#include "supervisor/run_panes.h"
#include "terminal/tmux_server.h"
#include "util/result.h"

namespace ta::supervisor {

struct TeamLaunchRequest {
  const config::Paths& paths;
  const config::TeamSpec& spec;
  config::LaunchInputs plan_inputs;     // sessions are filled in here
  const store::SessionHistory& history;
  bool restart = false;      // close and start again every member's pane
  bool allow_fresh = false;  // an agent whose context is lost may start fresh
  // Members left alone: neither started nor judged (stopped agents; for a
  // per-agent start, every member but that one).
  std::set<std::string> skip;
  // Where a refusal's sentences go besides stderr; nullptr: stderr only.
  std::vector<std::string>* refusal = nullptr;
};

struct TeamLaunch {
  config::LaunchPlan plan;  // without the skipped members
  std::vector<RunPane> panes;
};

// An Error (exit 1) when the start was refused or rolled back; its sentences
// were printed to stderr and its events appended already.
Result<TeamLaunch> launch_team(terminal::TmuxServer& server, const TeamLaunchRequest& request);

}  // namespace ta::supervisor
