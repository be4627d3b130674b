#pragma once
// The statements of the fold (store/fold.cc). Each comment lists the bound
// parameters. Hot row changes come in pairs run by Fold::write: the common
// case first (UPDATE of an existing row, or INSERT of a new one), the other
// only when the first changed nothing. That is cheaper than an upsert's
// conflict path, and an event about a row the log has not introduced yet (a
// malformed log) still leaves a visible row.
namespace ta::store::sql {

// ?1 message_id ?2 from ?3 to ?4 task_id ?5 batch_id ?6 content ?7 bytes ?8 now ?9 seq ?10 ts
inline constexpr const char* kMessageAccept = R"sql(
INSERT INTO messages(message_id, from_agent, to_agent, task_id, batch_id, content, content_bytes,
                     deliver_now, state, accepted_seq, accepted_at, updated_seq, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'accepted', ?9, ?10, ?9, ?10)
ON CONFLICT(message_id) DO NOTHING)sql";
// Fills in a row that a send.* event created before its message.accepted.
inline constexpr const char* kMessageAcceptLate = R"sql(
UPDATE messages SET
  from_agent = ?2, to_agent = COALESCE(?3, to_agent), task_id = ?4, batch_id = ?5,
  content = ?6, content_bytes = ?7, deliver_now = ?8, accepted_seq = ?9, accepted_at = ?10
WHERE message_id = ?1 AND accepted_seq IS NULL)sql";

// ?1 message_id ?2 to ?3 attempt ?4 seq ?5 ts
inline constexpr const char* kMessageAttempt = R"sql(
UPDATE messages SET attempts = max(attempts, ?3), updated_seq = ?4, updated_at = ?5
WHERE message_id = ?1)sql";
inline constexpr const char* kMessageAttemptNew = R"sql(
INSERT INTO messages(message_id, to_agent, state, attempts, updated_seq, updated_at)
VALUES (?1, ?2, 'accepted', ?3, ?4, ?5)
ON CONFLICT(message_id) DO NOTHING)sql";

// ?1 message_id ?2 to ?3 pane state seen ?4 seq ?5 ts ?6 reason. Only a waiting message is
// deferred.
inline constexpr const char* kMessageDefer = R"sql(
UPDATE messages SET
  state = 'deferred', reason = ?6, detected = ?3, deferred_at = ?5,
  updated_seq = ?4, updated_at = ?5
WHERE message_id = ?1 AND state IN ('accepted', 'deferred'))sql";
inline constexpr const char* kMessageDeferNew = R"sql(
INSERT INTO messages(message_id, to_agent, state, reason, detected, deferred_at, updated_seq,
                     updated_at)
VALUES (?1, ?2, 'deferred', ?6, ?3, ?5, ?4, ?5)
ON CONFLICT(message_id) DO NOTHING)sql";

// ?1 message_id ?2 to ?3 attempt ?4 verified_by ?5 seq ?6 ts
inline constexpr const char* kMessageSubmit = R"sql(
UPDATE messages SET
  state = CASE WHEN state = 'acknowledged' THEN state ELSE 'submitted' END,
  reason = NULL, stage = NULL, detected = NULL, pane_mode = NULL,
  attempts = max(attempts, ?3), verified_by = ?4, submitted_at = ?6,
  updated_seq = ?5, updated_at = ?6
WHERE message_id = ?1)sql";
inline constexpr const char* kMessageSubmitNew = R"sql(
INSERT INTO messages(message_id, to_agent, state, attempts, verified_by, submitted_at,
                     updated_seq, updated_at)
VALUES (?1, ?2, 'submitted', ?3, ?4, ?6, ?5, ?6)
ON CONFLICT(message_id) DO NOTHING)sql";

// ?1 message_id ?2 to ?3 attempt ?4 reason ?5 stage ?6 detected ?7 pane_mode ?8 seq ?9 ts
inline constexpr const char* kMessageFail = R"sql(
UPDATE messages SET
  state = CASE WHEN state = 'acknowledged' THEN state ELSE 'failed' END,
  reason = ?4, stage = ?5, detected = ?6, pane_mode = ?7, attempts = max(attempts, ?3),
  failed_at = ?9, updated_seq = ?8, updated_at = ?9
