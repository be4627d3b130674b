#pragma once
// Which events a reader of the log wants (`team-agent events`, and any
// front end that reads it): the type/agent/message/since/until/after
// selection, and the parsing of those values, as given on a command line,
// into one clear sentence when they are wrong.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/event.h"
#include "util/clock.h"
#include "util/result.h"

namespace ta::ops {

struct EventFilter {
  std::vector<std::string> type_globs;  // OR'd shell globs on the event name
  std::string agent;                    // matches agent_id, to, from, worker_id, owner
  std::string message;                  // matches data.message_id
  std::optional<UnixMicros> since;      // ts >= since
  std::optional<UnixMicros> until;      // ts <= until
  std::uint64_t after = 0;              // seq > after

  bool matches(const events::Event& e) const;
};

// The option values exactly as given on the command line; empty when absent.
struct FilterArgs {
  std::vector<std::string> types;
  std::string agent;
  std::string message;
  std::string since;
  std::string until;
  std::string after;
};

// Validates and converts the options; errors carry exit code 2 (bad usage).
Result<EventFilter> make_filter(const FilterArgs& args, UnixMicros now);

// A whole, non-negative number given for `option` (e.g. "-n"), or an exit-2 error.
Result<std::uint64_t> parse_count(std::string_view option, std::string_view text);

}  // namespace ta::ops
