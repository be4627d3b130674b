// What happens to a submitted message: it is recorded, echoed, worked on for
// --work-ms, and answered (a `team-agent report` or `send leader` for each
// rendered team-agent message), or ends in an API error, or kills the agent.
#include <algorithm>

#include "fake_agent/behaviour.h"
#include "fake_agent/message.h"
#include "fake_agent/text.h"

namespace ta::fake {

namespace {

constexpr std::size_t kHistoryEntries = 200;
constexpr std::size_t kEchoHeadLines = 5, kEchoTailLines = 5;
constexpr int kEchoLineColumns = 2000;

// The submitted text as the conversation shows it: long messages keep their
// head and tail (where the token is), very long lines are cut.
std::string echo_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (;;) {
    std::size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? nl : nl - start);
    if (display_width(line) > kEchoLineColumns)
      line = truncate_to_width(line, kEchoLineColumns) + "…";
    lines.push_back(std::move(line));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  if (lines.size() > kEchoHeadLines + kEchoTailLines + 2) {
    std::size_t hidden = lines.size() - kEchoHeadLines - kEchoTailLines;
    lines.erase(lines.begin() + kEchoHeadLines, lines.end() - kEchoTailLines);
    lines.insert(lines.begin() + kEchoHeadLines, "… +" + std::to_string(hidden) + " lines");
  }
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\n' || c == '\t'; });
}

std::string last_line(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  auto nl = s.rfind('\n');
  return nl == std::string::npos ? s : s.substr(nl + 1);
}

}  // namespace

void Behaviour::add(Entry::Kind kind, std::string text) {
  history_.push_back({kind, std::move(text)});
  while (history_.size() > kHistoryEntries) history_.pop_front();
  changed_ = true;
}

void Behaviour::submit(TimePoint now) {
  std::string text = composer_.full_text();
  if (blank(text)) return;  // like the real CLIs: Enter on an empty prompt does nothing
  composer_.clear();
  ++submitted_;
  transcript_.write("submitted", {{"seq", submitted_},
                                  {"text", text},
                                  {"tokens", find_tokens(text)},
                                  {"bytes", text.size()},
                                  {"while_working", turn_.has_value()}});
  session_.user_message(text);  // as the real CLIs: recorded at submit, before any reply
  add(Entry::Kind::user, echo_of(text));

  if (opts_.die_after > 0 && submitted_ >= opts_.die_after)
    return request_exit(opts_.exit_code, "die-after " + std::to_string(opts_.die_after));
  if (!opts_.die_on.empty() && text.find(opts_.die_on) != std::string::npos)
    return request_exit(opts_.exit_code, "die-on " + opts_.die_on);

  auto has = [&text](const std::string& what) {
    return !what.empty() && text.find(what) != std::string::npos;
  };
  Turn turn{{}, submitted_, now};
  turn.hangs = has(opts_.hang_on);
  turn.asks = has(opts_.approval_on);
  turn.faults =
      has(opts_.fault_on) || (opts_.api_error_after > 0 && submitted_ >= opts_.api_error_after);
  turn.text = std::move(text);
  if (turn_)
    queued_.push_back(std::move(turn));  // runs when the current turn ends
  else
    begin_turn(std::move(turn), now);
}

// The answer to `m` --reply asks for: a team_agent tool call when the agent
// has an MCP configuration (as the real CLIs under `run` have), else the
// equivalent `team-agent` command.
ReplyRequest Behaviour::reply_to(const RenderedMessage& m, const std::string& summary) const {
  ReplyRequest r{m.message_id, {}, {}, {}};
  const std::string task = m.task_id.empty() ? m.message_id : m.task_id;
  const bool mcp = !opts_.mcp_config.empty();
  if (opts_.reply == ReplyKind::report && mcp) {
    r.tool = "report_result";
    r.arguments = {{"task_id", task}, {"status", "success"}, {"summary", summary}};
  } else if (opts_.reply == ReplyKind::report) {
    r.args = {"report", "--task", task, "--status", "success", "--summary", summary};
  } else if (opts_.reply == ReplyKind::send && mcp) {
    r.tool = "send_message";
    r.arguments = {{"to", "leader"}, {"text", summary}};
    if (!m.task_id.empty()) r.arguments["task_id"] = m.task_id;
  } else if (opts_.reply == ReplyKind::send) {
    r.args = {"send", "leader", summary, "--from", opts_.id, "--no-wait"};
  }
  return r;
}

