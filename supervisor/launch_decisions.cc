#include "supervisor/launch_decisions.h"

#include "events/types.h"
#include "ops/agent_sessions.h"

namespace ta::supervisor {

namespace {

// A first start (no member to launch has ever had a session or been
// reached) decides nothing worth recording: everyone starts fresh.
bool has_history(const std::vector<sessions::AgentHistory>& agents) {
  for (const auto& a : agents)
    if (!a.sessions.empty() || a.first_interaction_recorded) return true;
  return false;
}

std::string invalid_sentence(const sessions::AgentHistory& a) {
  return "agent " + a.agent_id + ": its recorded first interaction (\"" + a.first_interaction_at +
         "\") cannot be read, so whether it has context to lose is unknown; nothing was "
         "started: check the log with 'team-agent replay --verify'";
}

void refuse(const sessions::ResumePlan& plan, const std::vector<sessions::AgentHistory>& agents,
            LaunchDecisions& out) {
  out.refused = true;
  events::RestartAtomicRefusal refusal;
  refusal.invalid_first_interaction = plan.invalid_first_interaction;
  for (const auto& a : agents)
    for (const auto& id : plan.invalid_first_interaction)
      if (a.agent_id == id) {
        out.events.push_back(events::to_draft(
          events::RestartFirstInteractionInvalid{a.agent_id, a.first_interaction_at}));
        out.sentences.push_back(invalid_sentence(a));
      }
  for (const auto* p : plan.refusals()) {
    refusal.agents.push_back({p->agent_id, p->reason, p->session_id, p->first_interaction_at});
    out.sentences.push_back(sessions::refusal_sentence(*p));
  }
  out.events.push_back(events::to_draft(refusal));
}

}  // namespace

LaunchDecisions decide_launches(const LaunchDecisionInputs& in) {
  LaunchDecisions out;
  auto agents = ops::agent_histories(in.to_launch, in.history);
  if (!has_history(agents)) return out;
  auto plan = sessions::plan_resume(agents, in.allow_fresh, ops::verifier_for(in.cwd));
  for (const auto& p : plan.agents)
    out.events.push_back(events::to_draft(events::RestartResumeDecision{
      p.agent_id, sessions::decision_name(p.decision), p.reason, p.session_id,
      p.first_interaction_at}));
  if (plan.refused()) {
    refuse(plan, agents, out);
    return out;
  }
  for (const auto& p : plan.agents)
    if (p.decision == sessions::ResumeDecision::resume)
      out.choices[p.agent_id] = config::SessionChoice{true, p.session_id};
  return out;
}

}  // namespace ta::supervisor
