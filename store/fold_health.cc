// The team's health as `status` and `stuck` show it: each agent's turn
// state, whether it is stuck or waits on a person, its faults; and why the
// leader's idle reminder was (not) sent.
#include <functional>

#include "events/types.h"
#include "store/fold.h"
#include "store/fold_helpers.h"

namespace ta::store {

using events::Event;
using namespace fold_helpers;

namespace {

constexpr const char* kUpsertAgent =
  "INSERT INTO agent_health(agent_id, updated_seq) VALUES (?1, ?2) "
  "ON CONFLICT(agent_id) DO UPDATE SET updated_seq = excluded.updated_seq";
constexpr const char* kUpsertTeam =
  "INSERT INTO team_health(id, updated_seq) VALUES (1, ?1) "
  "ON CONFLICT(id) DO UPDATE SET updated_seq = excluded.updated_seq";

struct HealthWrite {
  std::string_view type;
  const char* sql;  // ?1 agent_id (agent rows) or nothing; ?2.. as bound
  std::function<Status(Statement&, const Event&)> bind;  // and run
  bool team = false;  // the team_health row, not an agent's
};

// Decodes as T (so a mismatching event is an error), binds from it and
// runs the statement while the decoded value (which the bound text points
// into) still lives.
template <class T, class F>
std::function<Status(Statement&, const Event&)> binder(F f) {
  return [f](Statement& st, const Event& e) -> Status {
    auto v = events::decode<T>(e);
    if (!v) return v.error();
    std::string scratch;  // for text made up here
    f(st, *v, e, scratch);
    return st.run();
  };
}

const std::vector<HealthWrite>& health_writes() {
  using namespace events;
  static const std::vector<HealthWrite> writes = {
    {AgentTurnStateChanged::kType,
     "UPDATE agent_health SET turn_state = ?2, turn_reason = ?3, turn_source = ?4, turn_at = ?5, "
     "blocked_reason = CASE WHEN ?2 = 'blocked_on_human' THEN blocked_reason END, "
     "blocked_at = CASE WHEN ?2 = 'blocked_on_human' THEN blocked_at END WHERE agent_id = ?1",
     binder<AgentTurnStateChanged>([](Statement& st, auto& v, const Event& e, std::string&) {
       st.bind_text(1, v.agent_id).bind_text(2, v.to).bind_text_or_null(3, v.reason);
       st.bind_text_or_null(4, v.source).bind_text(5, e.ts);
     })},
    {AgentStuck::kType,
     "UPDATE agent_health SET stuck = 1, stuck_at = ?2, stuck_quiet_s = ?3, stuck_pending = ?4 "
     "WHERE agent_id = ?1",
     binder<AgentStuck>([](Statement& st, auto& v, const Event& e, std::string&) {
       st.bind_text(1, v.agent_id).bind_text(2, e.ts).bind_int(3, static_cast<std::int64_t>(v.quiet_s));
       st.bind_int(4, v.pending_messages);
     })},
    {AgentUnstuck::kType, "UPDATE agent_health SET stuck = 0 WHERE agent_id = ?1",
     binder<AgentUnstuck>([](Statement& st, auto& v, const Event&, std::string&) { st.bind_text(1, v.agent_id); })},
    {AgentFault::kType,
     "UPDATE agent_health SET faults = faults + 1, last_fault = ?2, last_fault_error = ?3, "
     "last_fault_at = ?4 WHERE agent_id = ?1",
     binder<AgentFault>([](Statement& st, auto& v, const Event& e, std::string&) {
       st.bind_text(1, v.agent_id).bind_text(2, v.signature).bind_text_or_null(3, v.error);
       st.bind_text(4, e.ts);
     })},
    {AgentBlockedOnHuman::kType,
     "UPDATE agent_health SET blocked_reason = ?2, blocked_at = ?3 WHERE agent_id = ?1",
     binder<AgentBlockedOnHuman>([](Statement& st, auto& v, const Event& e, std::string&) {
       st.bind_text(1, v.agent_id).bind_text(2, v.reason).bind_text(3, e.ts);
     })},
    {TeamDeadlockSuspected::kType, "UPDATE agent_health SET deadlock_at = ?2 WHERE agent_id = ?1",
     binder<TeamDeadlockSuspected>([](Statement& st, auto& v, const Event& e, std::string&) {
       st.bind_text(1, v.agent_id).bind_text(2, e.ts);
     })},
    {AgentCancelled::kType,
     "UPDATE agent_health SET cancelled_at = CASE WHEN ?2 THEN ?3 ELSE cancelled_at END "
     "WHERE agent_id = ?1",
     binder<AgentCancelled>([](Statement& st, auto& v, const Event& e, std::string&) {
       st.bind_text(1, v.agent_id).bind_int(2, v.ok ? 1 : 0).bind_text(3, e.ts);
     })},
    {IdleWatchChanged::kType,
     "UPDATE team_health SET idle_reason = ?1, idle_armed = ?2, idle_blocking = ?3, "
     "idle_reason_at = ?4 WHERE id = 1",
     binder<IdleWatchChanged>([](Statement& st, auto& v, const Event& e, std::string& blocking) {
       blocking = events::Json(v.blocking).dump();
       st.bind_text(1, v.reason).bind_int(2, v.armed ? 1 : 0);
       st.bind_text(3, blocking).bind_text(4, e.ts);
     }), true},
    {IdleEpisodeStarted::kType, "UPDATE team_health SET episode_started_at = ?1 WHERE id = 1",
     binder<IdleEpisodeStarted>([](Statement& st, auto&, const Event& e, std::string&) { st.bind_text(1, e.ts); }),
     true},
    {IdleReminderSent::kType,
     "UPDATE team_health SET reminders = reminders + 1, last_reminder_at = ?1, "
     "last_reminder_message_id = ?2 WHERE id = 1",
     binder<IdleReminderSent>([](Statement& st, auto& v, const Event& e, std::string&) {
       st.bind_text(1, e.ts).bind_text(2, v.message_id);
     }), true},
    {IdleAcknowledged::kType,
     "UPDATE team_health SET acknowledged_at = ?1, acknowledged_for_s = ?2 WHERE id = 1",
     binder<IdleAcknowledged>([](Statement& st, auto& v, const Event& e, std::string&) {
       st.bind_text(1, e.ts).bind_int(2, static_cast<std::int64_t>(v.for_s));
     }), true},
  };
  return writes;
}

}  // namespace

bool Fold::is_health_event(const std::string& type) {
  for (const auto& w : health_writes())
    if (type == w.type) return true;
  return false;
}

Status Fold::prepare_health() {
  for (const auto& w : health_writes()) {
    auto st = db_.prepare(w.sql);
    if (!st) return st.error();
    health_.emplace(std::string(w.type), std::move(*st));
  }
  for (auto [st, sql] : {std::pair<Statement*, const char*>{&health_agent_row_, kUpsertAgent},
                         {&health_team_row_, kUpsertTeam},
                         {&health_new_run_, "UPDATE agent_health SET stuck = 0, "
                                            "turn_state = 'unknown', turn_reason = 'new_run'"}}) {
    auto p = db_.prepare(sql);
    if (!p) return p.error();
    *st = std::move(*p);
  }
  return ok_status();
}

Status Fold::on_health(const Event& e) {
  for (const auto& w : health_writes()) {
    if (e.type != w.type) continue;
    if (w.team) {
      if (auto st = health_team_row_.bind_int(1, seq_of(e)).run(); !st) return st;
    } else {
      const std::string agent = e.data.value("agent_id", "");
      if (agent.empty()) return ok_status();
      if (auto st = health_agent_row_.bind_text(1, agent).bind_int(2, seq_of(e)).run(); !st)
        return st;
    }
    return w.bind(health_.at(std::string(w.type)), e);
  }
  return ok_status();
}

Status Fold::reset_health_for_new_run() { return health_new_run_.run(); }

}  // namespace ta::store
