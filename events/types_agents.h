#pragma once
// Payloads of the per-agent lifecycle events: a CLI asks the running
// supervisor to stop, start, restart, reset, remove or add one agent by
// appending a request; the supervisor acts and appends the outcome, which
// the CLI waits for by request_id. Part of events/types.h.
#include <string>

#include "events/event_type.h"

namespace ta::events {

// agents -------------------------------------------------------------------
struct AgentStopRequested {
  TA_EVENT(AgentStopRequested, "agent.stop_requested", 1)
  std::string request_id;
  std::string agent_id;
};
struct AgentStartRequested {
  TA_EVENT(AgentStartRequested, "agent.start_requested", 1)
  std::string request_id;
  std::string agent_id;
  bool allow_fresh = false;
};
struct AgentRestartRequested {
  TA_EVENT(AgentRestartRequested, "agent.restart_requested", 1)
  std::string request_id;
  std::string agent_id;
  bool allow_fresh = false;
};
struct AgentResetRequested {
  TA_EVENT(AgentResetRequested, "agent.reset_requested", 1)
  std::string request_id;
  std::string agent_id;
  bool discard_session = false;
};
struct AgentRemoveRequested {
  TA_EVENT(AgentRemoveRequested, "agent.remove_requested", 1)
  std::string request_id;
  std::string agent_id;
  bool force = false;
};
struct AgentAddRequested {
  TA_EVENT(AgentAddRequested, "agent.add_requested", 1)
  std::string request_id;
  std::string agent_id;
  std::string provider;
  std::string role;
  std::string model;
};
// What the supervisor did about one request.
struct AgentRequestCompleted {
  TA_EVENT(AgentRequestCompleted, "agent.request_completed", 1)
  std::string request_id;
  std::string verb;  // stop | start | restart | reset | remove | add
  std::string agent_id;
  bool ok = false;
  std::string reason;      // a word (done, already_running, refused, …)
  std::string mode;        // resumed | fresh | "" (nothing started)
  std::string session_id;  // the session it started in, when known
  std::string message = {};  // one sentence for people
};

TA_EVENT_JSON(AgentStopRequested, request_id, agent_id)
TA_EVENT_JSON(AgentStartRequested, request_id, agent_id, allow_fresh)
TA_EVENT_JSON(AgentRestartRequested, request_id, agent_id, allow_fresh)
TA_EVENT_JSON(AgentResetRequested, request_id, agent_id, discard_session)
TA_EVENT_JSON(AgentRemoveRequested, request_id, agent_id, force)
TA_EVENT_JSON(AgentAddRequested, request_id, agent_id, provider, role, model)
TA_EVENT_JSON(AgentRequestCompleted, request_id, verb, agent_id, ok, reason, mode, session_id,
              message)

}  // namespace ta::events
