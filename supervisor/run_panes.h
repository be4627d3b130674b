#pragma once
// The panes of a run: the team's tmux session on its private server, with
// one pane per member running the planned command. A session left by an
// earlier run is adopted: a live pane whose window bears the member's name
// is kept as it is (the agent may be mid-turn); a dead one is started again.
#include <string>
#include <vector>

#include "config/launch_plan.h"
#include "terminal/tmux_server.h"
#include "util/result.h"

namespace ta::supervisor {

struct RunPane {
  std::string agent_id;
  std::string provider;
  std::string pane_id;
  int pid = 0;
  bool adopted = false;
};

Result<std::vector<RunPane>> ensure_panes(terminal::TmuxServer& server,
                                          const config::LaunchPlan& plan);

}  // namespace ta::supervisor
