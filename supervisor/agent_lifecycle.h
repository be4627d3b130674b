#pragma once
// The per-agent verbs' tmux and team.json work, for the supervisor actor
// (actors/agent_lifecycle.h): one agent started as a restart would start it
// (supervisor/run_launch.h with every other member left alone: its
// decision, session.launched, the pane, rollback on failure), its pane
// closed, a worker added to or removed from team.json by write-rename.
// An added worker whose start fails leaves team.json byte-identical.
#include <memory>

#include "actors/agent_lifecycle.h"
#include "config/launch_plan.h"
#include "config/paths.h"
#include "terminal/tmux_server.h"

namespace ta::supervisor {

struct LifecycleContext {
  config::Paths paths;
  config::LaunchInputs launch;  // the run's (sessions are decided per start)
  terminal::TmuxServer* server = nullptr;  // the run's; outlives the actors
  actors::PaneActorConfig shared;          // what every pane actor of the run shares
};

std::shared_ptr<actors::AgentLifecycle> make_agent_lifecycle(LifecycleContext ctx);

}  // namespace ta::supervisor
