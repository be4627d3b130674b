#pragma once
// Once `shutdown --kill-panes` has killed the team's tmux server, every
// agent whose last known pane state says its pane lived is recorded as
// stopped (pane.state_changed to "stopped"), so `status` says what is true:
// the pane is gone because it was asked to go, not because its program
// exited. Without --kill-panes the panes keep running and nothing changes.
#include <string>
#include <vector>

#include "config/paths.h"
#include "events/event.h"
#include "ops/end_leftovers.h"
#include "store/queries.h"
#include "util/result.h"

namespace ta::ops {

inline constexpr const char* kStoppedPaneState = "stopped";

// pane.state_changed {from: last known, to: stopped} for each agent whose
// pane lived as far as the projections know.
std::vector<events::Draft> stopped_pane_events(const std::vector<store::AgentRow>& agents);

// Reads the projections (caught up: no supervisor runs any more) and
// records the agents whose panes were killed as stopped; returns their ids.
Result<std::vector<std::string>> record_agents_stopped(const config::Paths& paths,
                                                       const Record& record);

}  // namespace ta::ops
