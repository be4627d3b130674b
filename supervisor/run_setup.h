#pragma once
// Everything `team-agent run` sets up before the actors start, in order:
// the team's panes on the private tmux server, the control connection, the
// log and projections (folded, paused), the supervisor's configuration, and
// what that snapshot leaves it to take over: what earlier runs left
// undelivered, which deliveries a dead supervisor interrupted, pending timers.
#include <memory>
#include <set>
#include <string>

#include "actors/store_writer.h"
#include "actors/supervisor.h"
#include "config/launch_plan.h"
#include "config/paths.h"
#include "config/team_spec.h"
#include "supervisor/run_panes.h"
#include "supervisor/run_providers.h"
#include "terminal/pane_changes.h"
#include "terminal/tmux_control.h"
#include "terminal/tmux_server.h"

namespace ta::supervisor {

struct RunInputs {
  const config::Paths& paths;
  const config::TeamSpec& spec;
  std::string run_id;
  std::string fake_mode;  // --fake-mode; empty: the fake agent's default
  bool restart = false;      // `restart`: every member's pane is started again
  bool allow_fresh = false;  // an agent whose context is lost may start fresh
};

struct RunSetup {
  std::unique_ptr<terminal::TmuxServer> server;
  config::LaunchPlan plan;
  std::shared_ptr<terminal::TmuxControl> tmux;
  std::shared_ptr<terminal::PaneChanges> changes;
  std::shared_ptr<actors::StoreIo> store_io;
  actors::SupervisorConfig supervisor;      // run.cc adds outcome, test hooks, observers
  actors::SupervisorSnapshot snapshot;
};

Result<RunSetup> prepare_run(const RunInputs& in);

// What starting panes needs first, for `run` and for a pane host: the tmux
// server with this socket name, this program's path, and the team's
// provider programs found (their versions asked in the background).
struct PaneStartBasics {
  std::unique_ptr<terminal::TmuxServer> server;
  std::string bin;
  std::unique_ptr<ProviderPrograms> programs;
};
Result<PaneStartBasics> prepare_pane_start(const RunInputs& in, const std::string& socket_name);

// This program's own path (/proc/self/exe): what the panes' MCP servers and
// fake agents run.
Result<std::string> own_binary();
// The trust policy of the run's panes (SPEC §5), opted in by the
// environment (`opted_in_by_env`) or the spec.
actors::TrustPolicy trust_policy(const RunInputs& in, bool opted_in_by_env);
// What plan_launch needs of the run: workspace, binary, run id, PATH.
config::LaunchInputs launch_inputs(const RunInputs& in, const std::string& bin);
// The members a run starts no pane for: those placed on pane hosts.
std::set<std::string> members_on_pane_hosts(const config::TeamSpec& spec);

// One pane actor's configuration: what every pane of the run shares
// (`shared`: tmux, trust policy, workspace, …) plus this pane's own.
Result<actors::PaneActorConfig> pane_config_for(const actors::PaneActorConfig& shared,
                                                const config::TeamSpec& spec,
                                                const config::PanePlan* planned, const RunPane& p,
                                                std::string provider_version,
                                                bool first_interaction_pending);

}  // namespace ta::supervisor
