#pragma once
// What became of each recipient's message after `send` recorded it, learned
// by following the log for the supervisor's send.submitted / send.failed.
#include <cstdint>
#include <string>
#include <vector>

namespace ta::cli {

// One recipient's message and what became of it.
struct Outcome {
  std::string message_id;
  std::string to;
  std::uint64_t seq = 0;
  bool duplicate = false;      // an earlier send with this id was already accepted
  std::string state = "accepted";  // accepted | submitted | failed | timeout
  std::string reason;          // why it failed
};

// Follows the log from the first accepted message until every message has
// an outcome or `timeout_s` passes; unresolved ones end as "timeout".
void wait_for_outcomes(const std::string& events_dir, std::vector<Outcome>& outcomes,
                       double timeout_s);

}  // namespace ta::cli
