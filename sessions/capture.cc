#include "sessions/capture.h"

#include "sessions/claude_transcript.h"

namespace ta::sessions {

CaptureResult SessionCapturer::capture(const CaptureRequest& request) {
  if (request.format == SessionFormat::claude) return capture_claude(request);
  return request.resumed_id.empty() ? capture_codex(request) : capture_codex_resumed(request);
}

CaptureResult SessionCapturer::capture_claude(const CaptureRequest& r) const {
  CaptureResult out;
  const bool resumed = !r.resumed_id.empty();
  const std::string& id = resumed ? r.resumed_id : r.claude_session_id;
  auto check = find_claude_transcript(roots_.claude_config_dir, r.cwd, id);
  out.path = check.path;
  switch (check.verdict) {
    case TranscriptVerdict::verified:
      out.captured = true;
      out.session_id = id;
      out.via = resumed ? "resumed" : "session_id";
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

// A resumed Codex session is its own rollout, found by id; it must be of
// the same directory, as a Claude transcript must.
CaptureResult SessionCapturer::capture_codex_resumed(const CaptureRequest& r) {
  CaptureResult out;
  auto meta = rollouts_.find_by_id(r.resumed_id);
  if (!meta) {
    out.reason = "rollout_missing";
    return out;
  }
  out.path = meta->path;
  const std::string want = resolved_path(r.cwd);
  if (meta->cwd != want && resolved_path(meta->cwd) != want) {
    out.reason = "cwd_mismatch";
    return out;
  }
  out.captured = true;
  out.session_id = meta->id;
  out.via = "resumed";
  out.confidence = rollout_confidence(*meta);
  return out;
}

}  // namespace ta::sessions
