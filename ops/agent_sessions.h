#pragma once
// Each member's sessions as the log recorded them, brought to what a
// restart decides on (sessions::plan_resume) and what `status` shows:
// whether the session recorded now still holds the agent's context in its
// CLI's own files.
#include <set>
#include <string>
#include <vector>

#include "sessions/resume_plan.h"
#include "store/agent_sessions.h"

namespace ta::ops {

// Whether a recorded session still holds its context for `cwd`: Claude's
// transcript shows that cwd and a person's message; Codex's rollout is
// still the session of that id, started in that cwd.
bool session_verifies(const sessions::SessionRecord& session, const std::string& cwd);

// The members' histories (in the order given), for plan_resume. The leader
// counts as having interacted once a session of it was ever captured (a
// person typed into it); a worker once the leader reached it.
std::vector<sessions::AgentHistory> agent_histories(const std::vector<std::string>& members,
                                                    const store::SessionHistory& history,
                                                    const std::set<std::string>& paused = {});

// A verifier for plan_resume over the workspace's cwd.
sessions::SessionVerifier verifier_for(const std::string& cwd);

// The first 8 characters of a session id (what `status` shows).
std::string short_session_id(const std::string& id);

}  // namespace ta::ops
