#include "store/queries.h"

#include <algorithm>

#include "store/rows.h"
#include "store/schema.h"

namespace ta::store {

namespace {

// ?1 is the agent filter everywhere: '' means everyone.
constexpr const char* kCountsSql = R"sql(
SELECT state, count(*) FROM messages
WHERE ?1 = '' OR to_agent = ?1 OR from_agent = ?1
GROUP BY state)sql";

constexpr const char* kMessageColumns =
    "SELECT message_id, from_agent, to_agent, task_id, state, reason, stage, detected, attempts,"
    " accepted_seq, accepted_at, updated_at FROM messages ";

constexpr const char* kAgentsSql = R"sql(
WITH ids AS (
  SELECT agent_id AS id FROM agents
  UNION SELECT to_agent FROM messages WHERE to_agent IS NOT NULL
), tallies AS (
  SELECT to_agent,
         sum(state IN ('accepted', 'deferred')) AS queued,
         sum(state IN ('submitted', 'acknowledged')) AS delivered,
         sum(state = 'failed') AS failed
  FROM messages GROUP BY to_agent
)
SELECT ids.id, a.pane_id, a.provider, a.pane_state, a.pane_state_at, a.first_send_at,
       a.last_outcome, a.last_outcome_message_id, a.last_outcome_at, a.last_failure_reason,
       a.exit_cause, a.exit_advice, COALESCE(t.queued, 0), COALESCE(t.delivered, 0), COALESCE(t.failed, 0),
       a.lifecycle,
       (SELECT from_agent FROM messages WHERE message_id = a.first_message_id),
       f.submitted_at, f.from_agent
FROM ids LEFT JOIN agents a ON a.agent_id = ids.id LEFT JOIN tallies t ON t.to_agent = ids.id
LEFT JOIN messages f ON f.message_id = (
  SELECT message_id FROM messages WHERE to_agent = ids.id AND submitted_at IS NOT NULL
  ORDER BY submitted_at, accepted_seq LIMIT 1)
WHERE ?1 = '' OR ids.id = ?1
ORDER BY ids.id)sql";

constexpr const char* kSupervisorSql = R"sql(
SELECT run_id, state, version, started_at, stopped_at, reason, pid, exit_code FROM supervisors
ORDER BY COALESCE(started_seq, updated_seq) DESC LIMIT 1)sql";

constexpr const char* kApiErrorSql =
    "SELECT seq, ts, error_class, provider, snippet FROM api_errors ORDER BY seq DESC LIMIT 1";

constexpr const char* kTimersSql =
    "SELECT count(*) FROM scheduled WHERE state = 'pending' AND (?1 = '' OR owner = ?1)";

// Results, filtered by the reporting agent.
constexpr const char* kResultsSql = R"sql(
SELECT count(*) FROM results WHERE ?1 = '' OR agent_id = ?1)sql";
constexpr const char* kLastResultSql = R"sql(
SELECT result_id, task_id, agent_id, status, summary, reported_at, reported_seq FROM results
WHERE ?1 = '' OR agent_id = ?1 ORDER BY reported_seq DESC LIMIT 1)sql";

constexpr const char* kOpenOfTaskSql = R"sql(
SELECT message_id FROM messages
WHERE to_agent = ?1 AND state IN ('accepted', 'deferred', 'submitted')
  AND (task_id = ?2 OR (message_id = ?2 AND COALESCE(task_id, '') = ''))
ORDER BY accepted_seq, message_id)sql";

MessageRow read_message(const Statement& st) {
  MessageRow m;
  text_columns(st, 0, {&m.message_id, &m.from, &m.to, &m.task_id, &m.state, &m.reason, &m.stage,
                       &m.detected});
  m.attempts = st.column_int(8);
  m.accepted_seq = static_cast<std::uint64_t>(st.column_int(9));
  text_columns(st, 10, {&m.accepted_at, &m.updated_at});
  return m;
}

AgentRow read_agent(const Statement& st) {
  AgentRow a;
  text_columns(st, 0, {&a.agent_id, &a.pane_id, &a.provider, &a.pane_state, &a.pane_state_at,
                       &a.first_send_at, &a.last_outcome, &a.last_outcome_message_id,
                       &a.last_outcome_at, &a.last_failure_reason, &a.exit_cause,
                       &a.exit_advice});
  a.queued = st.column_int(12);
  a.delivered = st.column_int(13);
  a.failed = st.column_int(14);
  text_columns(st, 15, {&a.lifecycle, &a.first_send_from});
  // worker.first_interaction records only the leader's first message; a
  // person's (or another agent's) earlier one is the first send then.
  std::string earliest_at, earliest_from;
  text_columns(st, 17, {&earliest_at, &earliest_from});
  if (!earliest_at.empty() && (a.first_send_at.empty() || earliest_at < a.first_send_at)) {
    a.first_send_at = earliest_at;
    a.first_send_from = earliest_from;
  }
  return a;
}

// Runs `sql`, with the agent filter ?1 ('' for everyone) when `agent` is
// given, and hands its first row, if there is one, to `on_row`.
template <class F>
Status first_row(Database& db, const char* sql, const std::string* agent, F on_row) {
  auto st = db.prepare(sql);
  if (!st) return st.error();
  if (agent) st->bind_text(1, *agent);
  auto row = st->step();
  if (!row) return row.error();
  if (*row) on_row(*st);
  return ok_status();
}

// Runs `sql` with the agent filter and a limit (?2), appending every row.
Status read_messages(Database& db, const std::string& sql, const std::string& agent, int limit,
                     std::vector<MessageRow>& out) {
  auto st = db.prepare(sql);
  if (!st) return st.error();
  st->bind_text(1, agent).bind_int(2, limit);
  return each_row(*st, [&](Statement& row) { out.push_back(read_message(row)); });
}

