#pragma once
// Reading old events with new code: each step lifts one event type from
// version N to N+1 by rewriting its data in memory. The log itself is never
// rewritten.
#include <functional>
#include <map>
#include <string>
#include <utility>

#include "events/event.h"

namespace ta::events {

class Upcaster {
 public:
  using Step = std::function<void(Json& data)>;

  // Registers how `type` goes from `from_version` to `from_version + 1`.
  void add_step(std::string type, int from_version, Step step);
  // Applies every registered step from e.v upward; leaves unknown types alone.
  void upcast(Event& e) const;

 private:
  std::map<std::pair<std::string, int>, Step> steps_;
};

// The steps this binary knows for the events it reads.
const Upcaster& default_upcaster();

}  // namespace ta::events
