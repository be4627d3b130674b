#pragma once
// Who the MCP server acts for: one agent of one team, named by the
// environment the team's launch gives it ($TEAM_AGENT_ID,
// $TEAM_AGENT_WORKSPACE). Every tool acts as that agent, inside that
// workspace only.
#include <string>

#include "config/paths.h"
#include "util/result.h"

namespace ta::mcp {

struct Identity {
  config::Paths paths;
  std::string agent;
  std::string team;  // the team's name, for its event log
};

// The identity from `agent_id` and the workspace (`workspace_flag`, else
// `workspace_env`). Refused (exit 2, one sentence) when either is missing,
// when the workspace holds no valid team, or when the agent is not a member.
Result<Identity> resolve_identity(const std::string& workspace_flag, const char* agent_id,
                                  const char* workspace_env);

}  // namespace ta::mcp
