#pragma once
// Which event fields carry text read from a pane, so that the log and every
// view of it redact them (util/redact.h). The rule is by name, so a new
// field is covered by being named for what it holds: a name containing
// "capture", "snippet", "screen", "evidence" or "excerpt", or starting with
// "prompt_" (what a prompt on screen said). Message content a user sent
// (message.accepted `content`) is the user's own data and is not pane text.
#include <optional>
#include <string_view>

#include "events/event.h"

namespace ta::events {

bool is_pane_text_field(std::string_view name);

// Redacts the pane-text fields of an event's data where they stand (strings
// inside them too); whether anything was replaced.
bool redact_pane_text(Json& data);

// A redacted copy of `data`, or nothing when it holds no secret in pane text.
std::optional<Json> redacted_pane_text(const Json& data);

}  // namespace ta::events
