#pragma once
// `team-agent doctor`'s checks of what the team depends on and what it
// keeps, each saying what to do about a problem: tool versions, the
// workspace's files and modes, the team spec and the agent CLIs it starts,
// every line of the event log, the freshness of the projections, the
// supervisor lock, and processes the team's panes left running.
#include <string>
#include <vector>

#include "config/paths.h"

namespace ta::ops {

struct DoctorCheck {
  std::string level;  // ok | warn | fail
  std::string what;
  std::string detail;
};

struct DoctorOptions {
  bool fix = false;  // repair what is safe to repair (a stale supervisor record)
};

// Every check, in a fixed order; a workspace without .team/ gets only the
// first few. Checks never fail as a whole: a problem is a "fail" check.
std::vector<DoctorCheck> run_doctor(const config::Paths& paths, const DoctorOptions& o);

// How many checks are "fail".
int count_failures(const std::vector<DoctorCheck>& checks);

}  // namespace ta::ops
