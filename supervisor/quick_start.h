#pragma once
// The quick start (`team-agent claude [ARGS…]`, `team-agent codex …`): the
// team of the current folder made ready for its leader to be opened. A
// folder without .team/team.json gets a team whose leader is that CLI (its
// ARGS kept in the leader's "args") and no workers; an existing team is
// reused as it is, refused when its leader is another CLI. The supervisor
// is started in the background (`team-agent run -q`, its output in
// .team/logs/run.log) or, when one runs, adopted; then the event log is
// watched, bounded, until the leader's pane exists.
#include <chrono>
#include <string>
#include <vector>

#include "config/paths.h"
#include "util/result.h"

namespace ta::supervisor {

struct QuickStartRequest {
  std::string provider;           // the leader's CLI: claude, codex or fake
  std::vector<std::string> args;  // for a new team: passed on to the leader's CLI
  std::chrono::seconds timeout{60};  // for the leader's pane to appear
};

struct QuickStartOutcome {
  std::string team;
  std::string team_json;
  bool created_team = false;
  bool started_supervisor = false;  // false: the running one was adopted
  int supervisor_pid = 0;
  std::string run_log;            // where a supervisor started here writes its output
  bool args_not_applied = false;  // ARGS given, but the existing team's leader keeps its own
};

// An Error with exit 2 when the team spec is invalid or its leader is
// another CLI; exit 1 when the supervisor exits, or the leader's pane ends
// or does not appear in time.
Result<QuickStartOutcome> quick_start(const config::Paths& paths, const QuickStartRequest& r);

}  // namespace ta::supervisor
