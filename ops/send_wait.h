#pragma once
// What became of each recipient's message after it was recorded, learned by
// following the log for the supervisor's send.submitted / send.failed.
#include <functional>
#include <string>
#include <vector>

#include "ops/send.h"

namespace ta::ops {

// A message the supervisor holds back (its recipient is busy or still
// starting), told once per message while waiting.
struct Deferral {
  const SendOutcome* message = nullptr;
  std::string why;  // "is working", "is still starting"
};
using DeferralSink = std::function<void(const Deferral&)>;

// Follows the log from the first accepted message until every message has
// an outcome or `timeout_s` passes; unresolved ones end as "timeout".
// `on_deferred` (when set) hears of each message the supervisor defers.
void wait_for_outcomes(const std::string& events_dir, std::vector<SendOutcome>& outcomes,
                       double timeout_s, const DeferralSink& on_deferred = {});

// Refuses (exit 2) a wait that is not above 0 seconds or is over a day.
Status check_wait_timeout(double timeout_s);

}  // namespace ta::ops