// How many messages are in each state (every state listed, zeros too).
Status read_counts(Database& db, const StatusQuery& q, StatusData& d) {
  for (const char* s : kMessageStates) d.counts.push_back({s, 0});
  auto st = db.prepare(kCountsSql);
  if (!st) return st.error();
  st->bind_text(1, q.agent);
  return each_row(*st, [&](Statement& row) {
    std::string state = row.column_text(0);
    auto it = std::find_if(d.counts.begin(), d.counts.end(),
                           [&](const StateCount& c) { return c.state == state; });
    if (it == d.counts.end()) it = d.counts.insert(d.counts.end(), {state, 0});
    it->count = row.column_int(1);
    if (state == "accepted" || state == "deferred") d.open_total += it->count;
    if (state == "failed") d.failed_total = it->count;
  });
}

// The open messages, oldest first, and the failed ones, newest first.
Status read_open_and_failed(Database& db, const StatusQuery& q, StatusData& d) {
  const std::string filter = " AND (?1 = '' OR to_agent = ?1 OR from_agent = ?1)";
  auto st = read_messages(db,
                          std::string(kMessageColumns) + "WHERE state IN ('accepted', 'deferred')" +
                              filter + " ORDER BY accepted_seq, message_id LIMIT ?2",
                          q.agent, q.open_limit, d.open);
  if (!st) return st;
  return read_messages(db,
                       std::string(kMessageColumns) + "WHERE state = 'failed'" + filter +
                           " ORDER BY updated_seq DESC, message_id LIMIT ?2",
                       q.agent, q.failure_limit, d.failures);
}

Status read_agents(Database& db, const StatusQuery& q, StatusData& d) {
  auto st = db.prepare(kAgentsSql);
  if (!st) return st.error();
  st->bind_text(1, q.agent);
  return each_row(*st, [&](Statement& row) { d.agents.push_back(read_agent(row)); });
}

// The last supervisor run and the last API error the log recorded.
Status read_last_run_and_api_error(Database& db, StatusData& d) {
  auto st = first_row(db, kSupervisorSql, nullptr, [&](Statement& row) {
    SupervisorRow s;
    text_columns(row, 0, {&s.run_id, &s.state, &s.version, &s.started_at, &s.stopped_at,
                          &s.reason});
    s.pid = row.column_int(6);
    if (!row.column_is_null(7)) s.exit_code = row.column_int(7);
    d.last_supervisor = std::move(s);
  });
  if (!st) return st;
  if (d.last_supervisor) {
    auto incident = team_incident(db, d.last_supervisor->run_id);
    if (!incident) return incident.error();
    d.last_run_incident = std::move(*incident);
  }
  return first_row(db, kApiErrorSql, nullptr, [&](Statement& row) {
    ApiErrorRow a;
    a.seq = static_cast<std::uint64_t>(row.column_int(0));
    text_columns(row, 1, {&a.ts, &a.error_class, &a.provider, &a.snippet});
    d.last_api_error = std::move(a);
  });
}

// Pending timers, the number of results and the last one.
Status read_timers_and_results(Database& db, const StatusQuery& q, StatusData& d) {
  auto st = first_row(db, kTimersSql, &q.agent,
                      [&](Statement& row) { d.pending_timers = row.column_int(0); });
  if (!st) return st;
  st = first_row(db, kResultsSql, &q.agent,
                 [&](Statement& row) { d.results_total = row.column_int(0); });
  if (!st) return st;
  return first_row(db, kLastResultSql, &q.agent, [&](Statement& row) {
    ResultRow r;
    text_columns(row, 0, {&r.result_id, &r.task_id, &r.agent_id, &r.status, &r.summary,
                          &r.reported_at});
    r.reported_seq = static_cast<std::uint64_t>(row.column_int(6));
    d.last_result = std::move(r);
  });
}

Result<StatusData> read_status(Database& db, const StatusQuery& q) {
  StatusData d;
  auto meta = read_meta(db);
  if (!meta) return meta.error();
  if (*meta) {
    d.last_seq = (*meta)->last_seq;
    d.last_ts = (*meta)->last_ts;
  }
  for (auto read : {read_counts, read_open_and_failed, read_agents})
    if (auto st = read(db, q, d); !st) return st.error();
  if (auto st = read_last_run_and_api_error(db, d); !st) return st.error();
  if (auto st = read_timers_and_results(db, q, d); !st) return st.error();
  auto questions = open_human_requests(db, q.agent);
  if (!questions) return questions.error();
  d.open_questions = std::move(*questions);
  return d;
}

}  // namespace

Result<StatusData> query_status(Database& db, const StatusQuery& q) {
  // One read transaction: counts and lists come from the same snapshot even
  // while a projector commits.
  bool own_txn = !db.in_transaction();
  if (own_txn) {
    if (auto st = db.exec("BEGIN"); !st) return st.error();
  }
  auto d = read_status(db, q);
  if (own_txn) (void)db.exec("COMMIT");
  return d;
}

Result<std::vector<std::string>> open_messages_of_task(Database& db, const std::string& agent,
                                                       const std::string& task) {
  auto st = db.prepare(kOpenOfTaskSql);
  if (!st) return st.error();
  st->bind_text(1, agent).bind_text(2, task);
  std::vector<std::string> ids;
  auto read = each_row(*st, [&](Statement& row) { ids.push_back(row.column_text(0)); });
  if (!read) return read.error();
  return ids;
}

Result<std::set<std::string>> stopped_agents(Database& db) {
  auto st = db.prepare("SELECT agent_id FROM agents WHERE lifecycle = 'stopped'");
  if (!st) return st.error();
  std::set<std::string> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    out.insert(st->column_text(0));
  }
  return out;
}

}  // namespace ta::store
