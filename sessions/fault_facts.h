#pragma once
// Faults an agent CLI wrote into its own session file: an API error, a
// failed tool result, a failed turn, an approval request waiting on a
// person. Each becomes one notification, deduplicated by (signature, turn);
// a fault without a turn id is keyed by its record, so two different
// errors are never folded into one.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sessions/session_records.h"
#include "sessions/turn_state.h"

namespace ta::sessions {

struct FaultFact {
  // api_error, tool_result_is_error, turn_failed, approval_required, error_event
  std::string signature;
  std::string turn_id;  // empty when the record names none
  std::string kind;     // codex: the turn status ("failed")
  int api_error_status = 0;  // 0: not given
  std::string error;
  std::string request_id;
  std::string assistant_uuid;
  std::string record;  // the record as written, for the event (redacted there)

  std::string dedupe_key() const;
};

std::optional<FaultFact> claude_fault(const RecordJson& r);
std::optional<FaultFact> codex_fault(const RecordJson& r);

struct FaultScan {
  std::vector<FaultFact> facts;  // oldest first, one per dedupe key
  std::vector<std::string> discovered;   // one line per fault, for the log
  std::vector<std::string> diagnostics;  // what could not be read or is unknown
};

// Every fault in a session file's tail. Unknown record kinds of Codex (whose
// rollout has a closed set of them) are reported as diagnostics.
FaultScan read_fault_facts(SessionFormat format, std::string_view tail);

// The newest fault of the tail, past the bookkeeping records a CLI writes
// after it (turn durations, snapshots).
std::optional<FaultFact> latest_fault(SessionFormat format, std::string_view tail);

}  // namespace ta::sessions
