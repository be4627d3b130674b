#pragma once
// Where a workspace keeps its state. Everything lives under <workspace>/.team,
// created 0700 with files 0600.
#include <string>

#include "util/result.h"

namespace ta::config {

struct Paths {
  std::string workspace;        // absolute, canonical
  std::string team_dir;         // <workspace>/.team
  std::string events_dir;       // .team/events
  std::string state_db;         // .team/state.db
  std::string state_lock;       // .team/state.lock (held by the one projector)
  std::string team_json;        // .team/team.json
  std::string supervisor_lock;  // .team/supervisor.lock (held by a running `run`)
  std::string leader_inbox;     // .team/leader-inbox.log

  static Paths for_workspace(const std::string& canonical_workspace);
};

// Finds the workspace: `flag` when given, else $TEAM_AGENT_WORKSPACE, else the
// nearest directory at or above the current one that holds `.team/`, else
// the current directory.
Result<Paths> resolve_workspace(const std::string& flag);

// The git repository root holding `dir`: the nearest directory at or above
// it with a `.git` entry (a directory, or a file in a worktree or
// submodule); empty when there is none. A CLI started in a git subdirectory
// asks to trust that root rather than `dir` (SPEC §5).
std::string find_repository_root(const std::string& dir);

// Creates .team/ (0700) and .team/events/ if missing, then secure_team_dir.
Status ensure_team_dir(const Paths& p);

// Checks what is already in .team/ before anything there is opened: no
// symbolic link in place of the tool's own files or directories (each
// refused, exit 2, naming it; only team.json and providers/, which are
// only read, may be links), and directories 0700 / files 0600 where they
// were made wider (refused when another user owns them and others may
// write there). Ok when .team/ does not exist yet.
Status secure_team_dir(const Paths& p);

// Whether a supervisor currently holds the workspace's supervisor lock.
bool supervisor_running(const Paths& p);

}  // namespace ta::config
