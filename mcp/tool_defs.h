#pragma once
// The tools `team-agent mcp` offers, as tools/list shows them: name,
// description, inputSchema and outputSchema (JSON Schema, no unknown keys
// allowed). Data only; mcp/team_tools.h runs them.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ta::mcp {

struct ToolDef {
  std::string name;
  bool leader_only = false;
  nlohmann::json definition;  // what tools/list shows
  const nlohmann::json& input_schema() const { return definition["inputSchema"]; }
};

// Every tool, the team's first, then the leader's.
const std::vector<ToolDef>& tool_defs();
const ToolDef* find_tool_def(const std::string& name);

// The tools every agent has (tool_defs_team.cc) and the leader's (tool_defs_leader.cc).
std::vector<ToolDef> team_tool_defs();
std::vector<ToolDef> leader_tool_defs();
// Status, agents, messages and questions to a person (tool_defs_info.cc).
std::vector<ToolDef> team_info_tool_defs();

// The inputSchema of a tool that takes no arguments.
inline constexpr const char* kNoArgs =
  R"json({"type": "object", "properties": {}, "additionalProperties": false})json";

// send_message's outputSchema, which assign_task shares.
const char* send_output_schema();

// One definition from its parts; the schemas are JSON text.
ToolDef make_tool_def(const std::string& name, bool leader_only, const std::string& title,
                      const std::string& description, const char* input_schema,
                      const char* output_schema);

}  // namespace ta::mcp
