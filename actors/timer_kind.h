#pragma once
// What a durable timer is for: the `kind` of schedule.created. The log keeps
// the kind as text, so the names here are the ones events carry and must
// never change (old logs are read by them). The scheduler itself stays
// generic: it stores and fires whatever kind the log holds, so a kind this
// build does not know still fires, and its owner ignores it.
#include <optional>
#include <string_view>

namespace ta::actors {

enum class TimerKind {
  trust_retry,  // answer a trust prompt again for the parked message (pane_trust.h)
};

// The kind's name in events.
const char* timer_kind_name(TimerKind kind);

// The kind an event names; nullopt for a kind this build does not know.
std::optional<TimerKind> parse_timer_kind(std::string_view name);

}  // namespace ta::actors
