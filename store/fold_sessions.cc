// The fold of the session events into agent_sessions (each agent's session
// now) and session_records (every capture and tombstone, for a restart's
// search for an earlier session that still holds the context).
#include "events/types.h"
#include "store/fold.h"
#include "store/fold_helpers.h"

namespace ta::store {

using events::Event;
using namespace fold_helpers;

namespace {

// ?1 agent ?2 provider ?3 format ?4 session_id ?5 mode ?6 seq ?7 ts ?8 run_id ?9 root
constexpr const char* kSessionLaunch = R"sql(
INSERT INTO agent_sessions(agent_id, provider, format, session_id, state, launch_mode,
                           launch_run_id, launch_root, launched_at, updated_seq)
VALUES (?1, ?2, ?3, ?4, 'launched', ?5, ?8, ?9, ?7, ?6)
ON CONFLICT(agent_id) DO UPDATE SET
  provider = ?2, format = ?3, session_id = ?4, path = NULL, state = 'launched',
  launch_mode = ?5, launch_run_id = ?8, launch_root = ?9, via = NULL, confidence = NULL,
  missing_reason = NULL,
  launched_at = ?7, captured_at = NULL, updated_seq = ?6)sql";

// ?1 run_id ?2 seq: the launches of a start that was rolled back never ran.
constexpr const char* kSessionRollback = R"sql(
UPDATE agent_sessions SET state = 'rolled_back', updated_seq = ?2
WHERE launch_run_id = ?1 AND state = 'launched')sql";

// ?1 agent ?2 provider ?3 session_id ?4 path ?5 via ?6 confidence ?7 seq ?8 ts ?9 format
constexpr const char* kSessionCapture = R"sql(
INSERT INTO agent_sessions(agent_id, provider, format, session_id, path, state, via, confidence,
                           captured_at, updated_seq)
VALUES (?1, ?2, ?9, ?3, ?4, 'captured', ?5, ?6, ?8, ?7)
ON CONFLICT(agent_id) DO UPDATE SET
  provider = COALESCE(?2, provider), format = COALESCE(?9, format), session_id = ?3, path = ?4,
  state = 'captured', via = ?5, confidence = ?6, missing_reason = NULL, captured_at = ?8,
  updated_seq = ?7)sql";

// ?1 agent ?2 provider ?3 session_id ?4 reason ?5 seq
constexpr const char* kSessionMissing = R"sql(
INSERT INTO agent_sessions(agent_id, provider, session_id, state, missing_reason, updated_seq)
VALUES (?1, ?2, ?3, 'missing', ?4, ?5)
ON CONFLICT(agent_id) DO UPDATE SET
  provider = COALESCE(?2, provider), session_id = COALESCE(?3, session_id), state = 'missing',
  missing_reason = ?4, updated_seq = ?5)sql";

// ?1 agent ?2 seq
constexpr const char* kSessionDiscard = R"sql(
INSERT INTO agent_sessions(agent_id, state, updated_seq) VALUES (?1, 'discarded', ?2)
ON CONFLICT(agent_id) DO UPDATE SET
  session_id = NULL, path = NULL, state = 'discarded', via = NULL, confidence = NULL,
  missing_reason = NULL, captured_at = NULL, updated_seq = ?2)sql";

// ?1 agent_id ?2 lifecycle ?3 seq
constexpr const char* kAgentLifecycle = R"sql(
INSERT INTO agents(agent_id, lifecycle, updated_seq) VALUES (?1, ?2, ?3)
ON CONFLICT(agent_id) DO UPDATE SET lifecycle = excluded.lifecycle,
  updated_seq = excluded.updated_seq)sql";

// ?1 seq ?2 agent ?3 kind ?4 provider ?5 session_id ?6 path ?7 ts ?8 format
constexpr const char* kSessionRecord = R"sql(
INSERT OR REPLACE INTO session_records(seq, agent_id, kind, provider, session_id, path, ts,
                                       format)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql";

}  // namespace

