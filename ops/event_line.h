#pragma once
// An event as one human line: `team-agent events -o short` and the live log
// of `team-agent run` print this form.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "events/event.h"

namespace ta::ops {

// "2026-11-20T21:39:00.123Z 42 send.submitted message_id=msg_1 to=w1 attempt=1":
// time to the millisecond, seq, event name, then the set data fields, ids
// first. Long values are shortened and control characters escaped, so a
// message's text can neither flood nor drive the terminal.
std::string format_short(const events::Event& e, bool colour);

// Colour only for a terminal, and never when NO_COLOR is set or TERM=dumb.
bool stdout_wants_colour();

}  // namespace ta::ops
