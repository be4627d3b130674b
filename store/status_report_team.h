#pragma once
// How `status` presents what happened to the last run's team as a whole:
// its tmux server lost (the panes gone, messages kept), or the whole team
// found gone after a run that ended without a shutdown; and how to bring it
// back.
#include <optional>
#include <string>

#include "events/event.h"
#include "store/team_incidents.h"

namespace ta::store {

// One line, or nothing when the last run's team is fine (or was brought back).
std::string team_incident_text(const std::optional<TeamIncident>& incident);

// {"tmux_server_lost": {...} | null, "gone": {...} | null}.
events::Json team_incident_json(const std::optional<TeamIncident>& incident);

}  // namespace ta::store
