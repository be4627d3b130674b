#pragma once
// Payloads of the agent-tools events: every call an agent makes through
// `team-agent mcp`, and the questions agents put to a person
// (request_human) with their answers (`team-agent answer`). Part of
// events/types.h.
#include <string>
#include <vector>

#include "events/event_type.h"

namespace ta::events {

// mcp ------------------------------------------------------------------------
// One tools/call, after it ran. Never the arguments: they may hold anything.
struct McpToolCalled {
  TA_EVENT(McpToolCalled, "mcp.tool_called", 1)
  std::string agent_id;
  std::string tool;
  bool ok = false;
  std::string error_code;  // empty when ok
};

// A CLI asked whether it may run a tool of the team's own MCP server, and
// the pane's actor allowed it (for this session when the CLI offers that,
// else this one call).
struct McpApprovalAnswered {
  TA_EVENT(McpApprovalAnswered, "mcp.approval_answered", 1)
  std::string agent_id;
  std::string server;
  std::string tool;
  std::string option;  // the label of the option chosen
  std::string scope;   // session | once
};
// A tool approval prompt the pane's actor leaves for a person.
struct McpApprovalLeft {
  TA_EVENT(McpApprovalLeft, "mcp.approval_left", 1)
  std::string agent_id;
  std::string server;
  std::string tool;
  std::string reason;  // other_server | no_clear_option | not_confirmed
  std::string detail;
};

// human ----------------------------------------------------------------------
struct HumanRequested {
  TA_EVENT(HumanRequested, "human.requested", 1)
  std::string request_id;  // hq_ + 12 hex
  std::string agent_id;
  std::string question;
  std::vector<std::string> options;
};
struct HumanAnswered {
  TA_EVENT(HumanAnswered, "human.answered", 1)
  std::string request_id;
  std::string agent_id;    // who asked, and receives the answer
  std::string answer;
  std::string message_id;  // the message that carries the answer to the agent
};

TA_EVENT_JSON(McpToolCalled, agent_id, tool, ok, error_code)
TA_EVENT_JSON(McpApprovalAnswered, agent_id, server, tool, option, scope)
TA_EVENT_JSON(McpApprovalLeft, agent_id, server, tool, reason, detail)
TA_EVENT_JSON(HumanRequested, request_id, agent_id, question, options)
TA_EVENT_JSON(HumanAnswered, request_id, agent_id, answer, message_id)

}  // namespace ta::events
