// get_team_status, list_agents, read_messages, request_human.
#include "mcp/tool_defs.h"

namespace ta::mcp {

namespace {

constexpr const char* kStatusIn = R"json({
  "type": "object",
  "properties": {
    "agent_id": {"type": "string", "minLength": 1, "description": "Only this agent; leave out for the whole team"}
  },
  "additionalProperties": false
})json";

constexpr const char* kStatusOut = R"json({
  "type": "object",
  "properties": {
    "supervisor_running": {"type": "boolean"},
    "agents": {"type": "array", "items": {
      "type": "object",
      "properties": {
        "agent_id": {"type": "string"},
        "pane_state": {"type": "string"},
        "lifecycle": {"type": "string"},
        "turn_state": {"type": "string"},
        "stuck": {"type": "boolean"},
        "queued": {"type": "integer"},
        "delivered": {"type": "integer"},
        "failed": {"type": "integer"}
      },
      "required": ["agent_id", "pane_state", "lifecycle", "turn_state", "stuck", "queued", "delivered", "failed"],
      "additionalProperties": false
    }},
    "open_messages": {"type": "integer"},
    "failed_messages": {"type": "integer"},
    "open_questions": {"type": "array", "items": {
      "type": "object",
      "properties": {
        "request_id": {"type": "string"},
        "agent_id": {"type": "string"},
        "question": {"type": "string"}
      },
      "required": ["request_id", "agent_id", "question"],
      "additionalProperties": false
    }}
  },
  "required": ["supervisor_running", "agents", "open_messages", "failed_messages", "open_questions"],
  "additionalProperties": false
})json";


constexpr const char* kAgentsOut = R"json({
  "type": "object",
  "properties": {
    "agents": {"type": "array", "items": {
      "type": "object",
      "properties": {
        "agent_id": {"type": "string"},
        "provider": {"type": "string"},
        "role": {"type": "string"},
        "is_leader": {"type": "boolean"},
        "is_you": {"type": "boolean"}
      },
      "required": ["agent_id", "provider", "role", "is_leader", "is_you"],
      "additionalProperties": false
    }}
  },
  "required": ["agents"],
  "additionalProperties": false
})json";

constexpr const char* kReadIn = R"json({
  "type": "object",
  "properties": {
    "since": {"type": "integer", "minimum": 0, "maximum": 9007199254740991,
              "description": "Only messages after this cursor (next_since of the last call); 0 or left out: from the start"},
    "limit": {"type": "integer", "minimum": 1, "maximum": 200, "description": "At most this many (default 50)"}
  },
  "additionalProperties": false
})json";

constexpr const char* kReadOut = R"json({
  "type": "object",
  "properties": {
    "messages": {"type": "array", "items": {
      "type": "object",
      "properties": {
        "seq": {"type": "integer"},
        "message_id": {"type": "string"},
        "from": {"type": "string"},
        "task_id": {"type": "string"},
        "text": {"type": "string"},
        "ts": {"type": "string"}
      },
      "required": ["seq", "message_id", "from", "task_id", "text", "ts"],
      "additionalProperties": false
    }},
    "next_since": {"type": "integer", "minimum": 0},
    "more": {"type": "boolean"}
  },
  "required": ["messages", "next_since", "more"],
  "additionalProperties": false
})json";

constexpr const char* kAskIn = R"json({
  "type": "object",
  "properties": {
    "question": {"type": "string", "minLength": 1, "description": "What you need a person to decide or do (at most 64 KiB)"},
    "options": {"type": "array", "items": {"type": "string", "minLength": 1}, "maxItems": 20,
                "description": "Answers to choose from, if any"}
  },
  "required": ["question"],
  "additionalProperties": false
})json";

constexpr const char* kAskOut = R"json({
  "type": "object",
  "properties": {
    "request_id": {"type": "string"},
    "seq": {"type": "integer", "minimum": 0}
  },
  "required": ["request_id", "seq"],
  "additionalProperties": false
})json";

}  // namespace

std::vector<ToolDef> team_info_tool_defs() {
  return {
      make_tool_def("get_team_status", false, "Team status",
                    "The team as the supervisor sees it: each agent's pane, turn and queue, "
                    "open and failed messages, and questions waiting for a person.",
                    kStatusIn, kStatusOut),
      make_tool_def("list_agents", false, "List the team's agents",
                    "The team's agents: id, provider, role, which is the leader and which is you.",
                    kNoArgs, kAgentsOut),
      make_tool_def("read_messages", false, "Read your messages",
                    "Messages sent to you, oldest first, after the cursor `since`; call again "
                    "with next_since to read on.",
                    kReadIn, kReadOut),
      make_tool_def("request_human", false, "Ask a person",
                    "Ask a person a question you cannot settle yourself. It shows in `team-agent "
                    "status`; the answer comes to you later as a message from \"human\". Do not "
                    "wait idle for it if other work remains.",
                    kAskIn, kAskOut),
  };
}

}  // namespace ta::mcp
