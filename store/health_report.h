#pragma once
// The team's health as the projections hold it (store/fold_health.cc), for
// `status` and `stuck`: each agent's turn state, whether it is stuck, waits
// on a person or faulted, and why the idle reminder is (not) sent.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "events/event.h"
#include "store/db.h"
#include "util/result.h"

namespace ta::store {

struct AgentHealthRow {
  std::string agent_id, turn_state, turn_reason, turn_source, turn_at;
  bool stuck = false;
  std::string stuck_at;
  std::int64_t stuck_quiet_s = 0, stuck_pending = 0;
  std::string blocked_reason, blocked_at;
  std::int64_t faults = 0;
  std::string last_fault, last_fault_error, last_fault_at, deadlock_at, cancelled_at;
};

struct TeamHealthRow {
  std::string idle_reason;
  bool idle_armed = false;
  std::vector<std::string> idle_blocking;
  std::string idle_reason_at, episode_started_at;
  std::int64_t reminders = 0;
  std::string last_reminder_at, last_reminder_message_id, acknowledged_at;
  std::int64_t acknowledged_for_s = 0;
};

struct TeamHealth {
  std::map<std::string, AgentHealthRow> agents;  // by agent id
  std::optional<TeamHealthRow> team;
};

// Empty when the projections have no health tables (an older state.db).
Result<TeamHealth> load_team_health(Database& db);

// "health:" then one line per agent and the idle reminder's reason; empty
// when nothing is known.
std::string health_text(const TeamHealth& h);
events::Json agent_health_json(const AgentHealthRow& a);
events::Json idle_json(const std::optional<TeamHealthRow>& t);

}  // namespace ta::store
