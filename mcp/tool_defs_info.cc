// get_team_status, list_agents, read_messages, request_human.
#include "mcp/tool_defs.h"

namespace ta::mcp {

std::vector<ToolDef> team_info_tool_defs() { return {}; }

}  // namespace ta::mcp
