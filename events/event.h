#pragma once
// The event envelope as stored in the log, and a draft of one before the log
// has given it a sequence number.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace ta::events {

using Json = nlohmann::json;

struct Event {
  std::uint64_t seq = 0;  // global, gap-free, strictly increasing
  std::string ts;         // RFC 3339 UTC with microseconds, stamped by the appender
  std::string type;       // e.g. "message.accepted"
  int v = 1;              // schema version of this event type
  std::string team;
  Json data = Json::object();
  std::string key;  // idempotency key; empty when the event has none
};

// An event to append. The log assigns seq, and ts when it is empty.
struct Draft {
  std::string type;
  int v = 1;
  Json data = Json::object();
  std::string key;
  std::string ts;
};

}  // namespace ta::events
