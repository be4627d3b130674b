// The leader's tools.
#include "mcp/tool_defs.h"

namespace ta::mcp {

std::vector<ToolDef> leader_tool_defs() { return {}; }

}  // namespace ta::mcp
