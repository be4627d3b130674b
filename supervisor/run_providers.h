#pragma once
// The agent CLIs a run starts, checked before anything starts: a team whose
// provider program is missing is refused (exit 2) with one sentence per
// missing program, rather than started as dead panes. The programs' versions
// are asked in the background meanwhile (`--version`, once per program per
// run, bounded in time) for pane.started.
#include <future>
#include <map>
#include <memory>
#include <string>

#include "config/launch_plan.h"
#include "config/team_spec.h"
#include "util/result.h"

namespace ta::supervisor {

class ProviderPrograms {
 public:
  // Refuses (code 2) when a program is missing; otherwise starts the version
  // probes. `own_binary` is this program: the fake provider's version is ours.
  static Result<std::unique_ptr<ProviderPrograms>> check(const config::LaunchPlan& plan,
                                                         const config::TeamSpec& spec,
                                                         const std::string& workspace,
                                                         const std::string& own_binary);

  // The version of the program the agent runs ("2.1.332"); empty when it did
  // not answer. Waits for its probe, which its own timeout bounds.
  std::string version_for(const std::string& agent_id);

 private:
  std::map<std::string, std::shared_future<std::string>> by_agent_;
};

}  // namespace ta::supervisor
