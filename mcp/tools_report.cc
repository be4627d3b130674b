// report_result: the same ops::report_result as `team-agent report`; the
// envelope's parts the tool takes as lists (changes, tests, risks,
// next_actions) become its details text, and the artifacts its files.
#include "mcp/team_tools.h"
#include "ops/report.h"
#include "util/ids.h"

namespace ta::mcp {

namespace {

// "Changes:\n- a\n- b\n\nTests:\n- ..." for the lists given, in a fixed order.
std::string details_of(const Json& args) {
  static const std::vector<std::pair<const char*, const char*>> parts{
      {"changes", "Changes"}, {"tests", "Tests"}, {"risks", "Risks"},
      {"next_actions", "Next actions"}};
  std::string details;
  for (const auto& [key, heading] : parts) {
    auto it = args.find(key);
    if (it == args.end() || it->empty()) continue;
    if (!details.empty()) details += "\n";
    details += std::string(heading) + ":\n";
    for (const auto& item : *it) details += "- " + item.get<std::string>() + "\n";
  }
  return details;
}

ToolOutcome report(const ToolCall& c) {
  ops::ReportRequest r;
  r.agent = c.who.agent;
  r.task = c.args.value("task_id", "");
  r.status = c.args.value("status", "");
  r.summary = c.args.value("summary", "");
  r.details = details_of(c.args);
  if (auto a = c.args.find("artifacts"); a != c.args.end())
    r.files = a->get<std::vector<std::string>>();
  r.result_id = c.args.value("result_id", "");
  if (!r.result_id.empty() && !is_prefixed_hex12(r.result_id, "res_"))
    return tool_refused("bad_arguments", "result_id \"" + r.result_id +
                                             "\" is not a result id; use res_ and 12 lowercase "
                                             "hex digits, e.g. res_0123456789ab, or leave it out");
  auto receipt = ops::report_result(c.who.paths, r, nullptr);
  if (!receipt) return tool_error(receipt.error());
  size_t n = receipt->acknowledged.size();
  std::string text = "reported " + receipt->result_id + " for " + receipt->fields.task + " (" +
                     receipt->fields.status + "); acknowledged " + std::to_string(n) +
                     " message" + (n == 1 ? "" : "s");
  return tool_ok(Json{{"result_id", receipt->result_id},
                      {"task_id", receipt->fields.task},
                      {"status", receipt->fields.status},
                      {"seq", receipt->seq},
                      {"acknowledged", receipt->acknowledged}},
                 text);
}

}  // namespace

void add_report_tools(std::map<std::string, ToolFn>& fns) { fns["report_result"] = report; }

}  // namespace ta::mcp
