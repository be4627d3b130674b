#pragma once
// Each agent's session as `status` shows it: the session the log recorded,
// whether its CLI's file still holds the context now (checked against the
// file, never taken from the log alone), and what a restart without
// --allow-fresh would decide for it.
#include <string>

#include "sessions/resume_plan.h"
#include "store/agent_sessions.h"
#include "store/db.h"
#include "store/queries.h"
#include "util/result.h"

namespace ta::ops {

// "resume", "fresh" or "refuse".
std::string resume_word(sessions::ResumeDecision d);

// The session status of `agent_id`: its current session, whether `verifies`
// accepts that session's file, and plan_resume's decision for this agent
// judged alone (a restart refuses as a whole when any worker refuses; the
// other agents still show their own decision). An agent the log knows no
// session of has no id and, unless the leader already reached it, "fresh".
store::AgentSessionStatus session_status(const std::string& agent_id,
                                         const store::SessionHistory& history,
                                         const sessions::SessionVerifier& verifies);

// A verifier that checks each distinct session file once: the current
// session and the plan's search back through earlier ones share files.
sessions::SessionVerifier once_per_file(sessions::SessionVerifier verifies);

// Fills in the session of every agent row of `data`, checking files for the
// workspace directory `cwd`. Tables that do not exist (an older state.db)
// mean no sessions recorded.
Status add_session_status(store::Database& db, store::StatusData& data, const std::string& cwd);

}  // namespace ta::ops
