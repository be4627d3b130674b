// The agent's connection to the team: the MCP configuration each CLI is
// started with, so it runs `team-agent mcp` as this agent of this workspace.
#include <nlohmann/json.hpp>

#include "config/launch_plan.h"
#include "util/fs.h"

namespace ta::config {

std::string mcp_config_json(const std::string& team_agent_bin, const std::string& agent_id,
                            const std::string& workspace) {
  nlohmann::ordered_json server{
      {"command", team_agent_bin},
      {"args", {"mcp"}},
      {"env", {{"TEAM_AGENT_ID", agent_id}, {"TEAM_AGENT_WORKSPACE", workspace}}}};
  nlohmann::ordered_json doc{{"mcpServers", {{kMcpServerName, server}}}};
  return doc.dump(2) + "\n";
}

Status write_mcp_config(const PanePlan& pane) {
  if (pane.mcp_config_path.empty()) return ok_status();
  auto slash = pane.mcp_config_path.rfind('/');
  std::string dir = pane.mcp_config_path.substr(0, slash);
  if (auto st = make_dirs(dir, 0700); !st) return st;
  if (auto st = check_real_dir(dir); !st) return st;
  if (auto st = write_file_atomic(pane.mcp_config_path, pane.mcp_config_json); !st)
    return make_error("cannot write the MCP configuration of " + pane.agent_id + ": " +
                      st.error().message);
  return ok_status();
}

}  // namespace ta::config
