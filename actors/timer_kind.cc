#include "actors/timer_kind.h"

namespace ta::actors {

namespace {

struct KindName {
  TimerKind kind;
  const char* name;
};

// The one table of names, both ways.
constexpr KindName kKindNames[] = {
  {TimerKind::trust_retry, "trust_retry"},
};

}  // namespace

const char* timer_kind_name(TimerKind kind) {
  for (const auto& k : kKindNames)
    if (k.kind == kind) return k.name;
  return "unknown";
}

std::optional<TimerKind> parse_timer_kind(std::string_view name) {
  for (const auto& k : kKindNames)
    if (name == k.name) return k.kind;
  return std::nullopt;
}

}  // namespace ta::actors
