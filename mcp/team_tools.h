#pragma once
// The team's tools for one agent: checks each call (known tool, leader-only,
// arguments against the inputSchema), runs it through the same ops/
// functions the CLI verbs call, and records mcp.tool_called after it.
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "config/paths.h"
#include "config/team_spec.h"
#include "events/log.h"
#include "mcp/identity.h"
#include "mcp/server.h"
#include "util/result.h"

namespace ta::mcp {

// What one tool call came to: a CallToolResult, and the word for
// mcp.tool_called's error_code (empty when it succeeded).
struct ToolOutcome {
  Json result;
  std::string error_code;
};

ToolOutcome tool_ok(Json structured, std::string text);
ToolOutcome tool_refused(std::string error_code, std::string sentence);
// An ops error as a tool failure: its sentence, and a code from its exit code.
ToolOutcome tool_error(const Error& e);

// What a tool runs with: the caller, its workspace and its team as of now
// (team.json is read at each call: add_agent changes it).
struct ToolCall {
  const Identity& who;
  const config::TeamSpec& spec;
  const Json& args;
};

using ToolFn = std::function<ToolOutcome(const ToolCall&)>;

// The tools by name (mcp/tools_*.cc add theirs).
std::map<std::string, ToolFn> tool_functions();
void add_message_tools(std::map<std::string, ToolFn>& fns);
void add_report_tools(std::map<std::string, ToolFn>& fns);
void add_info_tools(std::map<std::string, ToolFn>& fns);
void add_leader_tools(std::map<std::string, ToolFn>& fns);

class TeamTools : public ToolHost {
 public:
  explicit TeamTools(Identity who);
  Json list_tools() override;
  Json call_tool(const std::string& name, const Json& arguments) override;

 private:
  ToolOutcome run(const std::string& name, const Json& arguments);
  void record(const std::string& name, const ToolOutcome& outcome);

  Identity who_;
  std::map<std::string, ToolFn> fns_;
  // Kept open between calls (an append catches up with other writers under
  // the log's lock); dropped after a failure, so the next call reopens it.
  std::unique_ptr<events::EventLog> log_;
};

}  // namespace ta::mcp
