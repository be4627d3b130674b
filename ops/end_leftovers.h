#pragma once
// Ending what a team left running outside its panes (daemons a CLI forked,
// such as Codex's app server): found by the team's marker
// (terminal/pane_processes.h), recorded, and ended TERM then KILL, except
// those that serve processes outside the team, which are left running.
#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "config/paths.h"
#include "events/event.h"
#include "terminal/pane_processes.h"
#include "util/result.h"

namespace ta::ops {

// The pids tmux reports for the team's panes whose program still runs;
// empty when the team's tmux server does not run.
Result<std::vector<pid_t>> live_pane_pids(const config::Paths& paths);

// Waits, at most `limit`, until no process is left in the sessions led by
// `session_leaders` (tmux starts each pane's program in a session of its
// own, so what stays in it went down with the pane's terminal); polls /proc.
void await_sessions_gone(const std::vector<pid_t>& session_leaders,
                         std::chrono::milliseconds limit);

struct EndLeftoversOptions {
  std::vector<pid_t> live_pane_pids;  // their trees are not leftovers
  std::string agent_id;               // non-empty: only this agent's
  std::string found_at = "shutdown";  // pane.process_escaped's found_at
  std::string reason = "shutdown";    // shutdown.process_ended's reason
  std::chrono::milliseconds grace{3000};
};

struct EndedLeftover {
  terminal::Leftover leftover;
  std::string signal;          // SIGTERM | SIGKILL | "" (gone first)
  bool still_running = false;  // it could not be ended
};

struct LeftoversOutcome {
  std::vector<EndedLeftover> ended;
  std::vector<terminal::Leftover> kept;  // they serve outsiders
  bool all_ended() const;
};

// Appends events; how depends on who asks (the CLI appends to the log
// directly once the supervisor has stopped).
using Record = std::function<Status(std::vector<events::Draft>)>;

// Finds the team's leftovers, records pane.process_escaped for each, ends
// those serving no outsider (shutdown.process_ended for each) and records
// shutdown.process_kept for the others. Recording fails: nothing is ended.
Result<LeftoversOutcome> end_leftovers(const config::Paths& paths, const EndLeftoversOptions& o,
                                       const Record& record);

// One sentence saying which process was left running and why.
std::string kept_sentence(const terminal::Leftover& kept);

}  // namespace ta::ops
