#pragma once
// Typed payloads of the events the product appends. Each struct names its
// event type and schema version; its fields are the event's `data`. An empty
// string means "not set". Bump kVersion (and add an upcast step in
// upcast.cc) whenever a field changes meaning or is removed.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "events/event.h"
#include "events/event_type.h"
#include "events/types_agents.h"
#include "events/types_sessions.h"
#include "events/types_health.h"
#include "events/types_mcp.h"
#include "events/types_team.h"
#include "events/types_trust.h"
#include "util/result.h"

namespace ta::events {

// log/store ---------------------------------------------------------------
struct LogRecovered {
  TA_EVENT(LogRecovered, "log.recovered", 1)
  std::string segment;      // file name of the segment that had a torn tail
  std::uint64_t offset = 0; // where the segment was cut
  std::uint64_t bytes = 0;  // how many bytes were cut
  std::string quarantine;   // path (relative to the events dir) of the cut bytes
  // Seqs lost with the log's tail that something outside the log had seen
  // (the projections): never given to other events, so this event's seq
  // follows lost_to. 0: none.
  std::uint64_t lost_from = 0;
  std::uint64_t lost_to = 0;
};
struct ProjectionRebuilt {
  TA_EVENT(ProjectionRebuilt, "projection.rebuilt", 1)
  std::string reason;
  int from_fold_version = 0;
  int to_fold_version = 0;
  std::uint64_t last_seq = 0;
};

// supervisor --------------------------------------------------------------
struct SupervisorStarted {
  TA_EVENT(SupervisorStarted, "supervisor.started", 1)
  std::string run_id;
  std::int64_t pid = 0;
  std::string version;
};
struct SupervisorStopping {
  TA_EVENT(SupervisorStopping, "supervisor.stopping", 1)
  std::string run_id;
  std::string reason;
};
struct SupervisorStopped {
  TA_EVENT(SupervisorStopped, "supervisor.stopped", 1)
  std::string run_id;
  std::string reason;
  int exit_code = 0;
};
// `team-agent shutdown` asks the running supervisor to stop through the log:
// the supervisor sees it on its event bus and stops gracefully (reason
// "shutdown", exit 0). Only a request appended after the supervisor's own
// supervisor.started counts, so one left from before never stops a later run.
struct SupervisorShutdownRequested {
  TA_EVENT(SupervisorShutdownRequested, "supervisor.shutdown_requested", 1)
  std::string request_id;
  bool kill_panes = false;  // the panes are killed once the supervisor has stopped
  std::int64_t requested_by_pid = 0;
};
// A child actor crashed and was started again after `backoff_ms`.
struct ActorRestarted {
  TA_EVENT(ActorRestarted, "actor.restarted", 1)
  std::string actor;   // e.g. "pane_actor:backend"
  std::string reason;  // the crash, as CAF reported it
  int restarts = 0;    // within the current intensity window, this one included
  std::int64_t backoff_ms = 0;
};
// A child actor crashed more often than the restart intensity allows; the run stops.
struct ActorGaveUp {
  TA_EVENT(ActorGaveUp, "actor.gave_up", 1)
  std::string actor;
  std::string reason;
  int restarts = 0;
  int window_s = 0;
};

// panes -------------------------------------------------------------------
struct PaneStarted {
  TA_EVENT(PaneStarted, "pane.started", 1)
  std::string agent_id;
  std::string pane_id;
  std::string provider;
  std::int64_t pid = 0;
  bool adopted = false;  // the pane was already running when the supervisor started
  int restarts = 0;      // how often the restart policy started this agent again this run
  std::string provider_version;  // what the CLI's --version said, e.g. "2.1.332"; empty: unknown
  // The pid's start time (/proc/<pid>/stat field 22) when the pane started;
  // 0: unknown. With the pid it tells the agent's process from a reused pid.
  std::int64_t start_ticks = 0;
  // The pane host whose tmux server holds the pane (docs/scale-out.md);
  // empty: the supervisor's own.
  std::string host = {};
};
// The pane actor's state machine moved (actors/pane_state.h).
struct PaneStateChanged {
  TA_EVENT(PaneStateChanged, "pane.state_changed", 1)
  std::string agent_id;
  std::string from;
  std::string to;
  std::string screen = {};  // what the last screen read showed (idle, working, trust_prompt, …)
};
struct PaneExited {
  TA_EVENT(PaneExited, "pane.exited", 1)
  std::string agent_id;
  std::string pane_id;
  int code = 0;
  bool during_start = false;  // before the pane was ever ready
  std::string cause = {};        // a recognised start failure (terminal/start_failure.h); empty: none
  std::string advice = {};       // one sentence: what to do about `cause`
  std::string screen_tail = {};  // the last lines the program left, redacted
};
// The pane's program exited while starting for a cause a stale process of
// this workspace explains; those processes were ended and the pane started
// once more.
struct PaneStartRetried {
  TA_EVENT(PaneStartRetried, "pane.start_retried", 1)
  std::string agent_id;
  std::string pane_id;
  std::string cause;
  std::vector<int> ended = {};  // pids ended first
};
// A process started inside an agent's pane outlived it (or left its
// process tree): found by the team's marker in its environment.
struct PaneProcessEscaped {
  TA_EVENT(PaneProcessEscaped, "pane.process_escaped", 1)
  std::string agent_id;
  int pid = 0;
  std::string command;
  std::string found_at = {};  // pane_exit | shutdown | start
};
// A leftover process of the team was ended.
struct ShutdownProcessEnded {
  TA_EVENT(ShutdownProcessEnded, "shutdown.process_ended", 1)
  int pid = 0;
  std::string signal;  // SIGTERM | SIGKILL | "" (gone before a signal)
  std::string agent_id = {};
  std::string command = {};
  std::string reason = {};  // shutdown | stale_at_start
};
// A leftover process of the team was left running because processes
// outside the team are connected to it.
struct ShutdownProcessKept {
  TA_EVENT(ShutdownProcessKept, "shutdown.process_kept", 1)
  int pid = 0;
  std::string agent_id = {};
  std::string command = {};
  std::string reason = {};  // serves_outsiders
  std::vector<int> outsiders = {};
};

// messages ----------------------------------------------------------------
struct MessageAccepted {
  TA_EVENT(MessageAccepted, "message.accepted", 1)
  std::string message_id;  // msg_ + 12 hex; also the idempotency key
  std::string from;
  std::string to;
  std::string task_id;
  std::string content;
  bool now = false;        // deliver even when the recipient is busy
  std::string batch_id = {};  // groups the messages of one fan-out send
  // Set when the message is the leader's notification of a result: one per
  // (result_id, leader_session); the message id is derived from the pair,
  // so the log's idempotency key claims it atomically.
  std::string result_id = {};
  std::string leader_session = {};
};
struct SendDeliverAttempt {
  TA_EVENT(SendDeliverAttempt, "send.deliver_attempt", 1)
  std::string message_id;
  std::string to;
  int attempt = 1;
};
struct SendDeferredBusy {
  TA_EVENT(SendDeferredBusy, "send.deferred_busy", 1)
  std::string message_id;
  std::string to;
  std::string state;  // what the pane showed
};
// The recipient's CLI is still starting (no steady composer yet): the
// message waits. Once per message.
struct SendDeferredStarting {
  TA_EVENT(SendDeferredStarting, "send.deferred_starting", 1)
  std::string message_id;
  std::string to;
  std::string screen;  // what the pane showed
};
struct SendSubmitted {
  TA_EVENT(SendSubmitted, "send.submitted", 1)
  std::string message_id;
  std::string to;
  int attempt = 1;
  std::string verified_by;  // token | fragment | placeholder
  int enter_presses = 1;
};
struct SendFailed {
  TA_EVENT(SendFailed, "send.failed", 1)
  std::string message_id;
  std::string to;
  std::string reason;
  std::string stage;
  std::string detected;
  std::string pane_mode;
  std::string pane_capture_tail;
  int attempt = 1;
};
struct MessageAcknowledged {
  TA_EVENT(MessageAcknowledged, "message.acknowledged", 1)
  std::string message_id;
  std::string result_id;
};
struct WorkerFirstInteraction {
  TA_EVENT(WorkerFirstInteraction, "worker.first_interaction", 1)
  std::string worker_id;
  std::string first_send_at;
  std::string message_id;
};

// timers ------------------------------------------------------------------
struct ScheduleCreated {
  TA_EVENT(ScheduleCreated, "schedule.created", 1)
  std::string schedule_id;
  std::string kind;
  std::string owner;
  std::string due_at;
  Json payload = Json::object();
};
struct ScheduleFired {
  TA_EVENT(ScheduleFired, "schedule.fired", 1)
  std::string schedule_id;
};
struct ScheduleCancelled {
  TA_EVENT(ScheduleCancelled, "schedule.cancelled", 1)
  std::string schedule_id;
  std::string reason;
};

// results and the leader ----------------------------------------------------
struct ResultReported {
  TA_EVENT(ResultReported, "result.reported", 1)
  std::string result_id;
  std::string task_id;
  std::string agent_id;
  std::string status;  // success | blocked | failed | partial
  std::string summary;
  // Optional, from the envelope of `report --file`; the initialisers let
  // {id, task, agent, status, summary} stay a complete, warning-free aggregate.
  std::string details = {};             // longer free text; empty: none
  std::vector<std::string> files = {};  // paths the worker names as its output; empty: none
};
struct LeaderApiError {
  TA_EVENT(LeaderApiError, "leader.api_error", 1)
  std::string error_class;
  std::string provider;
  std::string matched_pattern_snippet;
  bool partial_response_streamed = false;
  bool worker_dispatch_just_before = false;
};
// A notice the leader's CLI printed about its own housekeeping (e.g. Claude's
// "Remote managed settings failed to load (network error)"): not a failed
// request, so never a leader.api_error; recorded once per leader session.
struct LeaderNotice {
  TA_EVENT(LeaderNotice, "leader.notice", 1)
  std::string provider;
  std::string text;
};

// the leader pane ---------------------------------------------------------------
struct LeaderReceiverSubmitted {
  TA_EVENT(LeaderReceiverSubmitted, "leader_receiver.submitted", 1)
  std::string message_id;
  std::string result_id;  // set for a result notification
  std::string leader_session;
};
struct LeaderReceiverDeliveryFailed {
  TA_EVENT(LeaderReceiverDeliveryFailed, "leader_receiver.delivery_failed", 1)
  std::string message_id;
  std::string result_id;
  std::string leader_session;
  std::string reason;
  std::string fallback_path;  // where the text went instead (.team/leader-inbox.log)
};
struct LeaderNotificationDedupeSkip {
  TA_EVENT(LeaderNotificationDedupeSkip, "leader_notification.dedupe_skip", 1)
  std::string result_id;
  std::string leader_session;
  std::string message_id;  // the notification that already exists
};

TA_EVENT_JSON(LogRecovered, segment, offset, bytes, quarantine, lost_from, lost_to)
TA_EVENT_JSON(ProjectionRebuilt, reason, from_fold_version, to_fold_version, last_seq)
TA_EVENT_JSON(SupervisorStarted, run_id, pid, version)
TA_EVENT_JSON(SupervisorStopping, run_id, reason)
TA_EVENT_JSON(SupervisorStopped, run_id, reason, exit_code)
TA_EVENT_JSON(SupervisorShutdownRequested, request_id, kill_panes, requested_by_pid)
TA_EVENT_JSON(ActorRestarted, actor, reason, restarts, backoff_ms)
TA_EVENT_JSON(ActorGaveUp, actor, reason, restarts, window_s)
TA_EVENT_JSON(PaneStarted, agent_id, pane_id, provider, pid, adopted, restarts, provider_version,
              start_ticks, host)
TA_EVENT_JSON(PaneStateChanged, agent_id, from, to, screen)
TA_EVENT_JSON(PaneExited, agent_id, pane_id, code, during_start, cause, advice, screen_tail)
TA_EVENT_JSON(PaneStartRetried, agent_id, pane_id, cause, ended)
TA_EVENT_JSON(PaneProcessEscaped, agent_id, pid, command, found_at)
TA_EVENT_JSON(ShutdownProcessEnded, pid, signal, agent_id, command, reason)
TA_EVENT_JSON(ShutdownProcessKept, pid, agent_id, command, reason, outsiders)
TA_EVENT_JSON(MessageAccepted, message_id, from, to, task_id, content, now, batch_id, result_id,
              leader_session)
TA_EVENT_JSON(SendDeliverAttempt, message_id, to, attempt)
TA_EVENT_JSON(SendDeferredBusy, message_id, to, state)
TA_EVENT_JSON(SendDeferredStarting, message_id, to, screen)
TA_EVENT_JSON(SendSubmitted, message_id, to, attempt, verified_by, enter_presses)
TA_EVENT_JSON(SendFailed, message_id, to, reason, stage, detected, pane_mode, pane_capture_tail,
              attempt)
TA_EVENT_JSON(MessageAcknowledged, message_id, result_id)
TA_EVENT_JSON(WorkerFirstInteraction, worker_id, first_send_at, message_id)
TA_EVENT_JSON(ScheduleCreated, schedule_id, kind, owner, due_at, payload)
TA_EVENT_JSON(ScheduleFired, schedule_id)
TA_EVENT_JSON(ScheduleCancelled, schedule_id, reason)
TA_EVENT_JSON(ResultReported, result_id, task_id, agent_id, status, summary, details, files)
TA_EVENT_JSON(LeaderApiError, error_class, provider, matched_pattern_snippet,
              partial_response_streamed, worker_dispatch_just_before)
TA_EVENT_JSON(LeaderNotice, provider, text)
TA_EVENT_JSON(LeaderReceiverSubmitted, message_id, result_id, leader_session)
TA_EVENT_JSON(LeaderReceiverDeliveryFailed, message_id, result_id, leader_session, reason,
              fallback_path)
TA_EVENT_JSON(LeaderNotificationDedupeSkip, result_id, leader_session, message_id)

template <class T>
Draft to_draft(const T& payload, std::string key = {}) {
  return Draft{std::string(T::kType), T::kVersion, Json(payload), std::move(key), {}};
}

// Reads an event's data as T. The event must already be upcast to T::kVersion.
template <class T>
Result<T> decode(const Event& e) {
  if (e.type != T::kType)
    return make_error("expected a " + std::string(T::kType) + " event, got " + e.type);
  if (e.v != T::kVersion)
    return make_error(e.type + " has version " + std::to_string(e.v) + ", this binary reads " +
                      std::to_string(T::kVersion));
  try {
    return e.data.get<T>();
  } catch (const Json::exception& ex) {
    return make_error("event " + std::to_string(e.seq) + " (" + e.type + ") has bad data: " +
                      ex.what());
  }
}

// One row of the event catalogue: name, current version, data fields.
struct EventSpec {
  std::string type;
  int version;
  std::vector<std::string> fields;
};
const std::vector<EventSpec>& event_catalogue();
const EventSpec* find_event_spec(std::string_view type);

}  // namespace ta::events
