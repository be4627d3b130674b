#pragma once
// `team-agent run` as a function: the foreground supervisor of one team.
#include <string>

#include "config/paths.h"
#include "util/result.h"

namespace ta::supervisor {

struct RunOptions {
  std::string config;     // team spec to use instead of .team/team.json
  bool quiet = false;     // no live log, no banner
  std::string fake_mode;  // screen style of fake agents: codex, claude or plain
  bool restart = false;      // close and start again every member's pane, resuming sessions
  bool allow_fresh = false;  // an agent whose context cannot be resumed may start fresh
  bool no_display = false;   // one window per agent, no border labels (scripts)
};

// How a run that started ended.
struct RunEnded {
  int exit_code = 0;
  std::string run_id;  // the last run (a restart after a lost tmux server makes a new one)
  std::string reason;  // as supervisor.stopped recorded it (shutdown, SIGINT, …); empty: unknown
  std::string error;   // the sentence printed on stderr; empty when the stop was asked for
};

// The one line a run stopped by Ctrl-C prints on stderr: the agents are
// left running on purpose.
inline constexpr const char* kInterruptedRunLine =
  "supervisor stopped; agents keep running — `team-agent run` adopts them, "
  "`team-agent shutdown --kill-panes` stops them";

// Runs the team until a signal or `team-agent shutdown` stops it. An error
// before the team started (invalid spec, lock held, tmux missing) comes back
// as an Error; otherwise how it ended, its exit code 0 after a shutdown, 130/143/129 after
// SIGINT/SIGTERM/SIGHUP, 1 when the run failed. A team whose tmux server
// is lost is started again here under runtime.restart "on-failure" (at most
// 3 times within 10 minutes); otherwise the run stays up with its panes
// gone until `team-agent restart` or a shutdown.
Result<RunEnded> run_team(const config::Paths& workspace, const RunOptions& o);

}  // namespace ta::supervisor
