// The tools every agent of the team has.
#include "mcp/tool_defs.h"

namespace ta::mcp {

namespace {

constexpr const char* kSendIn = R"json({
  "type": "object",
  "properties": {
    "to": {"type": "string", "minLength": 1,
           "description": "An agent id, \"leader\", a comma list (a,b), or \"*\" for everyone but you"},
    "text": {"type": "string", "minLength": 1, "description": "The message (at most 1 MiB of UTF-8)"},
    "task_id": {"type": "string", "minLength": 1, "maxLength": 64,
                "description": "The task the message belongs to (letters, digits and . _ : / # -)"},
    "message_id": {"type": "string", "minLength": 1,
                   "description": "Your own id (msg_ + 12 lowercase hex) so a retry is recorded once"}
  },
  "required": ["to", "text"],
  "additionalProperties": false
})json";

constexpr const char* kSendOut = R"json({
  "type": "object",
  "properties": {
    "messages": {"type": "array", "items": {
      "type": "object",
      "properties": {
        "message_id": {"type": "string"},
        "to": {"type": "string"},
        "seq": {"type": "integer", "minimum": 0},
        "duplicate": {"type": "boolean"}
      },
      "required": ["message_id", "to", "seq", "duplicate"],
      "additionalProperties": false
    }},
    "supervisor_running": {"type": "boolean"}
  },
  "required": ["messages", "supervisor_running"],
  "additionalProperties": false
})json";

constexpr const char* kReportIn = R"json({
  "type": "object",
  "properties": {
    "task_id": {"type": "string", "minLength": 1, "maxLength": 64,
                "description": "The task id the leader's message named"},
    "status": {"type": "string", "enum": ["success", "blocked", "failed", "partial"]},
    "summary": {"type": "string", "minLength": 1, "description": "What was done, or what blocks it (at most 64 KiB)"},
    "changes": {"type": "array", "items": {"type": "string"}, "maxItems": 1000,
                "description": "What you changed, one item each"},
    "tests": {"type": "array", "items": {"type": "string"}, "maxItems": 1000,
              "description": "Tests run and their outcome"},
    "risks": {"type": "array", "items": {"type": "string"}, "maxItems": 1000,
              "description": "What could go wrong, or is uncertain"},
    "artifacts": {"type": "array", "items": {"type": "string", "minLength": 1}, "maxItems": 1000,
                  "description": "Paths of files you produced"},
    "next_actions": {"type": "array", "items": {"type": "string"}, "maxItems": 1000,
                     "description": "What should happen next"},
    "result_id": {"type": "string", "minLength": 1,
                  "description": "Your own id (res_ + 12 lowercase hex) when retrying a report"}
  },
  "required": ["task_id", "status", "summary"],
  "additionalProperties": false
})json";

constexpr const char* kReportOut = R"json({
  "type": "object",
  "properties": {
    "result_id": {"type": "string"},
    "task_id": {"type": "string"},
    "status": {"type": "string"},
    "seq": {"type": "integer", "minimum": 0},
    "acknowledged": {"type": "array", "items": {"type": "string"}}
  },
  "required": ["result_id", "task_id", "status", "seq", "acknowledged"],
  "additionalProperties": false
})json";

}  // namespace

const char* send_output_schema() { return kSendOut; }

std::vector<ToolDef> team_tool_defs() {
  std::vector<ToolDef> v;
  v.push_back(make_tool_def(
      "send_message", false, "Send a message",
      "Send a message to another agent of your team (or \"leader\", a comma list, or \"*\"). "
      "It is recorded at once and typed into the recipient's pane by the supervisor.",
      kSendIn, kSendOut));
  v.push_back(make_tool_def(
      "report_result", false, "Report a task's result",
      "Report the outcome of a task the leader gave you: the leader is told once, and your "
      "open messages of that task count as answered. Retry with the same result_id.",
      kReportIn, kReportOut));
  for (auto& d : team_info_tool_defs()) v.push_back(std::move(d));
  return v;
}

}  // namespace ta::mcp
