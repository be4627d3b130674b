#include "ops/agent_sessions.h"

#include "config/team_spec.h"
#include "sessions/claude_transcript.h"
#include "sessions/codex_rollout.h"
#include "sessions/session_files.h"

namespace ta::ops {

namespace {

bool codex_rollout_verifies(const sessions::SessionRecord& s, const std::string& cwd) {
  auto head = sessions::read_head_lines(s.path, 1, 64 * 1024);
  if (head.empty()) return false;
  auto meta = sessions::parse_session_meta(head.front());
  return meta && meta->id == s.session_id &&
         sessions::resolved_path(meta->cwd) == sessions::resolved_path(cwd);
}

}  // namespace

bool session_verifies(const sessions::SessionRecord& s, const std::string& cwd) {
  if (s.discarded || s.session_id.empty() || s.path.empty()) return false;
  if (s.format == "codex") return codex_rollout_verifies(s, cwd);
  if (s.format == "claude")
    return sessions::check_claude_transcript(s.path, sessions::resolved_path(cwd)).ok();
  return false;
}

std::vector<sessions::AgentHistory> agent_histories(const std::vector<std::string>& members,
                                                    const store::SessionHistory& history,
                                                    const std::set<std::string>& paused) {
  std::vector<sessions::AgentHistory> out;
  for (const auto& id : members) {
    sessions::AgentHistory h;
    h.agent_id = id;
    h.paused = paused.count(id) > 0;
    if (auto it = history.records.find(id); it != history.records.end())
      for (const auto& r : it->second)
        h.sessions.push_back({r.session_id, r.path, r.provider, r.format, r.kind == "discarded"});
    if (auto it = history.first_send_at.find(id); it != history.first_send_at.end()) {
      h.first_interaction_recorded = true;
      h.first_interaction_at = it->second;
    }
    bool ever_captured = false;
    for (const auto& s : h.sessions) ever_captured |= !s.discarded;
    h.received_leader_message =
      id == config::kLeaderId ? ever_captured : h.first_interaction_recorded;
    out.push_back(std::move(h));
  }
  return out;
}

sessions::SessionVerifier verifier_for(const std::string& cwd) {
  return [cwd](const sessions::SessionRecord& s) { return session_verifies(s, cwd); };
}

std::string short_session_id(const std::string& id) { return id.substr(0, 8); }

}  // namespace ta::ops
