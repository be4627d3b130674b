#pragma once
// What the supervisor actor asks of the process around it to carry out the
// per-agent verbs (stop, start, restart, reset, remove-agent, add-agent):
// closing one agent's pane, starting one in its session, and editing the
// team spec. Every hook blocks (tmux, disk), so the actor runs them on a
// BlockingWorker of its own, never on a CAF worker thread. They are
// implemented in supervisor/ with the run's tmux server.
#include <functional>
#include <optional>
#include <string>

#include "actors/pane_actor.h"
#include "config/team_spec_edit.h"
#include "util/result.h"

namespace ta::actors {

struct AgentStartOrder {
  std::string agent_id;
  bool allow_fresh = false;
  // reset: a session.discarded tombstone first, then a fresh start.
  bool discard_session = false;
  // add-agent: written to team.json first, and restored when the start fails.
  std::optional<config::NewWorker> add;
};

struct AgentStartOutcome {
  bool ok = false;
  std::string reason;   // refused | invalid | failed (when not ok)
  std::string message;  // one sentence
  std::string mode;     // resumed | fresh
  std::string session_id;
  PaneActorConfig pane;  // the pane actor to spawn (when ok)
};

struct AgentLifecycle {
  // Closes the agent's pane (kill-pane); its session's files stay.
  std::function<Status(const std::string& agent_id, const std::string& pane_id)> close_pane;
  // Starts the agent's pane in its session (as a restart would decide).
  std::function<AgentStartOutcome(const AgentStartOrder&)> start_agent;
  // Whether the agent could be started again now, decided as a start would
  // (its decisions recorded when refused), before its pane is closed: a
  // refused `restart AGENT` leaves the agent running. ok=false: refused.
  std::function<AgentStartOutcome(const AgentStartOrder&)> check_start;
  // Removes the worker from team.json (atomically).
  std::function<Status(const std::string& agent_id)> remove_worker;
};

}  // namespace ta::actors