WHERE message_id = ?1)sql";
inline constexpr const char* kMessageFailNew = R"sql(
INSERT INTO messages(message_id, to_agent, state, reason, stage, detected, pane_mode, attempts,
                     failed_at, updated_seq, updated_at)
VALUES (?1, ?2, 'failed', ?4, ?5, ?6, ?7, ?3, ?9, ?8, ?9)
ON CONFLICT(message_id) DO NOTHING)sql";

// ?1 message_id ?2 result_id ?3 seq ?4 ts
inline constexpr const char* kMessageAck = R"sql(
UPDATE messages SET
  state = 'acknowledged', result_id = ?2, acknowledged_at = ?4, updated_seq = ?3, updated_at = ?4
WHERE message_id = ?1)sql";
inline constexpr const char* kMessageAckNew = R"sql(
INSERT INTO messages(message_id, state, result_id, acknowledged_at, updated_seq, updated_at)
VALUES (?1, 'acknowledged', ?2, ?4, ?3, ?4)
ON CONFLICT(message_id) DO NOTHING)sql";

// ?1 message_id
inline constexpr const char* kMessageRecipient =
    "SELECT to_agent FROM messages WHERE message_id = ?1 AND to_agent IS NOT NULL";

// ?1 message_id ?2 attempt ?3 to ?4 seq ?5 ts
inline constexpr const char* kDeliveryStart = R"sql(
INSERT INTO deliveries(message_id, attempt, to_agent, outcome, started_seq, started_at)
VALUES (?1, ?2, ?3, 'started', ?4, ?5)
ON CONFLICT(message_id, attempt) DO NOTHING)sql";
inline constexpr const char* kDeliveryRestart = R"sql(
UPDATE deliveries SET to_agent = COALESCE(?3, to_agent), started_seq = ?4, started_at = ?5
WHERE message_id = ?1 AND attempt = ?2)sql";

// ?1 message_id ?2 attempt ?3 to ?4 seq ?5 ts ?6 verified_by ?7 enter_presses
inline constexpr const char* kDeliverySubmit = R"sql(
UPDATE deliveries SET
  to_agent = COALESCE(?3, to_agent), outcome = 'submitted', finished_seq = ?4,
  finished_at = ?5, verified_by = ?6, enter_presses = ?7
WHERE message_id = ?1 AND attempt = ?2)sql";
inline constexpr const char* kDeliverySubmitNew = R"sql(
INSERT INTO deliveries(message_id, attempt, to_agent, outcome, finished_seq, finished_at,
                       verified_by, enter_presses)
VALUES (?1, ?2, ?3, 'submitted', ?4, ?5, ?6, ?7)
ON CONFLICT(message_id, attempt) DO NOTHING)sql";

// ?1 message_id ?2 attempt ?3 to ?4 seq ?5 ts ?6 reason ?7 stage ?8 detected ?9 pane_mode
// ?10 pane_capture_tail
inline constexpr const char* kDeliveryFail = R"sql(
UPDATE deliveries SET
  to_agent = COALESCE(?3, to_agent), outcome = 'failed', finished_seq = ?4, finished_at = ?5,
  reason = ?6, stage = ?7, detected = ?8, pane_mode = ?9, pane_capture_tail = ?10
WHERE message_id = ?1 AND attempt = ?2)sql";
inline constexpr const char* kDeliveryFailNew = R"sql(
INSERT INTO deliveries(message_id, attempt, to_agent, outcome, finished_seq, finished_at, reason,
                       stage, detected, pane_mode, pane_capture_tail)
VALUES (?1, ?2, ?3, 'failed', ?4, ?5, ?6, ?7, ?8, ?9, ?10)
ON CONFLICT(message_id, attempt) DO NOTHING)sql";

// ?1 agent_id ?2 outcome ?3 message_id ?4 ts ?5 failure reason (NULL keeps the last one) ?6 seq
inline constexpr const char* kAgentOutcome = R"sql(
UPDATE agents SET
  last_outcome = ?2, last_outcome_message_id = ?3, last_outcome_at = ?4,
  last_failure_reason = COALESCE(?5, last_failure_reason), updated_seq = ?6
WHERE agent_id = ?1)sql";
inline constexpr const char* kAgentOutcomeNew = R"sql(
INSERT INTO agents(agent_id, last_outcome, last_outcome_message_id, last_outcome_at,
                   last_failure_reason, updated_seq)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT(agent_id) DO NOTHING)sql";

