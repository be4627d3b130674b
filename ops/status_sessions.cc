#include "ops/status_sessions.h"

#include <map>
#include <memory>
#include <optional>

#include "ops/agent_sessions.h"

namespace ta::ops {

namespace {

// The record of the session the agent has now: its latest capture with that
// id (not searched past a tombstone), else the current row itself when it
// names a file. A session only launched has no file to check yet.
std::optional<sessions::SessionRecord> current_record(const sessions::AgentHistory& h,
                                                      const store::AgentSessionRow& now) {
  if (now.session_id.empty()) return std::nullopt;
  for (auto it = h.sessions.rbegin(); it != h.sessions.rend(); ++it) {
    if (it->discarded) break;
    if (it->session_id == now.session_id) return *it;
  }
  if (now.path.empty() || now.format.empty()) return std::nullopt;
  return sessions::SessionRecord{now.session_id, now.path, now.provider, now.format, false};
}

void add_decision(const sessions::AgentHistory& h, const sessions::SessionVerifier& verifies,
                  store::AgentSessionStatus& s) {
  auto plan = sessions::plan_resume({h}, /*allow_fresh=*/false, verifies);
  if (!plan.invalid_first_interaction.empty()) {
    s.resume = resume_word(sessions::ResumeDecision::refuse);
    s.resume_reason = "first_interaction_invalid";
    return;
  }
  if (plan.agents.empty()) return;  // paused: a restart leaves it alone
  const auto& p = plan.agents.front();
  s.resume = resume_word(p.decision);
  s.resume_reason = p.reason;
  s.resume_session_id = p.session_id;
}

}  // namespace

std::string resume_word(sessions::ResumeDecision d) {
  switch (d) {
    case sessions::ResumeDecision::resume: return "resume";
    case sessions::ResumeDecision::fresh_start: return "fresh";
    case sessions::ResumeDecision::refuse: return "refuse";
  }
  return "unknown";
}

store::AgentSessionStatus session_status(const std::string& agent_id,
                                         const store::SessionHistory& history,
                                         const sessions::SessionVerifier& verifies) {
  store::AgentSessionStatus s;
  auto h = agent_histories({agent_id}, history).front();
  if (auto it = history.current.find(agent_id); it != history.current.end()) {
    const auto& now = it->second;
    s.session_id = now.session_id;
    s.short_id = short_session_id(now.session_id);
    s.state = now.state;
    s.path = now.path;
    if (auto record = current_record(h, now)) {
      s.verified = verifies(*record);
      if (s.path.empty()) s.path = record->path;
    }
  }
  add_decision(h, verifies, s);
  return s;
}

sessions::SessionVerifier once_per_file(sessions::SessionVerifier verifies) {
  auto seen = std::make_shared<std::map<std::string, bool>>();
  return [verifies = std::move(verifies), seen](const sessions::SessionRecord& r) {
    std::string key = r.format + '\n' + r.session_id + '\n' + r.path;
    auto it = seen->find(key);
    if (it == seen->end()) it = seen->emplace(key, verifies(r)).first;
    return it->second;
  };
}

Status add_session_status(store::Database& db, store::StatusData& data, const std::string& cwd) {
  auto history = store::load_session_history(db);
  if (!history) return history.error();
  auto verifies = once_per_file(verifier_for(cwd));
  for (auto& a : data.agents) a.session = session_status(a.agent_id, *history, verifies);
  return ok_status();
}

}  // namespace ta::ops
