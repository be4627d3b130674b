#pragma once
// What a pane actor records when it gives up on messages it holds: one
// send.failed each (and, for the leader, the text in its inbox file), and
// schedule.cancelled for the trust retries they were waiting for.
#include <string>
#include <vector>

#include "actors/messages.h"
#include "actors/pane_io.h"
#include "events/event.h"

namespace ta::actors {

// send.failed for each message, decided without an inject. For the
// leader's pane (`leader` set) each text also goes to its inbox file with
// leader_receiver.delivery_failed: blocking, so an I/O thread's job then.
std::vector<events::Draft> failed_messages(const std::vector<Delivery>& messages,
                                           const std::string& reason, const LeaderWatch* leader);

// schedule.cancelled for each timer id.
std::vector<events::Draft> cancelled_timers(const std::vector<std::string>& schedule_ids,
                                            const std::string& reason);

}  // namespace ta::actors
