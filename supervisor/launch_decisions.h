#pragma once
// Which session each agent a run must start comes back in (SPEC: restart):
// every agent that has worked resumes the session that holds its context,
// one that never worked starts fresh, and when an agent that has worked
// cannot be resumed the whole start is refused before anything runs, unless
// the user allowed fresh starts. Reads the log's projections and the CLIs'
// files; starts nothing.
#include <map>
#include <string>
#include <vector>

#include "config/launch_plan.h"
#include "events/event.h"
#include "store/agent_sessions.h"

namespace ta::supervisor {

struct LaunchDecisionInputs {
  std::vector<std::string> to_launch;  // members whose panes must be started, spec order
  const store::SessionHistory& history;
  std::string cwd;  // the panes' working directory (the workspace)
  bool allow_fresh = false;
};

struct LaunchDecisions {
  std::map<std::string, config::SessionChoice> choices;  // for plan_launch
  // restart.first_interaction_invalid, restart.resume_decision, and
  // restart.atomic_refusal when refused; empty for a team's first start.
  std::vector<events::Draft> events;
  bool refused = false;
  std::vector<std::string> sentences;  // one per refused agent, for stderr
};

LaunchDecisions decide_launches(const LaunchDecisionInputs& in);

}  // namespace ta::supervisor
