#pragma once
// The last N events of the log that match a filter, found by reading
// windows of growing size backwards from the tail, so a small N on a huge
// log reads only its end (`team-agent events -n`).
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>

#include "events/reader.h"
#include "ops/event_filter.h"

namespace ta::ops {

// One event picked, as the caller rendered it.
struct PickedLine {
  std::uint64_t seq = 0;
  std::string line;
};

struct TailScan {
  EventFilter filter;
  std::uint64_t after = 0;    // only events with a seq greater than this
  std::uint64_t through = 0;  // and at most this (the log's tail)
  std::uint64_t count = 0;    // how many of the last matching ones
  // Makes an event's line; called while the reader stands on it, so
  // reader.raw_line() is that event's stored line.
  std::function<std::string(const events::Event&)> render;
  // Told of each bad line before it is stepped over.
  std::function<void(const events::Corruption&)> on_corrupt;
  // Asked every kStopCheckEvery events read: true abandons the scan.
  std::function<bool()> stop_requested;
};

inline constexpr std::uint64_t kStopCheckEvery = 1024;

// The picked events, oldest first; nullopt when stop_requested() ended the scan.
std::optional<std::deque<PickedLine>> last_matching(events::LogReader& reader,
                                                    const TailScan& scan);

}  // namespace ta::ops
