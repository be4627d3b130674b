#pragma once
// Where a message for the leader goes when the leader pane cannot take it
// (SPEC §5): appended to .team/leader-inbox.log, so a human or the leader's
// next turn can read it; the delivery is never retried into the pane.
#include <string>

#include "actors/messages.h"
#include "events/event.h"

namespace ta::actors {

// Appends the rendered message to `inbox_path` (created 0600) and returns
// leader_receiver.delivery_failed to record. Blocking: an I/O thread's job.
events::Draft leader_inbox_fallback(const std::string& inbox_path,
                                    const std::string& leader_session, const Delivery& message,
                                    const std::string& reason);

}  // namespace ta::actors
