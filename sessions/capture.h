#pragma once
// Capturing an agent's session: which session of its CLI holds the agent's
// context, so a restart can resume it. Claude is started with a session id
// of ours and its transcript is verified; Codex chooses its own id, so its
// rollout is found by cwd and start time among the newest rollouts.
#include <cstdint>
#include <set>
#include <string>

#include "sessions/codex_rollout.h"
#include "sessions/session_files.h"
#include "sessions/turn_state.h"

namespace ta::sessions {

struct CaptureRequest {
  std::string agent_id;
  SessionFormat format = SessionFormat::claude;
  std::string cwd;                // the pane's working directory
  std::string claude_session_id;  // the id `--session-id` was given (claude)
  std::int64_t spawned_us = 0;    // when the pane's program started
  std::int64_t now_us = 0;
  std::set<std::string> held_ids;  // sessions other agents hold (codex)
  // Set for a resumed launch: the session it resumed, which is verified
  // by its id in either format (via "resumed").
  std::string resumed_id;
};

struct CaptureResult {
  bool captured = false;
  std::string session_id;
  std::string path;
  std::string via;         // "session_id" (claude) | "rollout_scan" (codex) | "resumed"
  std::string confidence;  // "high" | "medium"
  // When not captured: transcript_missing, blank_session, cwd_mismatch,
  // unreadable, no_matching_rollout, rollout_missing (a resumed Codex
  // session whose rollout is gone). A session is written only once a
  // message was submitted, so "missing" right after a start is normal.
  std::string reason;
};

class SessionCapturer {
 public:
  explicit SessionCapturer(SessionRoots roots) : roots_(std::move(roots)), rollouts_(roots_.codex_home) {}
  CaptureResult capture(const CaptureRequest& request);

 private:
  CaptureResult capture_claude(const CaptureRequest& r) const;
  CaptureResult capture_codex(const CaptureRequest& r);
  CaptureResult capture_codex_resumed(const CaptureRequest& r);

  SessionRoots roots_;
  RolloutIndex rollouts_;
};

}  // namespace ta::sessions
