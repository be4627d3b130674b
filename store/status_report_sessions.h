#pragma once
// How `status` presents each agent's session: whether its CLI's file still
// holds the context, and what a restart would do with it.
#include <string>
#include <vector>

#include "events/event.h"
#include "store/queries.h"

namespace ta::store {

// "1a2b3c4d verified, resumable", "- (none yet)", "1a2b3c4d NOT verified:
// restart would refuse (--allow-fresh loses its context)", ...
std::string session_text(const AgentSessionStatus& s);

// "sessions:" and one line per agent whose session was checked; nothing
// when none was (a replayed point in the past).
std::string sessions_text(const std::vector<AgentRow>& agents);

// {id, short_id, state, path, verified, resume: {decision, reason, session_id}}.
events::Json session_json(const AgentSessionStatus& s);

}  // namespace ta::store
