#pragma once
// How `status` (and `replay --until`) present the projections: a compact
// text summary for people and one JSON object for machines.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "events/event.h"
#include "store/queries.h"

namespace ta::store {

// The supervisor as its lock and record show it right now. Liveness comes
// from the lock alone; the record only says who holds it.
struct LiveSupervisor {
  bool running = false;
  int pid = 0;                            // 0: the holder has not written its record yet
  std::string started_at, run_id;
  std::optional<std::int64_t> uptime_s;   // nothing when started_at is unreadable
  // Lock free but a record left by a supervisor that died: `doctor --fix`.
  // 0 when that record cannot be read.
  std::optional<int> stale_pid;
  std::string stale_started_at;
};

struct StatusPresentation {
  // Nothing when liveness does not apply (a replayed point in the past).
  std::optional<LiveSupervisor> supervisor;
  // The present, for "12 s ago"; nothing shows every time absolute (a
  // replayed point in the past has no "now").
  std::optional<std::int64_t> now;
  std::size_t width = 100;  // the text's lines fit in this many columns
};

// "42s", "3m12s", "2h05m", "3d04h".
std::string format_uptime(std::int64_t seconds);

// One sentence for an agent whose program exited while starting: the
// recognised cause and what to do about it.
std::string exit_sentence(const std::string& cause, const std::string& advice);

// Adds a row (with zero counts) for each id not already among the agents,
// keeping them ordered by id: agents of the team spec that have no events yet.
void add_known_agents(StatusData& d, const std::vector<std::string>& agent_ids);

// The report for people, every line within p.width columns.
std::string format_status_text(const StatusData& d, const StatusPresentation& p);
// One line per agent: name, provider, state, queue depth, last activity.
std::string format_status_summary(const StatusData& d, const StatusPresentation& p);
events::Json status_json(const StatusData& d, const StatusPresentation& p);

}  // namespace ta::store
