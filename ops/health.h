#pragma once
// What people ask of the team's health: `acknowledge-idle` (no idle
// reminder until the next worker turn, or for a while) and `stuck` (the
// agents the running supervisor found stuck). `cancel AGENT` is a request
// to the supervisor (ops/agent_request.h).
#include <optional>
#include <string>
#include <vector>

#include "config/paths.h"
#include "events/types.h"
#include "store/health_report.h"
#include "util/result.h"

namespace ta::ops {

// "30m", "90s", "2h" -> seconds; nullopt for anything else (no number alone:
// a unit says what was meant).
std::optional<double> parse_quiet_for(const std::string& text);

// Appends idle.acknowledged; `for_s` 0: until the next worker turn. `by` is
// the agent whose pane runs the command ($TEAM_AGENT_ID), else "human".
Result<events::IdleAcknowledged> acknowledge_idle(const config::Paths& paths, double for_s);

struct StuckReport {
  std::vector<store::AgentHealthRow> stuck;  // by agent id
  bool supervisor_running = false;           // otherwise nobody watches now
};

Result<StuckReport> stuck_agents(const config::Paths& paths);

}  // namespace ta::ops
