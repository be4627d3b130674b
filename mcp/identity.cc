#include "mcp/identity.h"

#include "config/team_spec.h"
#include "ops/errors.h"
#include "util/strings.h"

namespace ta::mcp {

namespace {

constexpr const char* kHowToStart =
    "; the team's launch starts it with TEAM_AGENT_ID=<the agent's id> and "
    "TEAM_AGENT_WORKSPACE=<the team's workspace> in its environment";

}  // namespace

Result<Identity> resolve_identity(const std::string& workspace_flag, const char* agent_id,
                                  const char* workspace_env) {
  if (!agent_id || !*agent_id)
    return ops::usage_error(std::string("team-agent mcp serves one agent, but TEAM_AGENT_ID is "
                                        "not set") + kHowToStart);
  std::string ws = workspace_flag;
  if (ws.empty() && workspace_env) ws = workspace_env;
  if (ws.empty())
    return ops::usage_error(std::string("team-agent mcp needs the team's workspace, but "
                                        "TEAM_AGENT_WORKSPACE is not set (nor --workspace)") +
                            kHowToStart);
  auto paths = config::resolve_workspace(ws);
  if (!paths)
    return ops::usage_error("the workspace \"" + ws + "\" cannot be used (" +
                            paths.error().message + ")" + kHowToStart);
  if (auto st = config::secure_team_dir(*paths); !st) return ops::usage_error(st.error().message);
  auto spec = config::load_team_spec(paths->team_json);
  if (!spec)
    return ops::usage_error("no valid team in " + paths->workspace + " (" +
                            spec.error().message + "); run team-agent mcp for a team's agent");
  if (!spec->find(agent_id))
    return ops::usage_error("\"" + std::string(agent_id) + "\" (TEAM_AGENT_ID) is not a member "
                            "of the team in " + paths->workspace + "; its agents are: " +
                            join(spec->member_ids()));
  return Identity{*paths, agent_id, spec->team};
}

}  // namespace ta::mcp