// ?1 worker_id ?2 first_send_at ?3 message_id ?4 seq
inline constexpr const char* kAgentFirstSend = R"sql(
INSERT INTO agents(agent_id, first_send_at, first_message_id, updated_seq)
VALUES (?1, ?2, ?3, ?4)
ON CONFLICT(agent_id) DO UPDATE SET
  first_send_at = COALESCE(first_send_at, excluded.first_send_at),
  first_message_id = COALESCE(first_message_id, excluded.first_message_id),
  updated_seq = excluded.updated_seq)sql";

// ?1 agent_id ?2 pane_id ?3 provider ?4 pid ?5 ts ?6 seq
inline constexpr const char* kAgentPaneStarted = R"sql(
INSERT INTO agents(agent_id, pane_id, provider, pane_pid, pane_state, pane_state_at, updated_seq)
VALUES (?1, ?2, ?3, ?4, 'started', ?5, ?6)
ON CONFLICT(agent_id) DO UPDATE SET
  pane_id = excluded.pane_id, provider = excluded.provider, pane_pid = excluded.pane_pid,
  pane_state = 'started', pane_state_at = excluded.pane_state_at,
  exit_cause = NULL, exit_advice = NULL, updated_seq = excluded.updated_seq)sql";

// ?1 agent_id ?2 state ?3 ts ?4 seq
inline constexpr const char* kAgentPaneState = R"sql(
INSERT INTO agents(agent_id, pane_state, pane_state_at, updated_seq)
VALUES (?1, ?2, ?3, ?4)
ON CONFLICT(agent_id) DO UPDATE SET
  pane_state = excluded.pane_state, pane_state_at = excluded.pane_state_at,
  updated_seq = excluded.updated_seq)sql";

// ?1 agent_id ?2 pane_id ?3 ts ?4 seq ?5 cause ?6 advice — only when the
// exited pane is the agent's current one.
inline constexpr const char* kAgentPaneExited = R"sql(
UPDATE agents SET pane_state = 'exited', pane_state_at = ?3, updated_seq = ?4,
  exit_cause = ?5, exit_advice = ?6
WHERE agent_id = ?1 AND (pane_id IS NULL OR pane_id = ?2))sql";

// ?1 pane_id ?2 agent_id ?3 provider ?4 pid ?5 seq ?6 ts
inline constexpr const char* kPaneStarted = R"sql(
INSERT INTO panes(pane_id, agent_id, provider, pid, state, started_seq, started_at, updated_seq)
VALUES (?1, ?2, ?3, ?4, 'started', ?5, ?6, ?5)
ON CONFLICT(pane_id) DO UPDATE SET
  agent_id = excluded.agent_id, provider = excluded.provider, pid = excluded.pid,
  state = 'started', started_seq = excluded.started_seq, started_at = excluded.started_at,
  exited_at = NULL, exit_code = NULL, updated_seq = excluded.updated_seq)sql";

// ?1 agent_id ?2 state ?3 seq
inline constexpr const char* kPaneState = R"sql(
UPDATE panes SET state = ?2, updated_seq = ?3
WHERE pane_id = (SELECT pane_id FROM agents WHERE agent_id = ?1) AND state <> 'exited')sql";

// ?1 pane_id ?2 agent_id ?3 ts ?4 exit code ?5 seq
inline constexpr const char* kPaneExited = R"sql(
INSERT INTO panes(pane_id, agent_id, state, exited_at, exit_code, updated_seq)
VALUES (?1, ?2, 'exited', ?3, ?4, ?5)
ON CONFLICT(pane_id) DO UPDATE SET
  state = 'exited', exited_at = excluded.exited_at, exit_code = excluded.exit_code,
  updated_seq = excluded.updated_seq)sql";

// ?1 schedule_id ?2 kind ?3 owner ?4 due_at ?5 payload ?6 seq ?7 ts
inline constexpr const char* kScheduleCreate = R"sql(
INSERT INTO scheduled(schedule_id, kind, owner, due_at, state, payload, created_seq, created_at,
                      updated_seq)
VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?6, ?7, ?6)
ON CONFLICT(schedule_id) DO UPDATE SET
  kind = excluded.kind, owner = excluded.owner, due_at = excluded.due_at, state = 'pending',
  payload = excluded.payload, created_seq = excluded.created_seq,
  created_at = excluded.created_at, fired_at = NULL, cancelled_at = NULL,
  cancel_reason = NULL, updated_seq = excluded.updated_seq)sql";

