#pragma once
// The real-CLI tier: the pinned Claude Code and Codex CLIs, installed by
// scripts/install-real-clis.sh into .deps/npm, started by `team-agent run`
// in a sandbox that keeps them off the user's own files and accounts: a
// fresh HOME (CLAUDE_CONFIG_DIR, CODEX_HOME, XDG dirs) with their first-run
// setup done, a fresh git workspace, the run's private tmux server and a fake
// API key. They reach no API: a submitted message ends in a network error.
#include <string>

#include <nlohmann/json.hpp>

#include "tests/e2e/run_fixture.h"

namespace ta::test {

// Where the pinned CLIs are, or why the tier cannot run.
struct RealClis {
  std::string prefix;   // the npm prefix (.deps/npm)
  std::string bin_dir;  // <prefix>/node_modules/.bin
  std::string claude, codex;
  std::string skip_reason;  // empty: both are there
};

// TEAM_AGENT_REAL_CLI_PREFIX when set, else the prefix CMake was given.
RealClis locate_real_clis();

// What a CLI may show but nothing under .team/ may keep.
inline constexpr const char* kFakeOpenAiKey = "sk-proj-FAKEteamAgentRealTier0000000000000000000000";

// Where a RealTeam's workspace and its git repository sit inside the
// temporary directory: by default the workspace is the repository's root;
// a workspace below `git_root` is a subdirectory of a git project.
struct RealLayout {
  std::string workspace = "ws";
  std::string git_root = "ws";
};

// A sandboxed team of real CLIs. Its workspace (`ws/`, a git repository,
// unless a RealLayout says otherwise) and HOME (`home/`) sit in one
// temporary directory; when it goes, the tmux
// server and every process that names that directory (Codex's app-server
// daemon re-parents to pid 1 and ignores SIGTERM) are SIGKILLed.
class RealTeam {
 public:
  // `spec` is the team spec as written to .team/team.json.
  RealTeam(const RealClis& clis, const nlohmann::json& spec, const RealLayout& layout = {});
  ~RealTeam();
  RealTeam(const RealTeam&) = delete;
  RealTeam& operator=(const RealTeam&) = delete;

  TeamWorkspace& workspace() { return ws_; }
  const std::string& home() const { return home_; }
  // The git repository's root (the workspace itself by default).
  const std::string& git_root() const { return git_root_; }
  // The environment of `team-agent run` (and so of its tmux server and panes).
  const Env& env() const { return env_; }
  // Whether the agent's pane still runs its program.
  bool pane_alive(const std::string& agent) const;

 private:
  void login_codex(const RealClis& clis);

  TeamWorkspace ws_;
  std::string home_;
  std::string git_root_;
  Env env_;
};

// SIGKILLs every process (other than this one) whose command line or
// environment contains `needle`, until none is left or `patience` has
// passed; returns how many were killed.
int kill_processes_naming(const std::string& needle,
                          std::chrono::milliseconds patience = std::chrono::seconds(5));

}  // namespace ta::test
