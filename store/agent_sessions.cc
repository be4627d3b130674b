#include "store/agent_sessions.h"

#include "store/rows.h"

namespace ta::store {

namespace {

constexpr const char* kCurrentSql = R"sql(
SELECT agent_id, provider, format, session_id, path, state, launch_mode, via, confidence,
       missing_reason, launched_at, captured_at, launch_root
FROM agent_sessions ORDER BY agent_id)sql";

constexpr const char* kRecordsSql =
    "SELECT seq, agent_id, kind, provider, format, session_id, path, ts FROM session_records "
    "ORDER BY seq";

constexpr const char* kFirstSendSql =
    "SELECT agent_id, first_send_at FROM agents WHERE first_send_at IS NOT NULL";

}  // namespace

Result<SessionHistory> load_session_history(Database& db) {
  SessionHistory out;
  if (db.table_exists("agent_sessions")) {
    auto st = each_row(db, kCurrentSql, [&](Statement& s) {
      AgentSessionRow r;
      text_columns(s, 0, {&r.agent_id, &r.provider, &r.format, &r.session_id, &r.path, &r.state,
                          &r.launch_mode, &r.via, &r.confidence, &r.missing_reason,
                          &r.launched_at, &r.captured_at, &r.launch_root});
      out.current.emplace(r.agent_id, std::move(r));
    });
    if (!st) return st.error();
    st = each_row(db, kRecordsSql, [&](Statement& s) {
      SessionRecordRow r;
      r.seq = static_cast<std::uint64_t>(s.column_int(0));
      text_columns(s, 1,
                   {&r.agent_id, &r.kind, &r.provider, &r.format, &r.session_id, &r.path, &r.ts});
      out.records[r.agent_id].push_back(std::move(r));
    });
    if (!st) return st.error();
  }
  if (db.table_exists("agents")) {
    auto st = each_row(db, kFirstSendSql, [&](Statement& s) {
      out.first_send_at[s.column_text(0)] = s.column_text(1);
    });
    if (!st) return st.error();
  }
  return out;
}

}  // namespace ta::store
