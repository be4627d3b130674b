#pragma once
// What `team-agent run` starts, decided before anything starts: one pane per
// member (leader first) with the provider's launch command, the pane's
// environment and its working directory. A pure function of the spec, the
// workspace, the binary's path and the run id, so it is tested without tmux
// and a restart of one agent reproduces exactly its original command.
#include <functional>
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
  std::string cwd;         // the workspace
  std::string session_id;  // a UUID, stable for this agent within one run
  std::string system_prompt;
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
  std::string run_id;          // random per run (new_run_id()); seeds the session ids
  std::string path;            // the PATH the panes would inherit; the binary's dir goes first
  std::string fake_mode;       // --mode for fake agents (codex|claude|plain); empty: its default
  ProfileLookup profiles;      // empty: load_provider_profile(name, workspace)
};

// The whole plan, or the first problem as one sentence (an unknown provider,
// a bad workspace override, a relative binary path).
Result<LaunchPlan> plan_launch(const TeamSpec& spec, const LaunchInputs& in);

// The tmux session that holds the team's panes: the team name, which
// is_safe_name() already restricts to characters tmux takes as is.
std::string tmux_session_for_team(const std::string& team);

// A UUID (version-4 layout) derived from the run id and the agent id: the
// same pair always gives the same UUID, different pairs differ. Derived
// rather than drawn so a restarted pane resumes its own conversation.
std::string session_uuid(const std::string& run_id, const std::string& agent_id);

// The standing instructions an agent gets: who it is, its role, its team
// and how to talk to the others.
std::string system_prompt_for(const TeamSpec& spec, const AgentSpec& agent);

}  // namespace ta::config
