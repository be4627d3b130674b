#include "mcp/team_tools.h"

namespace ta::mcp {

void add_info_tools(std::map<std::string, ToolFn>& fns) {}

}  // namespace ta::mcp
