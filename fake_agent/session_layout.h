#pragma once
// The session files of the real CLIs, as the fake agent writes them: where
// Claude Code keeps a transcript and Codex a rollout, and the records they
// hold (the fields sessions/ reads, in the pinned versions' shapes; see
// tests/fixtures/sessions/). Pure: no I/O, times and ids are passed in.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "fake_agent/options.h"
#include "util/clock.h"

namespace ta::fake {

// A random version 4 uuid (from the OS's random source).
std::string new_uuid4();

// `<projects>/<enc(cwd)>/<id>.jsonl` under a Claude config directory.
std::string claude_transcript_path(const std::string& config_dir, const std::string& cwd,
                                   const std::string& id);
// `<codex home>/sessions/YYYY/MM/DD/rollout-YYYY-MM-DDTHH-MM-SS-<id>.jsonl`,
// in local time as Codex names it.
std::string codex_rollout_path(const std::string& codex_home, UnixMicros start,
                               const std::string& id);

// A command the model asks to run (as the fake agent's tool call).
struct ToolCall {
  std::string id;  // claude: toolu_…; codex: call_…
  std::string command;
  std::string description;
};

// How a turn's API request failed, as the CLI records it.
struct ApiFailure {
  std::string text;  // what the screen shows ("API Error: …")
  int status = 0;    // the HTTP status; 0 when there was no answer
  std::string code;  // Claude's `error` field (rate_limit, server_error, …)
};

// The status and error code an API error of `kind` records.
ApiFailure api_failure(ApiErrorKind kind, std::string text);

// What goes into a session file, one JSON object per line.
struct SessionRecords {
  Mode mode;
  std::string id, cwd;

  // The lines a new file starts with: Claude's bookkeeping (mode,
  // permission-mode), Codex's session_meta naming the session's start.
  std::vector<nlohmann::ordered_json> opening(UnixMicros start, UnixMicros now) const;
  // A submitted message (Codex: the turn's task_started, then the message).
  std::vector<nlohmann::ordered_json> user(const std::string& text, const std::string& record_id,
                                   const std::string& parent_id, UnixMicros now) const;
  // The end of a turn: Claude's assistant record (stop_reason end_turn),
  // Codex's task_complete.
  nlohmann::ordered_json turn_end(const std::string& answer, const std::string& record_id,
                          const std::string& parent_id, UnixMicros now) const;

  // The records below are the turn states the supervisor reads
  // (sessions/turn_state.h). For Claude `record_id` is the new record's
  // uuid; for Codex it is the turn's id.

  // The model calls a tool: Claude's assistant record with a tool_use block
  // (stop_reason tool_use: the turn stays open), Codex's function_call item.
  nlohmann::ordered_json tool_call(const ToolCall& call, const std::string& record_id,
                                   const std::string& parent_id, UnixMicros now) const;
  // Codex asks a person before running it (event_msg exec_approval_request).
  nlohmann::ordered_json approval_request(const ToolCall& call, const std::string& turn_id,
                                          UnixMicros now) const;
  // The tool's output came back: Claude's user record holding the
  // tool_result, Codex's function_call_output item.
  nlohmann::ordered_json tool_result(const ToolCall& call, const std::string& output,
                                     const std::string& record_id, const std::string& parent_id,
                                     UnixMicros now) const;
  // The person declined the tool call or interrupted it while it ran:
  // Claude's user record holding a tool_result with is_error true (the
  // rejection text, toolUseResult "User rejected tool use", toolDenialKind
  // "user-rejected"); Codex's function_call_output "aborted by user".
  nlohmann::ordered_json tool_rejected(const ToolCall& call, const std::string& record_id,
                                       const std::string& parent_id, UnixMicros now) const;
  // The person interrupted the turn: Claude's user record "[Request
  // interrupted by user]" ("… for tool use" after a tool call, following
  // tool_rejected()), Codex's turn_aborted with reason "interrupted".
  nlohmann::ordered_json interrupted(bool during_tool_call, const std::string& record_id,
                                     const std::string& parent_id, UnixMicros now) const;
  // The turn ended in an API error. Claude Code 2.1.332 writes one synthetic
  // assistant record (isApiErrorMessage, apiErrorStatus, error; no `system`
  // api_error record, not even while retrying). Codex 0.171.0 ends the turn
  // with a task_complete carrying `error`; the error event before it is the
  // one earlier versions write, and the one sessions/ reads as the fault.
  std::vector<nlohmann::ordered_json> api_error(const ApiFailure& failure,
                                                const std::string& record_id,
                                                const std::string& parent_id,
                                                UnixMicros now) const;
};

// The texts a person submitted in an existing session file, oldest first
// (Codex's own <environment_context> messages left out).
std::vector<std::string> earlier_user_texts(Mode mode, const std::string& file_content);

}  // namespace ta::fake