// ?1 schedule_id ?2 ts ?3 seq
inline constexpr const char* kScheduleFire = R"sql(
UPDATE scheduled SET state = 'fired', fired_at = ?2, updated_seq = ?3
WHERE schedule_id = ?1 AND state = 'pending')sql";

// ?1 schedule_id ?2 ts ?3 reason ?4 seq
inline constexpr const char* kScheduleCancel = R"sql(
UPDATE scheduled SET state = 'cancelled', cancelled_at = ?2, cancel_reason = ?3, updated_seq = ?4
WHERE schedule_id = ?1 AND state = 'pending')sql";

// ?1 result_id ?2 task_id ?3 agent_id ?4 status ?5 summary ?6 seq ?7 ts — the first report wins.
inline constexpr const char* kResultInsert = R"sql(
INSERT INTO results(result_id, task_id, agent_id, status, summary, reported_seq, reported_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT(result_id) DO NOTHING)sql";

// ?1 seq ?2 ts ?3 class ?4 provider ?5 snippet ?6 partial ?7 dispatch_before
inline constexpr const char* kApiErrorInsert = R"sql(
INSERT OR REPLACE INTO api_errors(seq, ts, error_class, provider, snippet,
                                  partial_response_streamed, worker_dispatch_just_before)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql";

// ?1 run_id of the new run ?2 seq
inline constexpr const char* kSupervisorLoseOthers = R"sql(
UPDATE supervisors SET state = 'lost', updated_seq = ?2
WHERE state IN ('running', 'stopping') AND run_id <> ?1)sql";

// ?1 run_id ?2 pid ?3 version ?4 seq ?5 ts
inline constexpr const char* kSupervisorStart = R"sql(
INSERT INTO supervisors(run_id, pid, version, state, started_seq, started_at, updated_seq)
VALUES (?1, ?2, ?3, 'running', ?4, ?5, ?4)
ON CONFLICT(run_id) DO UPDATE SET
  pid = excluded.pid, version = excluded.version, state = 'running',
  started_seq = excluded.started_seq, started_at = excluded.started_at,
  updated_seq = excluded.updated_seq)sql";

// ?1 run_id ?2 ts ?3 reason ?4 seq
inline constexpr const char* kSupervisorStopping = R"sql(
INSERT INTO supervisors(run_id, state, stopping_at, reason, updated_seq)
VALUES (?1, 'stopping', ?2, ?3, ?4)
ON CONFLICT(run_id) DO UPDATE SET
  state = CASE WHEN state = 'stopped' THEN state ELSE 'stopping' END,
  stopping_at = excluded.stopping_at, reason = excluded.reason,
  updated_seq = excluded.updated_seq)sql";

// ?1 run_id ?2 ts ?3 reason ?4 exit_code ?5 seq
inline constexpr const char* kSupervisorStopped = R"sql(
INSERT INTO supervisors(run_id, state, stopped_at, reason, exit_code, updated_seq)
VALUES (?1, 'stopped', ?2, ?3, ?4, ?5)
ON CONFLICT(run_id) DO UPDATE SET
  state = 'stopped', stopped_at = excluded.stopped_at,
  reason = COALESCE(excluded.reason, reason), exit_code = excluded.exit_code,
  updated_seq = excluded.updated_seq)sql";

// ?1 notification_id ?2 kind ?3 state ?4 leader_session ?5 reason ?6 seq ?7 ts
inline constexpr const char* kNotificationUpsert = R"sql(
INSERT INTO leader_notifications(notification_id, kind, state, leader_session, reason, first_seq,
                                 updated_seq, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)
ON CONFLICT(notification_id) DO UPDATE SET
  state = excluded.state, leader_session = COALESCE(excluded.leader_session, leader_session),
  reason = excluded.reason, updated_seq = excluded.updated_seq,
  updated_at = excluded.updated_at)sql";

// ?1 notification_id ?2 seq ?3 ts
inline constexpr const char* kNotificationDedupe = R"sql(
UPDATE leader_notifications
SET dedupe_skips = dedupe_skips + 1, updated_seq = ?2, updated_at = ?3
WHERE notification_id = ?1)sql";

}  // namespace ta::store::sql
