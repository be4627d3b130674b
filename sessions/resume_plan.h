#pragma once
// Which agents a restart resumes, which start fresh, and when it must refuse:
// an agent's value is its context, so an agent that has already worked is
// never silently started without it. Pure: the caller says what the log
// recorded and how to verify a session file; nothing is started here.
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ta::sessions {

// One session recorded for an agent (session.captured), or a tombstone
// (session.discarded) that no earlier session may be resumed past.
struct SessionRecord {
  std::string session_id;
  std::string path;
  std::string provider;
  std::string format;  // claude | codex
  bool discarded = false;
};

struct AgentHistory {
  std::string agent_id;
  bool paused = false;  // stopped on purpose: not started, not judged
  // worker.first_interaction's timestamp as recorded; empty when none. A
  // record that cannot be read refuses the whole restart.
  std::string first_interaction_at;
  bool first_interaction_recorded = false;
  // Whether a leader message was ever submitted into this agent's pane.
  bool received_leader_message = false;
  std::vector<SessionRecord> sessions;  // in log order, oldest first
};

enum class ResumeDecision { resume, fresh_start, refuse };
const char* decision_name(ResumeDecision d);

struct AgentPlan {
  std::string agent_id;
  ResumeDecision decision = ResumeDecision::fresh_start;
  // session_verified, earlier_session_verified, never_interacted,
  // allowed_fresh, session_unverified, no_session
  std::string reason;
  std::string session_id;  // the session resumed, or the one that failed
  std::string first_interaction_at;
};

struct ResumePlan {
  std::vector<std::string> invalid_first_interaction;  // agent ids; non-empty: refuse all
  std::vector<AgentPlan> agents;                       // spec order, paused ones left out
  bool refused() const;
  std::vector<const AgentPlan*> refusals() const;
};

// True when `session` still holds the agent's context (its file exists and
// verifies for the agent's cwd).
using SessionVerifier = std::function<bool(const SessionRecord& session)>;

ResumePlan plan_resume(const std::vector<AgentHistory>& agents, bool allow_fresh,
                       const SessionVerifier& verifies);

// The sentence a refused agent gets on stderr.
std::string refusal_sentence(const AgentPlan& plan);

}  // namespace ta::sessions
