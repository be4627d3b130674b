#include "util/when.h"

namespace ta {

namespace {

constexpr UnixMicros kSecond = 1000000;
constexpr UnixMicros kDay = 86400 * kSecond;

// The age of `ts` at `now`, when both are known and it is under a day.
std::optional<UnixMicros> recent_age(std::string_view ts, std::optional<UnixMicros> now) {
  if (!now) return std::nullopt;
  auto t = parse_rfc3339(ts);
  if (!t) return std::nullopt;
  UnixMicros age = *now - *t;
  if (age >= kDay) return std::nullopt;
  return age < 0 ? 0 : age;
}

}  // namespace

std::string ago_text(UnixMicros then, UnixMicros now) {
  std::int64_t s = now > then ? (now - then) / kSecond : 0;
  if (s < 1) return "just now";
  if (s < 60) return std::to_string(s) + " s ago";
  if (s < 3600) return std::to_string(s / 60) + " m ago";
  if (s < 86400) return std::to_string(s / 3600) + " h ago";
  return std::to_string(s / 86400) + " d ago";
}

std::string second_text(std::string_view ts) {
  auto t = parse_rfc3339(ts);
  if (!t) return std::string(ts);
  // format_rfc3339_micros gives "YYYY-MM-DDTHH:MM:SS.ffffffZ" in UTC.
  std::string full = format_rfc3339_micros(*t);
  return full.substr(0, 10) + " " + full.substr(11, 8);
}

std::string when_text(std::string_view ts, std::optional<UnixMicros> now) {
  if (ts.empty()) return "";
  if (auto age = recent_age(ts, now)) return ago_text(*now - *age, *now);
  return second_text(ts);
}

std::string at_text(std::string_view ts, std::optional<UnixMicros> now) {
  if (ts.empty()) return "";
  std::string out = second_text(ts);
  if (auto age = recent_age(ts, now)) out += " (" + ago_text(*now - *age, *now) + ")";
  return out;
}

}  // namespace ta
