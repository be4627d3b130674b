#pragma once
// Payloads of the session-continuity events: which CLI session holds each
// agent's context, and what a restart decided about it. Part of
// events/types.h, which includes this file.
#include <string>
#include <vector>

#include "events/event_type.h"

namespace ta::events {

// sessions -----------------------------------------------------------------
// Appended before the pane's program starts, so the id a Claude pane was
// given is durable even if the supervisor dies right after the launch.
struct SessionLaunched {
  TA_EVENT(SessionLaunched, "session.launched", 1)
  std::string agent_id;
  std::string provider;
  std::string format;      // claude | codex | "" (the CLI keeps no session we know)
  std::string session_id;  // claude: the id it was given; codex fresh: "" (found later)
  std::string mode;        // fresh | resumed
  std::string run_id;
  std::string cwd;   // the pane's working directory, resolved
  std::string root;  // where the CLI keeps sessions: Claude's config dir, Codex's home
};
struct SessionCaptured {
  TA_EVENT(SessionCaptured, "session.captured", 1)
  std::string agent_id;
  std::string provider;
  std::string format;  // claude | codex
  std::string session_id;
  std::string path;
  std::string via;         // session_id | rollout_scan | resumed
  std::string confidence;  // high | medium
};
struct SessionCaptureMissing {
  TA_EVENT(SessionCaptureMissing, "session.capture_missing", 1)
  std::string agent_id;
  std::string provider;
  std::string session_id;
  std::string reason;
};
struct SessionDiscarded {
  TA_EVENT(SessionDiscarded, "session.discarded", 1)
  std::string agent_id;
  std::string session_id;
  std::string reason;
};

// restart ------------------------------------------------------------------
struct RestartFirstInteractionInvalid {
  TA_EVENT(RestartFirstInteractionInvalid, "restart.first_interaction_invalid", 1)
  std::string agent_id;
  std::string recorded;  // the value that could not be read
};
struct RestartResumeDecision {
  TA_EVENT(RestartResumeDecision, "restart.resume_decision", 1)
  std::string agent_id;
  std::string decision;  // resume | fresh_start | refuse
  std::string reason;
  std::string session_id;
  std::string first_interaction_at;
};
struct RestartRefusedAgent {
  std::string agent_id;
  std::string reason;
  std::string session_id;
  std::string first_interaction_at;
};
struct RestartAtomicRefusal {
  TA_EVENT(RestartAtomicRefusal, "restart.atomic_refusal", 1)
  std::vector<RestartRefusedAgent> agents;
  std::vector<std::string> invalid_first_interaction;
};
struct RestartFellBackFresh {
  TA_EVENT(RestartFellBackFresh, "restart.fell_back_fresh", 1)
  std::string agent_id;
  std::string session_id;  // the session that could not be resumed
  std::string reason;
};
struct RestartRollback {
  TA_EVENT(RestartRollback, "restart.rollback", 1)
  std::string run_id;    // whose session.launched events never started
  std::string agent_id;  // whose start failed
  std::string reason;
  std::vector<std::string> panes_removed;
};
struct RestartedAgent {
  std::string agent_id;
  std::string mode;  // resumed | fresh
  std::string session_id;
};
struct RestartComplete {
  TA_EVENT(RestartComplete, "restart.complete", 1)
  std::vector<RestartedAgent> agents;
};

TA_EVENT_JSON(SessionLaunched, agent_id, provider, format, session_id, mode, run_id, cwd, root)
TA_EVENT_JSON(SessionCaptured, agent_id, provider, format, session_id, path, via, confidence)
TA_EVENT_JSON(SessionCaptureMissing, agent_id, provider, session_id, reason)
TA_EVENT_JSON(SessionDiscarded, agent_id, session_id, reason)
TA_EVENT_JSON(RestartFirstInteractionInvalid, agent_id, recorded)
TA_EVENT_JSON(RestartResumeDecision, agent_id, decision, reason, session_id, first_interaction_at)
TA_EVENT_JSON(RestartRefusedAgent, agent_id, reason, session_id, first_interaction_at)
TA_EVENT_JSON(RestartAtomicRefusal, agents, invalid_first_interaction)
TA_EVENT_JSON(RestartFellBackFresh, agent_id, session_id, reason)
TA_EVENT_JSON(RestartRollback, run_id, agent_id, reason, panes_removed)
TA_EVENT_JSON(RestartedAgent, agent_id, mode, session_id)
TA_EVENT_JSON(RestartComplete, agents)

}  // namespace ta::events
