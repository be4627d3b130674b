#pragma once
// A per-agent lifecycle request (`stop`, `start`, `restart AGENT`, `reset`,
// `remove-agent`, `add-agent`) as the CLI makes it: only when a supervisor
// runs (otherwise nothing is appended, exit 3), the request appended to the
// log, then the supervisor's agent.request_completed for it awaited on the
// log (inotify, bounded), never polled.
#include <chrono>
#include <string>

#include "config/paths.h"
#include "events/event.h"
#include "events/types.h"
#include "util/result.h"

namespace ta::ops {

// A fresh request id ("req_" + 12 hex).
std::string new_request_id();

struct AgentRequestOptions {
  std::chrono::milliseconds bound{std::chrono::seconds(60)};
};

// Appends `request` (whose data holds `request_id`) and waits for its
// outcome. An Error: exit 3 when no supervisor runs, exit 1 when it did not
// answer in time or stopped first, or the log could not be written.
Result<events::AgentRequestCompleted> request_agent_change(const config::Paths& paths,
                                                           events::Draft request,
                                                           const std::string& request_id,
                                                           const AgentRequestOptions& options = {});

}  // namespace ta::ops
