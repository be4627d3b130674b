#include "mcp/team_tools.h"

#include <cstdio>

#include "config/team_spec.h"
#include "events/types.h"
#include "mcp/schema_check.h"
#include "mcp/tool_defs.h"
#include "ops/errors.h"
#include "ops/team.h"
#include "util/strings.h"

namespace ta::mcp {

namespace {

// An ops error reads "no task given; pass ...": a sentence starts with a
// capital and ends with a full stop.
std::string as_sentence(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  if (!s.empty() && s.back() != '.') s += '.';
  return s;
}

bool is_leader(const std::string& agent) { return agent == config::kLeaderId; }

}  // namespace

ToolOutcome tool_ok(Json structured, std::string text) {
  return {tool_success(std::move(structured), std::move(text)), ""};
}

ToolOutcome tool_refused(std::string error_code, std::string sentence) {
  return {tool_failure(as_sentence(std::move(sentence))), std::move(error_code)};
}

ToolOutcome tool_error(const Error& e) {
  const char* code = e.code == ops::kExitUsage          ? "refused"
                     : e.code == ops::kExitNoSupervisor ? "no_supervisor"
                                                        : "failed";
  return tool_refused(code, e.message);
}

std::map<std::string, ToolFn> tool_functions() {
  std::map<std::string, ToolFn> fns;
  add_message_tools(fns);
  add_report_tools(fns);
  add_info_tools(fns);
  add_leader_tools(fns);
  return fns;
}

TeamTools::TeamTools(Identity who) : who_(std::move(who)), fns_(tool_functions()) {}

// A worker is shown only the tools it may call.
Json TeamTools::list_tools() {
  Json tools = Json::array();
  for (const auto& d : tool_defs())
    if (!d.leader_only || is_leader(who_.agent)) tools.push_back(d.definition);
  return tools;
}

Json TeamTools::call_tool(const std::string& name, const Json& arguments) {
  ToolOutcome outcome = run(name, arguments);
  record(name, outcome);
  return std::move(outcome.result);
}

ToolOutcome TeamTools::run(const std::string& name, const Json& arguments) {
  const ToolDef* def = find_tool_def(name);
  auto fn = fns_.find(name);
  if (!def || fn == fns_.end()) {
    std::vector<std::string> names;
    for (const auto& d : tool_defs())
      if (!d.leader_only || is_leader(who_.agent)) names.push_back(d.name);
    return tool_refused("unknown_tool", "There is no tool \"" + name +
                                            "\"; the tools you can call are: " + join(names));
  }
  if (def->leader_only && !is_leader(who_.agent))
    return tool_refused("leader_only", "Only the leader may call " + name + ", and you are \"" +
                                           who_.agent +
                                           "\"; ask the leader for it with send_message to "
                                           "\"leader\"");
  if (auto bad = schema_problem(arguments, def->input_schema()))
    return tool_refused("bad_arguments", "Bad arguments for " + name + ": " + *bad +
                                             "; fix the call and try again");
  // team.json is read at each call: add_agent and remove-agent change it.
  auto spec = config::load_team_spec(who_.paths.team_json);
  if (!spec) return tool_error(spec.error());
  if (!spec->find(who_.agent))
    return tool_refused("refused", "You (\"" + who_.agent +
                                       "\") are no longer a member of the team, so the team's "
                                       "tools are closed to you");
  return fn->second(ToolCall{who_, *spec, arguments});
}

// Appended after the call: a failure to record it must not undo the call,
// so it is only told on stderr (the log's own error says why).
void TeamTools::record(const std::string& name, const ToolOutcome& outcome) {
  std::string why;
  if (!log_) {
    auto opened = ops::open_team_log(who_.paths, who_.team);
    if (opened) log_ = std::move(*opened);
    else why = opened.error().message;
  }
  if (log_) {
    auto appended = log_->append({events::to_draft(events::McpToolCalled{
      who_.agent, name, outcome.error_code.empty(), outcome.error_code})});
    if (appended) return;
    why = appended.error().message;
    log_.reset();
  }
  std::fprintf(stderr, "team-agent mcp: could not record mcp.tool_called: %s\n", why.c_str());
}

}  // namespace ta::mcp
