// get_team_status, list_agents, read_messages and request_human: the same
// read model as `team-agent status`, the team spec, the log, and
// ops/human.h.
#include "mcp/team_tools.h"
#include "ops/human.h"
#include "ops/inbox.h"
#include "ops/status.h"

namespace ta::mcp {

namespace {

Json agent_json(const store::AgentRow& a, const store::TeamHealth& health) {
  auto h = health.agents.find(a.agent_id);
  bool known = h != health.agents.end();
  return Json{{"agent_id", a.agent_id},
              {"pane_state", a.pane_state.empty() ? "unknown" : a.pane_state},
              {"lifecycle", a.lifecycle.empty() ? "running" : a.lifecycle},
              {"turn_state", known && !h->second.turn_state.empty() ? h->second.turn_state
                                                                     : "unknown"},
              {"stuck", known && h->second.stuck},
              {"queued", a.queued},
              {"delivered", a.delivered},
              {"failed", a.failed}};
}

ToolOutcome team_status(const ToolCall& c) {
  auto s = ops::team_status(c.who.paths, ops::StatusRequest{c.args.value("agent_id", "")}, nullptr);
  if (!s) return tool_error(s.error());
  const auto& d = s->data;
  Json agents = Json::array(), questions = Json::array();
  std::string text;
  for (const auto& a : d.agents) {
    Json j = agent_json(a, d.health);
    text += (text.empty() ? "" : "; ") + a.agent_id + " " + j["pane_state"].get<std::string>() +
            "/" + j["turn_state"].get<std::string>() + " (" + std::to_string(a.queued) +
            " queued)";
    agents.push_back(std::move(j));
  }
  for (const auto& q : d.open_questions)
    questions.push_back(
        Json{{"request_id", q.request_id}, {"agent_id", q.agent_id}, {"question", q.question}});
  bool running = s->presentation.supervisor && s->presentation.supervisor->running;
  text = std::string(running ? "supervisor running; " : "no supervisor running; ") + text +
         "; " + std::to_string(d.open_total) + " message(s) waiting, " +
         std::to_string(d.failed_total) + " failed, " + std::to_string(questions.size()) +
         " question(s) for a person";
  return tool_ok(Json{{"supervisor_running", running},
                      {"agents", std::move(agents)},
                      {"open_messages", d.open_total},
                      {"failed_messages", d.failed_total},
                      {"open_questions", std::move(questions)}},
                 text);
}

ToolOutcome list_agents(const ToolCall& c) {
  Json agents = Json::array();
  std::string text;
  for (const auto& id : c.spec.member_ids()) {
    const auto* a = c.spec.find(id);
    agents.push_back(Json{{"agent_id", id},
                          {"provider", a->provider},
                          {"role", a->role},
                          {"is_leader", id == config::kLeaderId},
                          {"is_you", id == c.who.agent}});
    text += (text.empty() ? "" : ", ") + id + (id == c.who.agent ? " (you)" : "");
  }
  return tool_ok(Json{{"agents", std::move(agents)}}, "the team: " + text);
}

ToolOutcome read_messages(const ToolCall& c) {
  std::uint64_t since = c.args.contains("since") ? c.args["since"].get<std::uint64_t>() : 0;
  size_t limit = c.args.contains("limit") ? c.args["limit"].get<size_t>() : 50;
  auto page = ops::read_inbox(c.who.paths, c.who.agent, since, limit);
  if (!page) return tool_error(page.error());
  Json messages = Json::array();
  for (const auto& m : page->messages)
    messages.push_back(Json{{"seq", m.seq}, {"message_id", m.message_id}, {"from", m.from},
                            {"task_id", m.task_id}, {"text", m.text}, {"ts", m.ts}});
  std::string text = std::to_string(page->messages.size()) + " message(s) for you; read on with "
                     "since=" + std::to_string(page->next_since);
  return tool_ok(Json{{"messages", std::move(messages)},
                      {"next_since", page->next_since},
                      {"more", page->more}},
                 text);
}

ToolOutcome request_human(const ToolCall& c) {
  std::vector<std::string> options;
  if (auto o = c.args.find("options"); o != c.args.end())
    options = o->get<std::vector<std::string>>();
  auto q = ops::ask_human(c.who.paths, c.who.agent, c.args.value("question", ""), options);
  if (!q) return tool_error(q.error());
  return tool_ok(Json{{"request_id", q->request_id}, {"seq", q->seq}},
                 "asked " + q->request_id + "; a person answers with `team-agent answer " +
                     q->request_id + " TEXT`, and the answer comes to you as a message from "
                     "human");
}

}  // namespace

void add_info_tools(std::map<std::string, ToolFn>& fns) {
  fns["get_team_status"] = team_status;
  fns["list_agents"] = list_agents;
  fns["read_messages"] = read_messages;
  fns["request_human"] = request_human;
}

}  // namespace ta::mcp
