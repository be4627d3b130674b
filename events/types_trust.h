#pragma once
// Payloads of the trust-prompt events (SPEC §5); part of events/types.h,
// which includes this file.
#include <string>
#include <vector>

#include "events/event_type.h"

namespace ta::events {

// trust prompts (SPEC §5) ----------------------------------------------------
// Common fields: the agent whose pane shows the prompt, the parked message,
// and the attempt (1-4) the event belongs to.
struct TrustAutoAnswered {
  TA_EVENT(TrustAutoAnswered, "leader_panes.trust_auto_answered", 1)
  std::string agent_id;
  std::string message_id;
  int attempt = 1;
  std::string prompt_path;  // the path the prompt named
  std::string option;       // the accepting option confirmed ("Yes, I trust this folder")
  std::string selected_by;  // preselected, or keys (moved there, read back, then Enter)
  std::vector<std::string> keys = {};  // the Up/Down presses before Enter
};
struct TrustAutoSkipped {
  TA_EVENT(TrustAutoSkipped, "leader_panes.trust_auto_skipped", 1)
  std::string agent_id;
  std::string message_id;
  std::string reason;  // not_opted_in
};
struct TrustAutoRefused {
  TA_EVENT(TrustAutoRefused, "leader_panes.trust_auto_refused", 1)
  std::string agent_id;
  std::string message_id;
  std::string reason;  // workspace_dir_mismatch, repository_root_not_allowed
  std::string prompt_path;
  std::string workspace;
};
struct TrustAutoFailed {
  TA_EVENT(TrustAutoFailed, "leader_panes.trust_auto_failed", 1)
  std::string agent_id;
  std::string message_id;
  int attempt = 1;
  std::string reason;  // workspace_unknown, unrecognized_options, keys_failed, enter_failed, …
  std::string detail;  // what exactly could not be recognised; may be empty
  std::string screen;  // the prompt as the pane showed it (redacted); may be empty
};
struct TrustRetryNeeded {
  TA_EVENT(TrustRetryNeeded, "leader_panes.trust_auto_answer_retry_needed", 1)
  std::string agent_id;
  std::string message_id;
  int attempt = 1;  // the attempt after which the prompt was still there
};
struct TrustRetryScheduled {
  TA_EVENT(TrustRetryScheduled, "leader_panes.trust_auto_answer_retry_scheduled", 1)
  std::string agent_id;
  std::string message_id;
  int next_attempt = 2;
  int max_attempts = 4;
  double backoff_seconds = 0;
  std::string due_at;
  std::string schedule_id;
};
struct TrustRetryAttempted {
  TA_EVENT(TrustRetryAttempted, "leader_panes.trust_auto_answer_retry_attempted", 1)
  std::string agent_id;
  std::string message_id;
  int attempt = 2;
};
struct TrustRetrySkipped {
  TA_EVENT(TrustRetrySkipped, "leader_panes.trust_auto_answer_retry_skipped", 1)
  std::string agent_id;
  std::string message_id;
  int attempt = 2;
  std::string reason;  // prompt_gone
};
struct TrustExhausted {
  TA_EVENT(TrustExhausted, "leader_panes.trust_auto_answer_exhausted", 1)
  std::string agent_id;
  std::string message_id;
  int attempts = 4;
};

TA_EVENT_JSON(TrustAutoAnswered, agent_id, message_id, attempt, prompt_path, option, selected_by,
              keys)
TA_EVENT_JSON(TrustAutoSkipped, agent_id, message_id, reason)
TA_EVENT_JSON(TrustAutoRefused, agent_id, message_id, reason, prompt_path, workspace)
TA_EVENT_JSON(TrustAutoFailed, agent_id, message_id, attempt, reason, detail, screen)
TA_EVENT_JSON(TrustRetryNeeded, agent_id, message_id, attempt)
TA_EVENT_JSON(TrustRetryScheduled, agent_id, message_id, next_attempt, max_attempts,
              backoff_seconds, due_at, schedule_id)
TA_EVENT_JSON(TrustRetryAttempted, agent_id, message_id, attempt)
TA_EVENT_JSON(TrustRetrySkipped, agent_id, message_id, attempt, reason)
TA_EVENT_JSON(TrustExhausted, agent_id, message_id, attempts)

}  // namespace ta::events
