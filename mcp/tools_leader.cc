#include "mcp/team_tools.h"

namespace ta::mcp {

void add_leader_tools(std::map<std::string, ToolFn>& fns) {}

}  // namespace ta::mcp