Status Fold::prepare_sessions() {
  struct Item {
    Statement* st;
    const char* sql;
  };
  const Item items[] = {{&session_launch_, kSessionLaunch},
                        {&session_capture_, kSessionCapture},
                        {&session_missing_, kSessionMissing},
                        {&session_discard_, kSessionDiscard},
                        {&session_record_, kSessionRecord},
                        {&session_rollback_, kSessionRollback},
                        {&agent_lifecycle_, kAgentLifecycle}};
  for (const auto& item : items) {
    auto st = db_.prepare(item.sql);
    if (!st) return st.error();
    *item.st = std::move(*st);
  }
  return ok_status();
}

Status Fold::on_session_launched(const Event& e) {
  auto s = events::decode<events::SessionLaunched>(e);
  if (!s) return s.error();
  if (s->agent_id.empty()) return ok_status();
  auto& st = session_launch_;
  st.bind_text(1, s->agent_id).bind_text_or_null(2, s->provider).bind_text_or_null(3, s->format);
  st.bind_text_or_null(4, s->session_id).bind_text_or_null(5, s->mode);
  st.bind_int(6, seq_of(e)).bind_text(7, e.ts).bind_text_or_null(8, s->run_id);
  st.bind_text_or_null(9, s->root);
  return st.run();
}

Status Fold::on_restart_rollback(const Event& e) {
  auto r = events::decode<events::RestartRollback>(e);
  if (!r) return r.error();
  if (r->run_id.empty()) return ok_status();
  session_rollback_.bind_text(1, r->run_id).bind_int(2, seq_of(e));
  return session_rollback_.run();
}

Status Fold::on_session_captured(const Event& e) {
  auto s = events::decode<events::SessionCaptured>(e);
  if (!s) return s.error();
  if (s->agent_id.empty()) return ok_status();
  auto& st = session_capture_;
  st.bind_text(1, s->agent_id).bind_text_or_null(2, s->provider).bind_text(3, s->session_id);
  st.bind_text_or_null(4, s->path).bind_text_or_null(5, s->via);
  st.bind_text_or_null(6, s->confidence).bind_int(7, seq_of(e)).bind_text(8, e.ts);
  st.bind_text_or_null(9, s->format);
  if (auto r = st.run(); !r) return r;
  auto& rec = session_record_;
  rec.bind_int(1, seq_of(e)).bind_text(2, s->agent_id).bind_text(3, "captured");
  rec.bind_text_or_null(4, s->provider).bind_text(5, s->session_id);
  rec.bind_text_or_null(6, s->path).bind_text(7, e.ts).bind_text_or_null(8, s->format);
  return rec.run();
}

Status Fold::on_session_capture_missing(const Event& e) {
  auto s = events::decode<events::SessionCaptureMissing>(e);
  if (!s) return s.error();
  if (s->agent_id.empty()) return ok_status();
  auto& st = session_missing_;
  st.bind_text(1, s->agent_id).bind_text_or_null(2, s->provider);
  st.bind_text_or_null(3, s->session_id).bind_text_or_null(4, s->reason).bind_int(5, seq_of(e));
  return st.run();
}

Status Fold::on_session_discarded(const Event& e) {
  auto s = events::decode<events::SessionDiscarded>(e);
  if (!s) return s.error();
  if (s->agent_id.empty()) return ok_status();
  session_discard_.bind_text(1, s->agent_id).bind_int(2, seq_of(e));
  if (auto r = session_discard_.run(); !r) return r;
  auto& rec = session_record_;
  rec.bind_int(1, seq_of(e)).bind_text(2, s->agent_id).bind_text(3, "discarded");
  rec.bind_null(4).bind_text_or_null(5, s->session_id).bind_null(6).bind_text(7, e.ts);
  rec.bind_null(8);
  return rec.run();
}

// What a per-agent verb left the agent as: stopped by `stop`, removed by
// `remove-agent`, running after a start of any kind. A refused or failed
// request changes nothing here.
Status Fold::on_agent_request_completed(const Event& e) {
  auto r = events::decode<events::AgentRequestCompleted>(e);
  if (!r) return r.error();
  if (!r->ok || r->agent_id.empty()) return ok_status();
  const char* lifecycle = r->verb == "stop" ? "stopped" : r->verb == "remove" ? "removed" : "running";
  agent_lifecycle_.bind_text(1, r->agent_id).bind_text(2, lifecycle).bind_int(3, seq_of(e));
  return agent_lifecycle_.run();
}

}  // namespace ta::store
