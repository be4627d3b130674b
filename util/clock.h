#pragma once
// Wall-clock timestamps as the event log writes them: RFC 3339, UTC,
// microseconds ("2026-11-20T21:39:00.123456Z").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ta {

// Microseconds since the Unix epoch.
using UnixMicros = std::int64_t;

UnixMicros now_micros();
std::string format_rfc3339_micros(UnixMicros t);
inline std::string now_rfc3339() { return format_rfc3339_micros(now_micros()); }

// Parses "2026-11-20T21:39:00Z", "...00.123456Z", "...00+02:00", and the
// date-only "2026-11-20" (midnight UTC). Returns nothing when malformed.
std::optional<UnixMicros> parse_rfc3339(std::string_view s);

// Parses a relative duration like "90s", "5m", "2h", "3d" into microseconds.
std::optional<UnixMicros> parse_duration(std::string_view s);

// A point in time given by the user: an RFC 3339 time, or a duration meaning
// "that long before `now`".
std::optional<UnixMicros> parse_time_point(std::string_view s, UnixMicros now);

}  // namespace ta
