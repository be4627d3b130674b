// send_message and assign_task: the same ops::send_message as `team-agent
// send`, so ids, fan-out, checks and the refusal while tmux is lost are
// one implementation. The tool returns once the message is recorded (like
// `send --no-wait`): delivery is the supervisor's, and a model must not sit
// blocked while the recipient is busy.
#include "config/paths.h"
#include "mcp/team_tools.h"
#include "ops/send.h"
#include "util/ids.h"

namespace ta::mcp {

namespace {

std::string text_of(const std::vector<ops::SendOutcome>& outcomes) {
  std::string text;
  for (const auto& oc : outcomes)
    text += (text.empty() ? "" : "; ") + std::string(oc.duplicate ? "already accepted " : "accepted ") +
            oc.message_id + " \u2192 " + oc.to + " (seq " + std::to_string(oc.seq) + ")";
  return text;
}

ToolOutcome send(const ToolCall& c, const std::string& to, const std::string& task) {
  ops::SendRequest r;
  r.target = to;
  r.from = c.who.agent;
  r.task = task;
  r.message_id = c.args.value("message_id", "");
  if (!r.message_id.empty() && !is_prefixed_hex12(r.message_id, "msg_"))
    return tool_refused("bad_arguments", "message_id \"" + r.message_id +
                                             "\" is not a message id; use msg_ and 12 lowercase "
                                             "hex digits, e.g. msg_0123456789ab, or leave it out");
  auto sent = ops::send_message(c.who.paths, c.spec, r, c.args.value("text", ""));
  if (!sent) return tool_error(sent.error());
  Json messages = Json::array();
  for (const auto& oc : *sent)
    messages.push_back(Json{{"message_id", oc.message_id},
                            {"to", oc.to},
                            {"seq", oc.seq},
                            {"duplicate", oc.duplicate}});
  bool running = config::supervisor_running(c.who.paths);
  std::string text = text_of(*sent);
  if (!running) text += "; no supervisor runs now, so it is delivered when the team runs again";
  return tool_ok(Json{{"messages", std::move(messages)}, {"supervisor_running", running}}, text);
}

}  // namespace

void add_message_tools(std::map<std::string, ToolFn>& fns) {
  fns["send_message"] = [](const ToolCall& c) {
    return send(c, c.args.value("to", ""), c.args.value("task_id", ""));
  };
  fns["assign_task"] = [](const ToolCall& c) {
    return send(c, c.args.value("to", ""), c.args.value("task_id", ""));
  };
}

}  // namespace ta::mcp
