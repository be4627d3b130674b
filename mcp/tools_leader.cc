// The leader's lifecycle and health tools: the same requests to the running
// supervisor as `team-agent stop/start/add-agent/cancel` (ops/agent_request.h)
// and the same list as `team-agent stuck` (ops/health.h).
#include "events/types.h"
#include "mcp/team_tools.h"
#include "ops/agent_request.h"
#include "ops/health.h"

namespace ta::mcp {

namespace {

// Asks the supervisor and returns its answer; a refusal is an isError
// result carrying the supervisor's own sentence.
ToolOutcome ask(events::Draft request, const std::string& request_id, const ToolCall& c) {
  auto done = ops::request_agent_change(c.who.paths, std::move(request), request_id);
  if (!done) return tool_error(done.error());
  if (!done->ok) return tool_refused("refused", done->message);
  return tool_ok(Json{{"request_id", done->request_id},
                      {"verb", done->verb},
                      {"agent_id", done->agent_id},
                      {"ok", done->ok},
                      {"reason", done->reason},
                      {"mode", done->mode},
                      {"message", done->message}},
                 done->message);
}

std::string agent_of(const ToolCall& c) { return c.args.value("agent_id", ""); }

ToolOutcome stop_agent(const ToolCall& c) {
  auto id = ops::new_request_id();
  return ask(events::to_draft(events::AgentStopRequested{id, agent_of(c)}), id, c);
}

ToolOutcome start_agent(const ToolCall& c) {
  auto id = ops::new_request_id();
  return ask(events::to_draft(
                 events::AgentStartRequested{id, agent_of(c), c.args.value("allow_fresh", false)}),
             id, c);
}

ToolOutcome add_agent(const ToolCall& c) {
  auto id = ops::new_request_id();
  return ask(events::to_draft(events::AgentAddRequested{id, agent_of(c),
                                                        c.args.value("provider", ""),
                                                        c.args.value("role", ""),
                                                        c.args.value("model", "")}),
             id, c);
}

ToolOutcome stuck_cancel(const ToolCall& c) {
  auto id = ops::new_request_id();
  return ask(events::to_draft(events::AgentCancelRequested{id, agent_of(c)}), id, c);
}

ToolOutcome stuck_list(const ToolCall& c) {
  auto r = ops::stuck_agents(c.who.paths);
  if (!r) return tool_error(r.error());
  Json stuck = Json::array();
  std::string text;
  for (const auto& s : r->stuck) {
    stuck.push_back(Json{{"agent_id", s.agent_id},
                         {"stuck_at", s.stuck_at},
                         {"quiet_s", s.stuck_quiet_s},
                         {"pending_messages", s.stuck_pending},
                         {"turn_state", s.turn_state}});
    text += (text.empty() ? "" : ", ") + s.agent_id;
  }
  if (text.empty()) text = "no agent is stuck";
  else text = "stuck: " + text + "; stuck_cancel interrupts one";
  if (!r->supervisor_running) text += " (no supervisor runs, so nobody watches now)";
  return tool_ok(Json{{"stuck", std::move(stuck)}, {"supervisor_running", r->supervisor_running}},
                 text);
}

}  // namespace

void add_leader_tools(std::map<std::string, ToolFn>& fns) {
  fns["stop_agent"] = stop_agent;
  fns["start_agent"] = start_agent;
  fns["add_agent"] = add_agent;
  fns["stuck_list"] = stuck_list;
  fns["stuck_cancel"] = stuck_cancel;
}

}  // namespace ta::mcp
