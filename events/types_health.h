#pragma once
// Payloads of the team-health events: each agent's turn state read from its
// CLI's own session file (or its screen), the leader's idle take-over
// reminder, stuck and faulted agents, approvals waiting on a person, and a
// turn cancelled on request. Part of events/types.h.
#include <string>
#include <vector>

#include "events/event_type.h"

namespace ta::events {

// health ---------------------------------------------------------------------
struct AgentTurnStateChanged {
  TA_EVENT(AgentTurnStateChanged, "agent.turn_state_changed", 1)
  std::string agent_id;
  std::string from;
  std::string to;      // working | idle | idle_interrupted | blocked_on_human | abnormal | unknown
  std::string reason;  // end_turn, open_turn, user_interrupt, crashed_mid_turn, screen_idle, …
  std::string turn_id;
  std::string source;  // session_file | process_guard | screen
};
struct IdleEpisodeStarted {
  TA_EVENT(IdleEpisodeStarted, "idle.episode_started", 1)
  std::vector<std::string> nodes;        // every node of the team, all idle now
  std::vector<std::string> interrupted;  // those whose last turn was interrupted
  bool armed = false;                    // a worker turn opened since the last acknowledgement
};
struct IdleReminderSent {
  TA_EVENT(IdleReminderSent, "idle.reminder_sent", 1)
  std::string message_id;  // the message to the leader
  int nodes = 0;
  int idle_minutes = 0;
  std::vector<std::string> interrupted;
};
struct IdleAcknowledged {
  TA_EVENT(IdleAcknowledged, "idle.acknowledged", 1)
  double for_s = 0;  // 0: until the next worker turn
  std::string by;    // who ran acknowledge-idle (an agent id, or "human")
};
// Why the idle reminder is (not) being sent, whenever that changes.
struct IdleWatchChanged {
  TA_EVENT(IdleWatchChanged, "idle.watch_changed", 1)
  std::string reason;
  bool armed = false;
  std::vector<std::string> blocking;  // the nodes that keep the team from counting as idle
};
struct AgentStuck {
  TA_EVENT(AgentStuck, "agent.stuck", 1)
  std::string agent_id;
  double quiet_s = 0;        // seconds without screen output or turn progress
  int pending_messages = 0;  // accepted for it, not delivered yet
  std::string turn_state;
  std::string message_id;    // the leader's message; empty when one was sent < 10 min ago
};
struct AgentUnstuck {
  TA_EVENT(AgentUnstuck, "agent.unstuck", 1)
  std::string agent_id;
  std::string why;  // output | turn_progress | no_work | cancelled | pane_gone
};
struct AgentFault {
  TA_EVENT(AgentFault, "agent.fault", 1)
  std::string agent_id;
  std::string signature;  // api_error, turn_failed, error_event, tool_result_is_error
  std::string turn_id;
  int api_error_status = 0;
  std::string error;       // the CLI's words, redacted
  std::string dedupe_key;  // (signature, turn) or a hash of the record
};
struct AgentBlockedOnHuman {
  TA_EVENT(AgentBlockedOnHuman, "agent.blocked_on_human", 1)
  std::string agent_id;
  std::string source;  // session_file | screen
  std::string reason;  // approval_required, or the screen that takes no input
};
struct TeamDeadlockSuspected {
  TA_EVENT(TeamDeadlockSuspected, "team.deadlock_suspected", 1)
  std::string agent_id;           // idle, with messages it never got
  int pending_messages = 0;
  std::string oldest_message_id;
  double waiting_s = 0;
};
struct AgentCancelRequested {
  TA_EVENT(AgentCancelRequested, "agent.cancel_requested", 1)
  std::string request_id;
  std::string agent_id;
};
struct AgentCancelled {
  TA_EVENT(AgentCancelled, "agent.cancelled", 1)
  std::string request_id;
  std::string agent_id;
  std::vector<std::string> keys;  // what was sent to the pane
  bool ok = false;
  std::string error;
};

// The supervisor's workspace was deleted or moved under it: it stops by
// itself rather than live on as an orphan (its agents keep running).
struct SupervisorOrphanSelfTerminate {
  TA_EVENT(SupervisorOrphanSelfTerminate, "supervisor.orphan_self_terminate", 1)
  std::string run_id;
  std::string why;
  std::string tmux_socket;  // where its agents still run
};

TA_EVENT_JSON(SupervisorOrphanSelfTerminate, run_id, why, tmux_socket)
TA_EVENT_JSON(AgentTurnStateChanged, agent_id, from, to, reason, turn_id, source)
TA_EVENT_JSON(IdleEpisodeStarted, nodes, interrupted, armed)
TA_EVENT_JSON(IdleReminderSent, message_id, nodes, idle_minutes, interrupted)
TA_EVENT_JSON(IdleAcknowledged, for_s, by)
TA_EVENT_JSON(IdleWatchChanged, reason, armed, blocking)
TA_EVENT_JSON(AgentStuck, agent_id, quiet_s, pending_messages, turn_state, message_id)
TA_EVENT_JSON(AgentUnstuck, agent_id, why)
TA_EVENT_JSON(AgentFault, agent_id, signature, turn_id, api_error_status, error, dedupe_key)
TA_EVENT_JSON(AgentBlockedOnHuman, agent_id, source, reason)
TA_EVENT_JSON(TeamDeadlockSuspected, agent_id, pending_messages, oldest_message_id, waiting_s)
TA_EVENT_JSON(AgentCancelRequested, request_id, agent_id)
TA_EVENT_JSON(AgentCancelled, request_id, agent_id, keys, ok, error)

}  // namespace ta::events
