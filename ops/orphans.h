#pragma once
// Team-agent processes that outlived their workspace: a supervisor whose
// workspace was deleted (or replaced: the lock it holds is no longer the
// workspace's lock), and a team's tmux server whose workspace is gone. They
// are found from /proc alone — a process's open files, environment and
// working directory, never a parsed `ps` line, so a workspace path with
// spaces is right — and nothing of a live workspace is ever listed.
#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "util/processes.h"

namespace ta::ops {

struct Orphan {
  ProcessInfo process;
  std::string kind;       // "supervisor" | "tmux_server"
  std::string workspace;  // as the process knew it
  // workspace_deleted: the workspace (or its .team) no longer exists;
  // lock_replaced: the supervisor holds a lock file that is no longer the
  // workspace's (the workspace was deleted and made again).
  std::string reason;
};

// Every orphan on this machine that this user may see.
std::vector<Orphan> find_orphans();

struct EndedOrphan {
  Orphan orphan;
  std::string signal;          // SIGTERM | SIGKILL | "" (gone first)
  bool still_running = false;  // could not be ended
};

// SIGTERM to each orphan's process group (a tmux server takes its panes
// with it), up to `grace` to go, then SIGKILL.
std::vector<EndedOrphan> end_orphans(const std::vector<Orphan>& orphans,
                                     std::chrono::milliseconds grace);

// Pure parts, for tests: whether a command line is `team-agent run` or a
// team's tmux server (`tmux -L team-agent-…`), and the workspace a
// supervisor lock path belongs to ("" when it is not one; a deleted file's
// " (deleted)" suffix is reported through `deleted`).
bool is_supervisor_command(const std::string& command);
bool is_team_tmux_command(const std::string& command);
std::string workspace_of_lock_link(std::string link, bool& deleted);

}  // namespace ta::ops
