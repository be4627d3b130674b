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
};

// The texts a person submitted in an existing session file, oldest first
// (Codex's own <environment_context> messages left out).
std::vector<std::string> earlier_user_texts(Mode mode, const std::string& file_content);

}  // namespace ta::fake
