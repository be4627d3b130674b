#include "sessions/resume_plan.h"

#include "util/clock.h"

namespace ta::sessions {

namespace {

// The newest session that verifies, searching back from the latest capture
// and stopping at a tombstone: resuming past a discard would bring back the
// context the user threw away.
std::optional<std::pair<const SessionRecord*, bool>> newest_verified(
    const std::vector<SessionRecord>& sessions, const SessionVerifier& verifies) {
  bool latest = true;
  for (auto it = sessions.rbegin(); it != sessions.rend(); ++it) {
    if (it->discarded) break;
    if (verifies(*it)) return std::make_pair(&*it, latest);
    latest = false;
  }
  return std::nullopt;
}

const SessionRecord* latest_session(const std::vector<SessionRecord>& sessions) {
  if (sessions.empty() || sessions.back().discarded) return nullptr;
  return &sessions.back();
}

AgentPlan plan_agent(const AgentHistory& a, bool allow_fresh, const SessionVerifier& verifies) {
  AgentPlan p;
  p.agent_id = a.agent_id;
  p.first_interaction_at = a.first_interaction_at;
  if (auto found = newest_verified(a.sessions, verifies)) {
    p.decision = ResumeDecision::resume;
    p.reason = found->second ? "session_verified" : "earlier_session_verified";
    p.session_id = found->first->session_id;
    return p;
  }
  const SessionRecord* latest = latest_session(a.sessions);
  if (latest) p.session_id = latest->session_id;
  if (!a.received_leader_message) {
    p.decision = ResumeDecision::fresh_start;
    p.reason = "never_interacted";
  } else if (allow_fresh) {
    p.decision = ResumeDecision::fresh_start;
    p.reason = "allowed_fresh";
  } else {
    p.decision = ResumeDecision::refuse;
    p.reason = latest ? "session_unverified" : "no_session";
  }
  return p;
}

}  // namespace

const char* decision_name(ResumeDecision d) {
  switch (d) {
    case ResumeDecision::resume: return "resume";
    case ResumeDecision::fresh_start: return "fresh_start";
    case ResumeDecision::refuse: return "refuse";
  }
  return "unknown";
}

bool ResumePlan::refused() const { return !invalid_first_interaction.empty() || !refusals().empty(); }

std::vector<const AgentPlan*> ResumePlan::refusals() const {
  std::vector<const AgentPlan*> out;
  for (const auto& a : agents)
    if (a.decision == ResumeDecision::refuse) out.push_back(&a);
  return out;
}

ResumePlan plan_resume(const std::vector<AgentHistory>& agents, bool allow_fresh,
                       const SessionVerifier& verifies) {
  ResumePlan plan;
  // Every record is checked before any decision: a restart refused for one
  // unreadable record must not have judged (or started) anything.
  for (const auto& a : agents)
    if (!a.paused && a.first_interaction_recorded && !parse_rfc3339(a.first_interaction_at))
      plan.invalid_first_interaction.push_back(a.agent_id);
  if (!plan.invalid_first_interaction.empty()) return plan;
  for (const auto& a : agents)
    if (!a.paused) plan.agents.push_back(plan_agent(a, allow_fresh, verifies));
  return plan;
}

std::string refusal_sentence(const AgentPlan& p) {
  std::string why = p.reason == "no_session"
                        ? "no session of it was ever recorded"
                        : "its session " + p.session_id + " can no longer be resumed";
  std::string since = p.first_interaction_at.empty()
                          ? ""
                          : " (working since " + p.first_interaction_at + ")";
  return "agent " + p.agent_id + since + " would lose its context: " + why +
         "; use --allow-fresh only if losing that worker's context is acceptable";
}

}  // namespace ta::sessions
