#pragma once
// Claude Code's session transcripts: where `claude --session-id ID` keeps a
// session, and whether the file there is context worth resuming.
//
// Claude writes `<config dir>/projects/<enc(cwd)>/<ID>.jsonl`, enc = the
// cwd with every character outside [A-Za-z0-9.-] replaced by '-' (older
// versions kept '_'). The file appears with the first submitted message; its
// first lines (mode, permission-mode, snapshots) carry no cwd, the user
// message and what follows do.
#include <string>
#include <string_view>
#include <vector>

namespace ta::sessions {

// The project directory name Claude derives from a resolved cwd. Each
// character (code point) outside the kept set becomes one '-', two for one
// outside the Basic Multilingual Plane (Claude counts UTF-16 units).
std::string claude_project_name(std::string_view resolved_cwd, bool keep_underscore = false);

// Whether `id` may name a session file: a uuid's characters only, so it can
// be joined into a path (never "../x").
bool is_session_id(std::string_view id);

// Where transcript `session_id` of `resolved_cwd` may be, most likely first
// (the current naming, then the one that keeps '_'), without duplicates.
std::vector<std::string> claude_transcript_candidates(const std::string& config_dir,
                                                      const std::string& resolved_cwd,
                                                      const std::string& session_id);

enum class TranscriptVerdict {
  verified,      // the cwd matches and a person's message is in it
  missing,       // no transcript at any candidate path
  cwd_mismatch,  // a transcript of another directory
  blank,         // no non-empty user message: nothing to resume
  unreadable,    // not one line could be read as a transcript record
};
const char* verdict_name(TranscriptVerdict v);

struct TranscriptCheck {
  TranscriptVerdict verdict = TranscriptVerdict::missing;
  std::string path;    // the transcript looked at (empty when missing)
  std::string detail;  // for mismatches: the cwd the transcript names
  bool ok() const { return verdict == TranscriptVerdict::verified; }
};

// Checks the first 200 lines of the transcript at `path`: every record that
// names a cwd must name `resolved_cwd` (after resolving it too), at least
// one must, and at least one user record must carry text a person typed
// (not a tool result, a meta record or an interruption notice).
TranscriptCheck check_claude_transcript(const std::string& path, const std::string& resolved_cwd);

// Finds and checks transcript `session_id`: the candidate paths first, then
// any project directory holding `<session_id>.jsonl` (session ids are
// unique, so a cwd Claude named differently is still found).
TranscriptCheck find_claude_transcript(const std::string& config_dir,
                                       const std::string& resolved_cwd,
                                       const std::string& session_id);

}  // namespace ta::sessions
