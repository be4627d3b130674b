#pragma once
// How `status` (and `replay --until`) present the projections: a compact
// text summary for people and one JSON object for machines.
#include <optional>
#include <string>
#include <vector>

#include "events/event.h"
#include "store/queries.h"

namespace ta::store {

struct StatusPresentation {
  // Liveness of the supervisor right now; nothing when it does not apply
  // (a replayed point in the past).
  std::optional<bool> supervisor_running;
};

// Adds a row (with zero counts) for each id not already among the agents,
// keeping them ordered by id: agents of the team spec that have no events yet.
void add_known_agents(StatusData& d, const std::vector<std::string>& agent_ids);

std::string format_status_text(const StatusData& d, const StatusPresentation& p);
events::Json status_json(const StatusData& d, const StatusPresentation& p);

}  // namespace ta::store