// A tool's end: its text on screen, one clear line when it failed (an
// isError result, or the server gone).
void Behaviour::on_tool_done(const ReplyOutcome& outcome) {
  nlohmann::json e{{"message_id", outcome.request.message_id},
                   {"tool", outcome.request.tool},
                   {"arguments", outcome.request.arguments},
                   {"ok", outcome.tool_ok},
                   {"text", outcome.output}};
  transcript_.write(outcome.tool_ok ? "replied" : "reply_failed", std::move(e));
  std::string text = last_line(outcome.output);
  add(Entry::Kind::tool, outcome.tool_ok ? "team_agent " + outcome.request.tool + ": " + text
                                         : "team_agent " + outcome.request.tool + " failed" +
                                               (text.empty() ? "" : ": " + text));
}

void Behaviour::finish_turn(TimePoint now) {
  Turn turn = std::move(*turn_);
  turn_.reset();
  if (turn.faults) return fail_turn(turn);
  auto messages = find_rendered_messages(turn.text);
  std::string answer;  // what the turn showed, for the session file
  if (messages.empty()) {
    answer = "Done. I read your message (" + std::to_string(turn.text.size()) +
             " bytes); I am team-agent's fake agent and do no real work.";
    add(Entry::Kind::agent, answer);
  }
  for (const auto& m : messages) {
    std::string summary = "fake agent " + opts_.id + " handled " + m.message_id;
    ReplyRequest r = reply_to(m, summary);
    std::string line = "Handled " + m.message_id + " from " + m.sender +
                       (m.task_id.empty() ? "" : " for " + m.task_id) + ".";
    if (!r.tool.empty()) {
      line += "\nCalled team_agent " + r.tool + " " + r.arguments.dump();
      replies_.push_back(std::move(r));
    } else if (!r.args.empty()) {
      line += "\nRan team-agent";
      for (std::size_t i = 0; i < r.args.size(); ++i)
        line +=
            " " + (r.args[i].find(' ') == std::string::npos ? r.args[i] : "\"" + r.args[i] + "\"");
      replies_.push_back(std::move(r));
    }
    answer += (answer.empty() ? "" : "\n") + line;
    add(Entry::Kind::agent, line);
  }
  session_.turn_ended(answer);
  transcript_.write("turn_done", {{"seq", turn.seq}, {"messages", messages.size()}});
}

// The API error of --api-error-kind, shown as the CLI shows it and
// recorded as it records it (fake_agent/session_layout.h).
void Behaviour::fail_turn(const Turn& turn) {
  std::string error = api_error_text(opts_.mode, opts_.api_error_kind, opts_.api_key);
  add(Entry::Kind::error, error);
  transcript_.write("api_error", {{"seq", turn.seq}, {"text", error}});
  session_.turn_failed(api_failure(opts_.api_error_kind, error));
}

void Behaviour::interrupt_turn() {
  transcript_.write("interrupted", {{"seq", turn_->seq}, {"hung", turn_->hung}});
  turn_.reset();
  approval_.reset();
  std::string notice = opts_.mode == Mode::claude
                           ? "Interrupted by user"
                           : "Conversation interrupted - tell the model what to do differently.";
  session_.turn_interrupted();
  add(Entry::Kind::error, notice);
}

std::vector<ReplyRequest> Behaviour::take_reply_requests() {
  std::vector<ReplyRequest> out;
  out.swap(replies_);
  return out;
}

void Behaviour::on_reply_done(const ReplyOutcome& outcome) {
  if (!outcome.request.tool.empty()) return on_tool_done(outcome);
  // `send` exits 3 when no supervisor runs: the message is recorded and
  // will be delivered when one starts, which is all an agent can do.
  bool ok = outcome.exit_code == 0 || (outcome.exit_code == 3 && !outcome.request.args.empty() &&
                                       outcome.request.args[0] == "send");
  nlohmann::json e{{"message_id", outcome.request.message_id},
                   {"command", outcome.request.args},
                   {"exit_code", outcome.exit_code}};
  if (!ok) e["output"] = outcome.output;
  transcript_.write(ok ? "replied" : "reply_failed", std::move(e));
  std::string why = last_line(outcome.output);
  add(Entry::Kind::tool, ok ? "exit " + std::to_string(outcome.exit_code)
                            : "failed (exit " + std::to_string(outcome.exit_code) + ")" +
                                  (why.empty() ? "" : ": " + why));
}

}  // namespace ta::fake
