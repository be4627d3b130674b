#include "store/schema.h"

namespace ta::store {

namespace {

// Times are the RFC 3339 `ts` of the event that set them; *_seq columns
// name that event. NULL means "not set" (the event field was empty).
constexpr const char* kCreateTables = R"sql(
CREATE TABLE IF NOT EXISTS projection_meta (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq      INTEGER NOT NULL,
  fold_version  INTEGER NOT NULL,
  last_ts       TEXT,
  last_hash     TEXT     -- events::event_fingerprint of the event at last_seq
);
CREATE TABLE IF NOT EXISTS agents (
  agent_id                TEXT PRIMARY KEY,
  pane_id                 TEXT,
  provider                TEXT,
  pane_pid                INTEGER,
  pane_state              TEXT,
  pane_state_at           TEXT,
  first_send_at           TEXT,
  first_message_id        TEXT,
  last_outcome            TEXT,     -- submitted | failed
  last_outcome_message_id TEXT,
  last_outcome_at         TEXT,
  last_failure_reason     TEXT,
  exit_cause              TEXT,     -- a recognised start failure of the pane's program
  exit_advice             TEXT,
  lifecycle               TEXT,     -- running | stopped | removed (the per-agent verbs)
  updated_seq             INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS panes (
  pane_id      TEXT PRIMARY KEY,
  agent_id     TEXT,
  provider     TEXT,
  pid          INTEGER,
  state        TEXT NOT NULL,
  started_seq  INTEGER,
  started_at   TEXT,
  exited_at    TEXT,
  exit_code    INTEGER,
  updated_seq  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
  message_id       TEXT PRIMARY KEY,
  from_agent       TEXT,
  to_agent         TEXT,
  task_id          TEXT,
  batch_id         TEXT,
  content          TEXT,
  content_bytes    INTEGER,
  deliver_now      INTEGER NOT NULL DEFAULT 0,
  state            TEXT NOT NULL,   -- accepted | deferred | submitted | failed | acknowledged
  reason           TEXT,
  stage            TEXT,
  detected         TEXT,
  pane_mode        TEXT,
  attempts         INTEGER NOT NULL DEFAULT 0,
  verified_by      TEXT,
  result_id        TEXT,
  accepted_seq     INTEGER,
  accepted_at      TEXT,
  deferred_at      TEXT,
  submitted_at     TEXT,
  failed_at        TEXT,
  acknowledged_at  TEXT,
  updated_seq      INTEGER NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS deliveries (
  message_id         TEXT NOT NULL,
  attempt            INTEGER NOT NULL,
  to_agent           TEXT,
  outcome            TEXT NOT NULL,  -- started | submitted | failed
  started_seq        INTEGER,
  started_at         TEXT,
  finished_seq       INTEGER,
  finished_at        TEXT,
  verified_by        TEXT,
  enter_presses      INTEGER,
  reason             TEXT,
  stage              TEXT,
  detected           TEXT,
  pane_mode          TEXT,
  pane_capture_tail  TEXT,
  PRIMARY KEY (message_id, attempt)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS scheduled (
  schedule_id    TEXT PRIMARY KEY,
  kind           TEXT,
  owner          TEXT,
  due_at         TEXT,
  state          TEXT NOT NULL,  -- pending | fired | cancelled
  payload        TEXT NOT NULL,  -- JSON, keys sorted
  created_seq    INTEGER,
  created_at     TEXT,
  fired_at       TEXT,
  cancelled_at   TEXT,
  cancel_reason  TEXT,
  updated_seq    INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
  result_id     TEXT PRIMARY KEY,
  task_id       TEXT,
  agent_id      TEXT,
  status        TEXT,
  summary       TEXT,
  reported_seq  INTEGER NOT NULL,
  reported_at   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS leader_notifications (
  notification_id  TEXT PRIMARY KEY,  -- the result_id, or the message_id of a worker message
  kind             TEXT NOT NULL,     -- result | message
  state            TEXT NOT NULL,     -- claimed | submitted | delivery_failed
  leader_session   TEXT,
  reason           TEXT,
  dedupe_skips     INTEGER NOT NULL DEFAULT 0,
  first_seq        INTEGER NOT NULL,
  updated_seq      INTEGER NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS api_errors (
  seq                          INTEGER PRIMARY KEY,
  ts                           TEXT NOT NULL,
  error_class                  TEXT,
  provider                     TEXT,
  snippet                      TEXT,
  partial_response_streamed    INTEGER NOT NULL,
  worker_dispatch_just_before  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS supervisors (
  run_id       TEXT PRIMARY KEY,
  pid          INTEGER,
  version      TEXT,
  state        TEXT NOT NULL,  -- running | stopping | stopped | lost
  started_seq  INTEGER,
  started_at   TEXT,
  stopping_at  TEXT,
  stopped_at   TEXT,
  reason       TEXT,
  exit_code    INTEGER,
  updated_seq  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS agent_sessions (
  agent_id        TEXT PRIMARY KEY,
  provider        TEXT,
  format          TEXT,     -- claude | codex; NULL: the CLI keeps no session we know
  session_id      TEXT,
  path            TEXT,
  state           TEXT NOT NULL,  -- launched | captured | missing | discarded | rolled_back
  launch_mode     TEXT,     -- fresh | resumed
  launch_run_id   TEXT,     -- the run that launched it
  launch_root     TEXT,     -- where its CLI keeps sessions (session.launched's root)
  via             TEXT,
  confidence      TEXT,
  missing_reason  TEXT,
  launched_at     TEXT,
  captured_at     TEXT,
  updated_seq     INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS session_records (
  seq         INTEGER PRIMARY KEY,  -- the session.captured or session.discarded event
  agent_id    TEXT NOT NULL,
  kind        TEXT NOT NULL,        -- captured | discarded
  provider    TEXT,
  format      TEXT,
  session_id  TEXT,
  path        TEXT,
  ts          TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS agent_health (
  agent_id          TEXT PRIMARY KEY,
  turn_state        TEXT,     -- working | idle | idle_interrupted | blocked_on_human | abnormal | unknown
  turn_reason       TEXT,
  turn_source       TEXT,     -- session_file | process_guard | screen
  turn_at           TEXT,
  stuck             INTEGER NOT NULL DEFAULT 0,
  stuck_at          TEXT,
  stuck_quiet_s     INTEGER,
  stuck_pending     INTEGER,
  blocked_reason    TEXT,     -- while blocked_on_human
  blocked_at        TEXT,
  faults            INTEGER NOT NULL DEFAULT 0,
  last_fault        TEXT,
  last_fault_error  TEXT,
  last_fault_at     TEXT,
  deadlock_at       TEXT,
  cancelled_at      TEXT,
  updated_seq       INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS team_health (
  id                        INTEGER PRIMARY KEY CHECK (id = 1),
  idle_reason               TEXT,     -- why the idle reminder is (not) sent
  idle_armed                INTEGER,
  idle_blocking             TEXT,     -- JSON array of "agent:state"
  idle_reason_at            TEXT,
  episode_started_at        TEXT,
  reminders                 INTEGER NOT NULL DEFAULT 0,
  last_reminder_at          TEXT,
  last_reminder_message_id  TEXT,
  acknowledged_at           TEXT,
  acknowledged_for_s        INTEGER,  -- 0: until the next worker turn
  updated_seq               INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS team_incidents (
  run_id            TEXT PRIMARY KEY,  -- the supervisor run they happened to
  tmux_lost_seq     INTEGER,           -- tmux.server_lost
  tmux_lost_at      TEXT,
  tmux_socket       TEXT,
  tmux_session      TEXT,
  tmux_why          TEXT,
  restarted_as      TEXT,              -- team.restarted: the run that brought the team back
  restart_gave_up   INTEGER NOT NULL DEFAULT 0,  -- team.restart_gave_up
  gone_seq          INTEGER,           -- team.gone
  gone_at           TEXT,
  gone_detected_by  TEXT,
  updated_seq       INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS human_requests (
  request_id     TEXT PRIMARY KEY,  -- human.requested
  agent_id       TEXT NOT NULL,     -- who asked, and gets the answer
  question       TEXT NOT NULL,
  options        TEXT NOT NULL,     -- a JSON array of strings
  asked_seq      INTEGER NOT NULL,
  asked_at       TEXT NOT NULL,
  answered_seq   INTEGER,           -- human.answered; NULL while open
  answered_at    TEXT,
  answer         TEXT,
  message_id     TEXT,              -- the message carrying the answer
  updated_seq    INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_failed ON messages(updated_seq) WHERE state = 'failed';
CREATE INDEX IF NOT EXISTS scheduled_pending ON scheduled(due_at) WHERE state = 'pending';
INSERT OR IGNORE INTO projection_meta(id, last_seq, fold_version, last_ts)
  VALUES (1, 0, )sql";

}  // namespace

const std::vector<TableInfo>& projection_tables() {
  static const std::vector<TableInfo> tables = {
      {"projection_meta", {"id"}},
      {"agents", {"agent_id"}},
      {"panes", {"pane_id"}},
      {"messages", {"message_id"}},
      {"deliveries", {"message_id", "attempt"}},
      {"scheduled", {"schedule_id"}},
      {"results", {"result_id"}},
      {"leader_notifications", {"notification_id"}},
      {"api_errors", {"seq"}},
      {"supervisors", {"run_id"}},
      {"agent_sessions", {"agent_id"}},
      {"session_records", {"seq"}},
      {"agent_health", {"agent_id"}},
      {"team_health", {"id"}},
      {"team_incidents", {"run_id"}},
      {"human_requests", {"request_id"}},
  };
  return tables;
}

Status create_schema(Database& db) {
  std::string sql = kCreateTables;
  sql += std::to_string(kFoldVersion) + ", NULL);";
  return db.exec(sql);
}

Status drop_all_tables(Database& db) {
  std::vector<std::string> drops;
  {
    auto st = db.prepare(
        "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name");
    if (!st) return st.error();
    for (;;) {
      auto row = st->step();
      if (!row) return row.error();
      if (!*row) break;
      std::string name = st->column_text(1);
      std::string quoted = "\"";
      for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
      quoted += '"';
      drops.push_back("DROP " + std::string(st->column_text(0) == "view" ? "VIEW" : "TABLE") +
                      " IF EXISTS " + quoted + ";");
    }
  }
  // Dropping a table drops its indexes with it.
  for (auto& sql : drops)
    if (auto s = db.exec(sql); !s) return s;
  return ok_status();
}

Result<std::optional<ProjectionMeta>> read_meta(Database& db) {
  auto has_meta = db.query_int(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'projection_meta'");
  if (!has_meta) return has_meta.error();
  if (*has_meta == 0) return std::optional<ProjectionMeta>{};
  auto st = db.prepare(
    "SELECT last_seq, fold_version, last_ts, last_hash FROM projection_meta WHERE id = 1");
  // Older fold versions had no last_hash; they are rebuilt anyway.
  if (!st) st = db.prepare("SELECT last_seq, fold_version, last_ts, '' FROM projection_meta WHERE id = 1");
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return std::optional<ProjectionMeta>{};
  ProjectionMeta m;
  m.last_seq = static_cast<std::uint64_t>(st->column_int(0));
  m.fold_version = static_cast<int>(st->column_int(1));
  m.last_ts = st->column_text(2);
  m.last_hash = st->column_text(3);
  return std::optional<ProjectionMeta>(m);
}

}  // namespace ta::store
