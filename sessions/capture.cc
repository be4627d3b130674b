#include "sessions/capture.h"

#include "sessions/claude_transcript.h"

namespace ta::sessions {

CaptureResult SessionCapturer::capture(const CaptureRequest& request) {
  return request.format == SessionFormat::claude ? capture_claude(request) : capture_codex(request);
}

CaptureResult SessionCapturer::capture_claude(const CaptureRequest& r) const {
  CaptureResult out;
  auto check = find_claude_transcript(roots_.claude_config_dir, r.cwd, r.claude_session_id);
  out.path = check.path;
  switch (check.verdict) {
    case TranscriptVerdict::verified:
      out.captured = true;
      out.session_id = r.claude_session_id;
      out.via = "session_id";
      out.confidence = "high";
      break;
    case TranscriptVerdict::missing: out.reason = "transcript_missing"; break;
    case TranscriptVerdict::blank: out.reason = "blank_session"; break;
    case TranscriptVerdict::cwd_mismatch: out.reason = "cwd_mismatch"; break;
    case TranscriptVerdict::unreadable: out.reason = "unreadable"; break;
  }
  return out;
}

CaptureResult SessionCapturer::capture_codex(const CaptureRequest& r) {
  CaptureResult out;
  rollouts_.refresh();
  auto match = match_rollout(rollouts_.rollouts(),
                             RolloutQuery{r.cwd, r.spawned_us, r.now_us, r.held_ids});
  if (!match) {
    out.reason = "no_matching_rollout";
    return out;
  }
  out.captured = true;
  out.session_id = match->meta.id;
  out.path = match->meta.path;
  out.via = "rollout_scan";
  out.confidence = match->confidence;
  return out;
}

}  // namespace ta::sessions
