#include "store/health_report.h"

#include "store/rows.h"
#include "store/report_values.h"
#include "util/when.h"

namespace ta::store {

namespace {

using events::Json;

constexpr const char* kHealthAgentsSql =
  "SELECT agent_id, turn_state, turn_reason, turn_source, turn_at, stuck_at, blocked_reason, "
  "blocked_at, last_fault, last_fault_error, last_fault_at, deadlock_at, cancelled_at, stuck, "
  "stuck_quiet_s, stuck_pending, faults FROM agent_health ORDER BY agent_id";
constexpr const char* kTeamSql =
  "SELECT idle_reason, idle_blocking, idle_reason_at, episode_started_at, last_reminder_at, "
  "last_reminder_message_id, acknowledged_at, idle_armed, reminders, acknowledged_for_s "
  "FROM team_health WHERE id = 1";


std::string agent_line(const AgentHealthRow& a) {
  std::string line = "  " + a.agent_id + ": " + (a.turn_state.empty() ? "unknown" : a.turn_state);
  if (!a.turn_reason.empty()) line += " (" + a.turn_reason + ")";
  if (a.stuck)
    line += "; STUCK: no output or progress for " + std::to_string(a.stuck_quiet_s) +
            " s (`team-agent cancel " + a.agent_id + "` interrupts it)";
  if (!a.blocked_reason.empty()) line += "; waits on a person: " + a.blocked_reason;
  if (a.faults > 0)
    line += "; " + std::to_string(a.faults) + " fault" + (a.faults == 1 ? "" : "s") +
            ", last " + a.last_fault;
  return line + "\n";
}

}  // namespace

Result<TeamHealth> load_team_health(Database& db) {
  TeamHealth out;
  if (!db.table_exists("agent_health")) return out;
  auto st = each_row(db, kHealthAgentsSql, [&](Statement& s) {
    AgentHealthRow a;
    text_columns(s, 0, {&a.agent_id, &a.turn_state, &a.turn_reason, &a.turn_source, &a.turn_at,
                        &a.stuck_at, &a.blocked_reason, &a.blocked_at, &a.last_fault,
                        &a.last_fault_error, &a.last_fault_at, &a.deadlock_at, &a.cancelled_at});
    a.stuck = s.column_int(13) != 0;
    a.stuck_quiet_s = s.column_int(14);
    a.stuck_pending = s.column_int(15);
    a.faults = s.column_int(16);
    out.agents.emplace(a.agent_id, std::move(a));
  });
  if (!st) return st.error();
  st = each_row(db, kTeamSql, [&](Statement& s) {
    TeamHealthRow t;
    std::string blocking;
    text_columns(s, 0, {&t.idle_reason, &blocking, &t.idle_reason_at, &t.episode_started_at,
                        &t.last_reminder_at, &t.last_reminder_message_id, &t.acknowledged_at});
    auto b = Json::parse(blocking, nullptr, false);
    if (b.is_array())
      for (const auto& x : b)
        if (x.is_string()) t.idle_blocking.push_back(x.get<std::string>());
    t.idle_armed = s.column_int(7) != 0;
    t.reminders = s.column_int(8);
    t.acknowledged_for_s = s.column_int(9);
    out.team = std::move(t);
  });
  if (!st) return st.error();
  return out;
}

std::string health_text(const TeamHealth& h) {
  if (h.agents.empty() && !h.team) return {};
  std::string out = "health:\n";
  for (const auto& [_, a] : h.agents) out += agent_line(a);
  if (h.team && !h.team->idle_reason.empty()) {
    out += "  idle reminder: " + h.team->idle_reason;
    if (h.team->reminders > 0)
      out += "; " + std::to_string(h.team->reminders) + " sent, last at " +
             second_text(h.team->last_reminder_at);
    out += "\n";
  }
  return out;
}

Json agent_health_json(const AgentHealthRow& a) {
  return Json{{"turn_state", or_null(a.turn_state)},
              {"turn_reason", or_null(a.turn_reason)},
              {"turn_source", or_null(a.turn_source)},
              {"turn_at", or_null(a.turn_at)},
              {"stuck", a.stuck},
              {"stuck_at", or_null(a.stuck_at)},
              {"stuck_quiet_s", a.stuck_quiet_s},
              {"stuck_pending_messages", a.stuck_pending},
              {"blocked_on_human", or_null(a.blocked_reason)},
              {"faults", a.faults},
              {"last_fault", or_null(a.last_fault)},
              {"last_fault_error", or_null(a.last_fault_error)},
              {"last_fault_at", or_null(a.last_fault_at)},
              {"deadlock_suspected_at", or_null(a.deadlock_at)},
              {"cancelled_at", or_null(a.cancelled_at)}};
}

Json idle_json(const std::optional<TeamHealthRow>& t) {
  if (!t) return Json();
  return Json{{"reason", or_null(t->idle_reason)},
              {"armed", t->idle_armed},
              {"blocking", t->idle_blocking},
              {"reason_at", or_null(t->idle_reason_at)},
              {"episode_started_at", or_null(t->episode_started_at)},
              {"reminders", t->reminders},
              {"last_reminder_at", or_null(t->last_reminder_at)},
              {"last_reminder_message_id", or_null(t->last_reminder_message_id)},
              {"acknowledged_at", or_null(t->acknowledged_at)},
              {"acknowledged_for_s", t->acknowledged_for_s}};
}

}  // namespace ta::store
