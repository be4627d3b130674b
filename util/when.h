#pragma once
// Times for people: to the second ("2026-01-01 00:00:06"), and how long ago
// where that says more ("12 s ago", "3 m ago"). The log keeps RFC 3339 with
// microseconds; what `status` prints is read by a person at a glance.
#include <optional>
#include <string>
#include <string_view>

#include "util/clock.h"

namespace ta {

// "12 s ago", "3 m ago", "2 h ago", "4 d ago" ("just now" under a second;
// a time ahead of `now` counts as now).
std::string ago_text(UnixMicros then, UnixMicros now);

// "2026-01-01 00:00:06" (UTC, to the second); `ts` as given when it is no
// RFC 3339 time.
std::string second_text(std::string_view ts);

// How long ago when `now` is known and `ts` is less than a day before it,
// else the time to the second. "" for "".
std::string when_text(std::string_view ts, std::optional<UnixMicros> now);

// The time to the second, with how long ago in parentheses when `now` is
// known and `ts` is less than a day before it. "" for "".
std::string at_text(std::string_view ts, std::optional<UnixMicros> now);

}  // namespace ta
