#pragma once
// What an agent's turn is doing, read from the CLI's own session file rather
// than its screen: the last lifecycle fact of the tail decides. Claude:
// stop_reason end_turn / stop_sequence closes a turn, tool_use (or content
// still streaming) keeps it open, "[Request interrupted by user]" interrupts
// it, an API error or a failed tool result is a fault. Codex: task_started
// opens, task_complete closes, turn_aborted interrupts, an approval request
// waits on a person. An open turn is `working` only while the pane's process
// is confirmed alive; a confirmed dead one crashed mid-turn, and without
// confirmation the state is unknown, never idle and never working.
#include <string>
#include <string_view>
#include <vector>

namespace ta::sessions {

enum class SessionFormat { claude, codex };
// "claude", "claude_code" -> claude; "codex" -> codex; false for others.
bool session_format_of(std::string_view provider, SessionFormat& out);

enum class TurnState { working, idle, idle_interrupted, blocked_on_human, abnormal, unknown };
const char* turn_state_name(TurnState s);

enum class Liveness { alive, dead, unverifiable };

// The pane's process as recorded at spawn and as seen now: alive only when
// the pid and its start time both match (a reused pid has another start
// time); dead when either differs or the process is gone; unverifiable when
// something needed to tell is missing.
struct ProcessIdentity {
  long long pid = 0;               // 0: unknown
  long long start_ticks = -1;      // -1: unknown
};
Liveness liveness_of(const ProcessIdentity& recorded, const ProcessIdentity* current);

struct TurnVerdict {
  TurnState state = TurnState::unknown;
  // end_turn, stop_sequence, task_complete, open_turn, user_interrupt, the
  // abort's reason, approval_required, api_error, tool_result_is_error,
  // turn_failed, crashed_mid_turn, liveness_unverifiable,
  // unreadable_or_empty, no_turn_lifecycle_fact
  std::string reason;
  std::string turn_id;
  std::string source = "session_file";  // or "process_guard"
  std::vector<std::string> annotations;
  std::vector<std::string> diagnostics;  // lines that could not be read, and why
  // Counts as idle for the leader's idle reminder.
  bool idle_for_takeover() const {
    return state == TurnState::idle || state == TurnState::idle_interrupted;
  }
};

// The verdict of a session file's tail (complete lines, oldest first).
TurnVerdict classify_turn(SessionFormat format, std::string_view tail, Liveness liveness);

}  // namespace ta::sessions
