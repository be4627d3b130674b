#include "store/team_incidents.h"

#include "store/rows.h"

namespace ta::store {

namespace {

constexpr const char* kIncidentSql = R"sql(
SELECT run_id, tmux_lost_at, tmux_socket, tmux_session, tmux_why, restarted_as, gone_at,
       gone_detected_by, tmux_lost_seq, restart_gave_up
FROM team_incidents WHERE run_id = ?1)sql";

constexpr const char* kLastRunSql = R"sql(
SELECT run_id, state FROM supervisors
ORDER BY COALESCE(started_seq, updated_seq) DESC LIMIT 1)sql";

bool has_incidents_table(Database& db) {
  auto n = db.query_int(
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'team_incidents'");
  return n && *n > 0;
}

}  // namespace

Result<std::optional<TeamIncident>> team_incident(Database& db, const std::string& run_id) {
  std::optional<TeamIncident> out;
  if (run_id.empty() || !has_incidents_table(db)) return out;
  auto st = db.prepare(kIncidentSql);
  if (!st) return st.error();
  st->bind_text(1, run_id);
  auto read = each_row(*st, [&](Statement& row) {
    TeamIncident i;
    text_columns(row, 0, {&i.run_id, &i.tmux_lost_at, &i.tmux_socket, &i.tmux_session,
                          &i.tmux_why, &i.restarted_as, &i.gone_at, &i.gone_detected_by});
    i.tmux_lost_seq = static_cast<std::uint64_t>(row.column_int(8));
    i.restart_gave_up = row.column_int(9) != 0;
    out = std::move(i);
  });
  if (!read) return read.error();
  return out;
}

Result<std::optional<LastRun>> last_supervisor_run(Database& db) {
  std::optional<LastRun> out;
  auto read = each_row(db, kLastRunSql, [&](Statement& row) {
    LastRun r;
    text_columns(row, 0, {&r.run_id, &r.state});
    out = std::move(r);
  });
  if (!read) return read.error();
  return out;
}

}  // namespace ta::store
