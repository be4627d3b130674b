#pragma once
// What `team-agent run` starts, decided before anything starts: one pane per
// member (leader first) with the provider's launch command, the pane's
// environment, its working directory and the CLI session it starts in (a
// fresh one, or the one a restart resumes). A pure function of the spec, the
// workspace, the binary's path and the session choices, so it is tested
// without tmux and a restart of one agent reproduces its original command.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "config/provider_profile.h"
#include "config/team_spec.h"
#include "util/result.h"

namespace ta::config {

struct PanePlan {
  std::string agent_id;
  std::string provider;
  std::string window_name;        // the agent id
  std::vector<std::string> argv;  // executed directly, never by a shell
  // Set in the pane only, in this order (the same shape as terminal::SpawnSpec).
  std::vector<std::pair<std::string, std::string>> env;
  std::string cwd;  // the workspace
  // The session its CLI starts in: the format whose files keep it ("claude",
  // "codex"; "" when none we know), fresh or resumed, and its id (Claude's
  // fresh id is ours; a fresh Codex session's id is only known once found).
  std::string session_format;
  bool session_resumed = false;
  std::string session_id;
  std::string system_prompt;
  // The agent's MCP configuration (.team/mcp/<id>.json): the team_agent
  // server its CLI starts, as Claude's --mcp-config reads it. Written by
  // whoever starts the pane, just before (write_mcp_config).
  std::string mcp_config_path;
  std::string mcp_config_json;
};

// How one agent's CLI is to start: resuming `session_id`, or fresh (with
// `session_id` as the new id when the CLI takes one; empty: a random one).
struct SessionChoice {
  bool resume = false;
  std::string session_id;
};

struct LaunchPlan {
  std::string team;
  std::string tmux_session;  // see tmux_session_for_team
  std::string run_id;
  std::vector<PanePlan> panes;  // leader first, then the workers in file order
};

// Provider name -> profile; load_provider_profile(name, workspace) by default.
using ProfileLookup =
    std::function<Result<std::shared_ptr<const ProviderProfile>>(const std::string& provider)>;

struct LaunchInputs {
  std::string workspace;       // absolute, canonical
  std::string team_agent_bin;  // absolute path of this binary
  std::string run_id;          // random per run (new_run_id())
  std::string path;            // the PATH the panes would inherit; the binary's dir goes first
  std::string fake_mode;       // --mode for fake agents (codex|claude|plain); empty: its default
  ProfileLookup profiles;      // empty: load_provider_profile(name, workspace)
  std::map<std::string, SessionChoice> sessions;  // by agent id; missing: fresh
};

// The whole plan, or the first problem as one sentence (an unknown provider,
// a bad workspace override, a relative binary path).
Result<LaunchPlan> plan_launch(const TeamSpec& spec, const LaunchInputs& in);

// The tmux session that holds the team's panes: the team name, which
// is_safe_name() already restricts to characters tmux takes as is.
std::string tmux_session_for_team(const std::string& team);

// A new random UUID (version 4) for a fresh session: never derived from the
// run, so no two sessions of an agent can share an id.
std::string random_session_uuid();

// The name under which every agent's CLI knows the team's MCP server; its
// tools appear as mcp__team_agent__* and its approval prompts name it.
inline constexpr const char* kMcpServerName = "team_agent";

// The MCP configuration that starts `team-agent mcp` as `agent_id` of
// `workspace` under the server name kMcpServerName (Claude's --mcp-config shape).
std::string mcp_config_json(const std::string& team_agent_bin, const std::string& agent_id,
                            const std::string& workspace);

// Writes pane.mcp_config_json to pane.mcp_config_path (0600, its directory
// 0700), unless the plan has none.
Status write_mcp_config(const PanePlan& pane);

// The standing instructions an agent gets: who it is, its role, its team
// and how to talk to the others.
std::string system_prompt_for(const TeamSpec& spec, const AgentSpec& agent);

}  // namespace ta::config
