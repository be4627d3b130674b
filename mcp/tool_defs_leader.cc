// The leader's tools: handing out tasks, the per-agent lifecycle verbs and
// the stuck-agent verbs, each a thin call into the ops the CLI verbs use.
#include "mcp/tool_defs.h"

namespace ta::mcp {

namespace {

constexpr const char* kAssignIn = R"json({
  "type": "object",
  "properties": {
    "to": {"type": "string", "minLength": 1, "description": "The worker (or a comma list of workers)"},
    "task_id": {"type": "string", "minLength": 1, "maxLength": 64,
                "description": "The task's id, which the worker reports against (letters, digits and . _ : / # -)"},
    "text": {"type": "string", "minLength": 1, "description": "What to do (at most 1 MiB of UTF-8)"},
    "message_id": {"type": "string", "minLength": 1,
                   "description": "Your own id (msg_ + 12 lowercase hex) so a retry is recorded once"}
  },
  "required": ["to", "task_id", "text"],
  "additionalProperties": false
})json";

constexpr const char* kAgentIn = R"json({
  "type": "object",
  "properties": {"agent_id": {"type": "string", "minLength": 1, "description": "The agent's id"}},
  "required": ["agent_id"],
  "additionalProperties": false
})json";

constexpr const char* kStartIn = R"json({
  "type": "object",
  "properties": {
    "agent_id": {"type": "string", "minLength": 1, "description": "The stopped agent's id"},
    "allow_fresh": {"type": "boolean", "description": "Start it fresh when its session can no longer be resumed (its context is lost)"}
  },
  "required": ["agent_id"],
  "additionalProperties": false
})json";

constexpr const char* kAddIn = R"json({
  "type": "object",
  "properties": {
    "agent_id": {"type": "string", "minLength": 1, "maxLength": 32, "description": "The new worker's id (1-32 characters from [a-z0-9_-])"},
    "provider": {"type": "string", "minLength": 1, "description": "Its provider profile (claude, codex, fake, ...)"},
    "role": {"type": "string", "description": "What it is for, in words"},
    "model": {"type": "string", "description": "Its model; the provider's default when left out"}
  },
  "required": ["agent_id", "provider"],
  "additionalProperties": false
})json";

constexpr const char* kRequestOut = R"json({
  "type": "object",
  "properties": {
    "request_id": {"type": "string"},
    "verb": {"type": "string"},
    "agent_id": {"type": "string"},
    "ok": {"type": "boolean"},
    "reason": {"type": "string"},
    "mode": {"type": "string"},
    "message": {"type": "string"}
  },
  "required": ["request_id", "verb", "agent_id", "ok", "reason", "mode", "message"],
  "additionalProperties": false
})json";


constexpr const char* kStuckOut = R"json({
  "type": "object",
  "properties": {
    "stuck": {"type": "array", "items": {
      "type": "object",
      "properties": {
        "agent_id": {"type": "string"},
        "stuck_at": {"type": "string"},
        "quiet_s": {"type": "integer"},
        "pending_messages": {"type": "integer"},
        "turn_state": {"type": "string"}
      },
      "required": ["agent_id", "stuck_at", "quiet_s", "pending_messages", "turn_state"],
      "additionalProperties": false
    }},
    "supervisor_running": {"type": "boolean"}
  },
  "required": ["stuck", "supervisor_running"],
  "additionalProperties": false
})json";

}  // namespace

std::vector<ToolDef> leader_tool_defs() {
  return {
      make_tool_def("assign_task", true, "Assign a task",
                    "Give a worker a task: a message with a task id, which the worker reports "
                    "against with report_result.",
                    kAssignIn, send_output_schema()),
      make_tool_def("stop_agent", true, "Stop an agent",
                    "Close one agent's pane and keep its session; messages to it wait until "
                    "start_agent.",
                    kAgentIn, kRequestOut),
      make_tool_def("start_agent", true, "Start an agent",
                    "Start a stopped agent again in its session.", kStartIn, kRequestOut),
      make_tool_def("add_agent", true, "Add a worker",
                    "Add a worker to the team (team.json) and start its pane.", kAddIn,
                    kRequestOut),
      make_tool_def("stuck_list", true, "List stuck agents",
                    "The agents that have work but showed no output and no turn progress for a "
                    "while.",
                    kNoArgs, kStuckOut),
      make_tool_def("stuck_cancel", true, "Interrupt an agent's turn",
                    "Interrupt a (stuck) agent's running turn with its CLI's interrupt key.",
                    kAgentIn, kRequestOut),
  };
}

}  // namespace ta::mcp
