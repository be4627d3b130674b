#include "store/queries.h"

#include <algorithm>

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
       a.exit_cause, a.exit_advice, COALESCE(t.queued, 0), COALESCE(t.delivered, 0), COALESCE(t.failed, 0)
FROM ids LEFT JOIN agents a ON a.agent_id = ids.id LEFT JOIN tallies t ON t.to_agent = ids.id
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
  m.message_id = st.column_text(0);
  m.from = st.column_text(1);
  m.to = st.column_text(2);
  m.task_id = st.column_text(3);
  m.state = st.column_text(4);
  m.reason = st.column_text(5);
  m.stage = st.column_text(6);
  m.detected = st.column_text(7);
  m.attempts = st.column_int(8);
  m.accepted_seq = static_cast<std::uint64_t>(st.column_int(9));
  m.accepted_at = st.column_text(10);
  m.updated_at = st.column_text(11);
  return m;
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
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) return ok_status();
    out.push_back(read_message(*st));
  }
}

Result<StatusData> read_status(Database& db, const StatusQuery& q) {
  StatusData d;
  auto meta = read_meta(db);
  if (!meta) return meta.error();
  if (*meta) {
    d.last_seq = (*meta)->last_seq;
    d.last_ts = (*meta)->last_ts;
  }
  for (const char* s : kMessageStates) d.counts.push_back({s, 0});
  {
    auto st = db.prepare(kCountsSql);
    if (!st) return st.error();
    st->bind_text(1, q.agent);
    for (;;) {
      auto row = st->step();
      if (!row) return row.error();
      if (!*row) break;
      std::string state = st->column_text(0);
      auto it = std::find_if(d.counts.begin(), d.counts.end(),
                             [&](const StateCount& c) { return c.state == state; });
      if (it == d.counts.end()) it = d.counts.insert(d.counts.end(), {state, 0});
      it->count = st->column_int(1);
      if (state == "accepted" || state == "deferred") d.open_total += it->count;
      if (state == "failed") d.failed_total = it->count;
    }
  }
  std::string filter = " AND (?1 = '' OR to_agent = ?1 OR from_agent = ?1)";
  if (auto st = read_messages(db,
                              std::string(kMessageColumns) +
                                  "WHERE state IN ('accepted', 'deferred')" + filter +
                                  " ORDER BY accepted_seq, message_id LIMIT ?2",
                              q.agent, q.open_limit, d.open);
      !st)
    return st.error();
  if (auto st = read_messages(db,
                              std::string(kMessageColumns) + "WHERE state = 'failed'" + filter +
                                  " ORDER BY updated_seq DESC, message_id LIMIT ?2",
                              q.agent, q.failure_limit, d.failures);
      !st)
    return st.error();
  {
    auto st = db.prepare(kAgentsSql);
    if (!st) return st.error();
    st->bind_text(1, q.agent);
    for (;;) {
      auto row = st->step();
      if (!row) return row.error();
      if (!*row) break;
      AgentRow a;
      a.agent_id = st->column_text(0);
      a.pane_id = st->column_text(1);
      a.provider = st->column_text(2);
      a.pane_state = st->column_text(3);
      a.pane_state_at = st->column_text(4);
      a.first_send_at = st->column_text(5);
      a.last_outcome = st->column_text(6);
      a.last_outcome_message_id = st->column_text(7);
      a.last_outcome_at = st->column_text(8);
      a.last_failure_reason = st->column_text(9);
      a.exit_cause = st->column_text(10);
      a.exit_advice = st->column_text(11);
      a.queued = st->column_int(12);
      a.delivered = st->column_int(13);
      a.failed = st->column_int(14);
      d.agents.push_back(std::move(a));
    }
  }
  auto st = first_row(db, kSupervisorSql, nullptr, [&](Statement& row) {
    SupervisorRow s;
    s.run_id = row.column_text(0);
    s.state = row.column_text(1);
    s.version = row.column_text(2);
    s.started_at = row.column_text(3);
    s.stopped_at = row.column_text(4);
    s.reason = row.column_text(5);
    s.pid = row.column_int(6);
    if (!row.column_is_null(7)) s.exit_code = row.column_int(7);
    d.last_supervisor = std::move(s);
  });
  if (!st) return st.error();
  st = first_row(db, kApiErrorSql, nullptr, [&](Statement& row) {
    ApiErrorRow a;
    a.seq = static_cast<std::uint64_t>(row.column_int(0));
    a.ts = row.column_text(1);
    a.error_class = row.column_text(2);
    a.provider = row.column_text(3);
    a.snippet = row.column_text(4);
    d.last_api_error = std::move(a);
  });
  if (!st) return st.error();
  st = first_row(db, kTimersSql, &q.agent, [&](Statement& row) { d.pending_timers = row.column_int(0); });
  if (!st) return st.error();
  st = first_row(db, kResultsSql, &q.agent, [&](Statement& row) { d.results_total = row.column_int(0); });
  if (!st) return st.error();
  st = first_row(db, kLastResultSql, &q.agent, [&](Statement& row) {
    ResultRow r;
    r.result_id = row.column_text(0);
    r.task_id = row.column_text(1);
    r.agent_id = row.column_text(2);
    r.status = row.column_text(3);
    r.summary = row.column_text(4);
    r.reported_at = row.column_text(5);
    r.reported_seq = static_cast<std::uint64_t>(row.column_int(6));
    d.last_result = std::move(r);
  });
  if (!st) return st.error();
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
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) return ids;
    ids.push_back(st->column_text(0));
  }
}

}  // namespace ta::store
