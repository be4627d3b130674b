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
TA_EVENT_JSON(HumanRequested, request_id, agent_id, question, options)
TA_EVENT_JSON(HumanAnswered, request_id, agent_id, answer, message_id)

}  // namespace ta::events
