#include "mcp/tool_defs.h"

namespace ta::mcp {

ToolDef make_tool_def(const std::string& name, bool leader_only, const std::string& title,
                      const std::string& description, const char* input_schema,
                      const char* output_schema) {
  ToolDef d;
  d.name = name;
  d.leader_only = leader_only;
  d.definition = nlohmann::json{{"name", name},
                                {"title", title},
                                {"description", description},
                                {"inputSchema", nlohmann::json::parse(input_schema)},
                                {"outputSchema", nlohmann::json::parse(output_schema)}};
  return d;
}

const std::vector<ToolDef>& tool_defs() {
  static const std::vector<ToolDef> all = [] {
    auto v = team_tool_defs();
    for (auto& d : leader_tool_defs()) v.push_back(std::move(d));
    return v;
  }();
  return all;
}

const ToolDef* find_tool_def(const std::string& name) {
  for (const auto& d : tool_defs())
    if (d.name == name) return &d;
  return nullptr;
}

}  // namespace ta::mcp
