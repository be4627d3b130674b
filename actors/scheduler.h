#pragma once
// The scheduler actor (SPEC §1.3): durable timers. A timer exists because a
// schedule.created event exists; it fires by appending schedule.fired and
// then messaging the owner actor. Timers are armed from the event bus, so
// one created by another process (a CLI command) is armed too, and at start
// every pending timer is re-armed from the projection's `scheduled` table.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "actors/interfaces.h"
#include "config/paths.h"
#include "util/result.h"

namespace ta::actors {

struct PendingTimer {
  std::string schedule_id;
  std::string kind;     // a TimerKind's name (timer_kind.h), or one this build does not know
  std::string owner;
  std::string due_at;   // RFC 3339 UTC
  std::string payload;  // JSON text
};

// Reads the pending timers from state.db (read-only). Blocking: call it on
// the thread that spawns the scheduler, never inside an actor.
Result<std::vector<PendingTimer>> load_pending_timers(const config::Paths& paths);

struct SchedulerState {
  store_writer_actor writer;
  timer_owner_actor owner;  // routes fired timers by owner name
  std::map<std::string, PendingTimer> pending;
  std::set<std::string> firing;  // schedule.fired appended, reply not back yet
  static inline const char* name = "scheduler";
};

// Subscribes to `writer`'s event bus and arms `pending`. A timer created
// between load_pending_timers() and the subscription would not be seen, so
// the supervisor reads `pending` from the projection the store_writer folded
// before it starts, and subscribes the scheduler before that start.
scheduler_actor::behavior_type scheduler(scheduler_actor::stateful_pointer<SchedulerState> self,
                                         store_writer_actor writer, timer_owner_actor owner,
                                         std::vector<PendingTimer> pending);

}  // namespace ta::actors
