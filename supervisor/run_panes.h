#pragma once
// The panes of a run: the team's tmux session on its private server, with
// one pane per member running the planned command, tagged with the
// member's id (terminal/display_tmux.h). A session left by an earlier run
// is adopted: a live pane tagged with the member's id is kept as it is (the
// agent may be mid-turn); a missing or dead one is started. New panes start
// in windows of their own; the run's display gathers them. Starting is all or nothing: when one pane cannot be started,
// every pane this call created is removed again.
#include <chrono>
#include <functional>
#include <optional>
#include <set>
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

// Members whose pane is alive in the team's session now (none when the
// server or the session is not running).
Result<std::set<std::string>> live_members(terminal::TmuxServer& server,
                                           const config::LaunchPlan& plan);

struct PaneStartOptions {
  // Restart: every member's live pane is closed and started again.
  bool replace_live = false;
  // Test hook: starting this member's pane fails as if tmux had refused.
  std::string fail_agent;
};

struct PaneStartFailure {
  std::string agent_id;
  std::string reason;
  std::vector<std::string> panes_removed;
};

struct PaneStartOutcome {
  std::vector<RunPane> panes;  // plan order; empty on failure
  std::optional<PaneStartFailure> failure;
};

// Starts what must be started. An Error only when nothing was created.
Result<PaneStartOutcome> ensure_panes(terminal::TmuxServer& server,
                                      const config::LaunchPlan& plan,
                                      const PaneStartOptions& options = {});

// Removes panes started by ensure_panes (rollback); the session goes with
// its last pane.
std::vector<std::string> remove_panes(terminal::TmuxServer& server,
                                      const std::vector<RunPane>& panes);

// Of the panes given, those whose program exited before it finished
// starting (a resumed CLI that could not find its session exits at once),
// looked at until each one is drawn or `bound` passes.
using PaneStarted = std::function<bool(const std::string& agent_id, const std::string& screen)>;
std::vector<std::string> exited_while_starting(terminal::TmuxServer& server,
                                               const std::vector<RunPane>& panes,
                                               const PaneStarted& started,
                                               std::chrono::milliseconds bound);

// Starts `pane` (the plan's entry for one agent) again in its pane.
Status respawn_planned(terminal::TmuxServer& server, const std::string& pane_id,
                       const config::PanePlan& pane);

}  // namespace ta::supervisor
