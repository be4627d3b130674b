#pragma once
// Sessions a run launched but never captured (its supervisor died first,
// or stopped before the CLI wrote its file): looked for again before a
// restart decides, so an agent that worked is not judged by a capture that
// was merely never made.
#include <string>
#include <vector>

#include "events/event.h"
#include "store/agent_sessions.h"

namespace ta::supervisor {

// session.captured for each member whose launched session is found now in
// its CLI's files; `history` gains them as records too.
std::vector<events::Draft> capture_late(store::SessionHistory& history,
                                        const std::vector<std::string>& members,
                                        const std::string& cwd);

}  // namespace ta::supervisor
