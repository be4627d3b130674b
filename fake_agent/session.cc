#include "fake_agent/session.h"

#include <fcntl.h>

#include <filesystem>

#include "fake_agent/text.h"
#include "util/ids.h"

namespace ta::fake {

namespace {

constexpr int kEarlierShownColumns = 60;

// The rollout of session `id` anywhere under a Codex home (a resumed
// session's file keeps the day it started on); empty when there is none.
std::string find_rollout(const std::string& codex_home, const std::string& id) {
  namespace fs = std::filesystem;
  const std::string suffix = "-" + id + ".jsonl";
  std::error_code ec;
  fs::recursive_directory_iterator it(codex_home + "/sessions", ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.rfind("rollout-", 0) == 0 && name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      return it->path().string();
  }
  return {};
}

Error no_conversation(const std::string& id) {
  return make_error("No conversation found with session ID: " + id, 1);
}

}  // namespace

Result<SessionFile> SessionFile::prepare(const Options& opts) {
  SessionFile s;
  if (opts.resume && opts.session_root.empty()) return no_conversation(opts.session_id);
  if (opts.mode == Mode::plain || opts.session_root.empty()) return s;
  s.records_ = {opts.mode, opts.session_id.empty() ? new_uuid4() : opts.session_id, opts.cwd};
  s.start_ = now_micros();
  s.resumed_ = opts.resume;
  if (opts.mode == Mode::claude)
    s.path_ = claude_transcript_path(opts.session_root, opts.cwd, s.id());
  else
    s.path_ = opts.resume ? find_rollout(opts.session_root, s.id())
                          : codex_rollout_path(opts.session_root, s.start_, s.id());
  if (!opts.resume) return s;
  auto content = s.path_.empty() ? Result<std::string>(no_conversation(s.id())) : read_file(s.path_);
  if (!content) return no_conversation(s.id());
  s.earlier_ = earlier_user_texts(opts.mode, *content);
  return s;
}

// Creates the file at the first record, starting it as the CLI does.
void SessionFile::open_file() {
  auto dir = std::filesystem::path(path_).parent_path().string();
  if (!make_dirs(dir, 0700)) return;
  bool fresh = !file_exists(path_);
  auto fd = open_regular_no_follow(path_, O_WRONLY | O_APPEND | O_CREAT);
  if (!fd) return;  // like the CLIs: a session that cannot be kept is not fatal
  fd_ = std::move(*fd);
  if (fresh)
    for (const auto& line : records_.opening(start_, now_micros())) append(line);
}

void SessionFile::append(const nlohmann::ordered_json& record) {
  if (!fd_.valid()) return;
  // Submitted text may hold invalid UTF-8; keep the line rather than throw.
  using Handler = nlohmann::ordered_json::error_handler_t;
  (void)write_all(fd_.get(), record.dump(-1, ' ', false, Handler::replace) + "\n");
}

void SessionFile::user_message(const std::string& text) {
  if (!enabled()) return;
  if (!fd_.valid()) open_file();
  std::string turn_id = new_uuid4();
  for (const auto& r : records_.user(text, turn_id, last_uuid_, now_micros())) append(r);
  last_uuid_ = turn_id;
  open_turns_.push_back(turn_id);
}

// Claude's records are records of their own; Codex's name the turn by its id.
std::string SessionFile::record_id(const std::string& turn_id) const {
  return records_.mode == Mode::claude ? new_uuid4() : turn_id;
}

void SessionFile::chain(const std::string& id) {
  if (records_.mode == Mode::claude) last_uuid_ = id;
}

std::string SessionFile::end_turn() {
  std::string turn_id = open_turns_.front();
  open_turns_.pop_front();
  open_call_.reset();
  return turn_id;
}

void SessionFile::turn_ended(const std::string& answer) {
  if (!enabled() || open_turns_.empty()) return;
  std::string id = record_id(end_turn());
  append(records_.turn_end(answer, id, last_uuid_, now_micros()));
  chain(id);
}

void SessionFile::tool_call(const std::string& command, const std::string& description,
                            bool ask) {
  if (!enabled() || open_turns_.empty()) return;
  const std::string& turn_id = open_turns_.front();
  bool claude = records_.mode == Mode::claude;
  open_call_ = ToolCall{(claude ? "toolu_" : "call_") + random_hex12() + random_hex12(), command,
                        description};
  std::string id = record_id(turn_id);
  append(records_.tool_call(*open_call_, id, last_uuid_, now_micros()));
  chain(id);
  // Claude's open tool_use is all its transcript says while it asks.
  if (ask && !claude) append(records_.approval_request(*open_call_, turn_id, now_micros()));
}

void SessionFile::tool_result(const std::string& output) {
  if (!enabled() || open_turns_.empty() || !open_call_) return;
  std::string id = record_id(open_turns_.front());
  append(records_.tool_result(*open_call_, output, id, last_uuid_, now_micros()));
  chain(id);
  open_call_.reset();
}

void SessionFile::turn_interrupted() {
  if (!enabled() || open_turns_.empty()) return;
  std::optional<ToolCall> call = open_call_;
  std::string turn_id = end_turn();
  if (call) {  // the CLIs first close the tool call the person cut short
    std::string id = record_id(turn_id);
    append(records_.tool_rejected(*call, id, last_uuid_, now_micros()));
    chain(id);
  }
  std::string id = record_id(turn_id);
  append(records_.interrupted(call.has_value(), id, last_uuid_, now_micros()));
  chain(id);
}

void SessionFile::turn_failed(const ApiFailure& failure) {
  if (!enabled() || open_turns_.empty()) return;
  std::string id = record_id(end_turn());
  for (const auto& r : records_.api_error(failure, id, last_uuid_, now_micros())) append(r);
  chain(id);
}

std::string resumed_notice(const SessionFile& session) {
  std::string out = "resumed session " + session.id() + ": " +
                    std::to_string(session.earlier().size()) + " earlier turns";
  for (const auto& text : session.earlier()) {
    std::string one_line = text.substr(0, text.find('\n'));
    std::string shown = truncate_to_width(one_line, kEarlierShownColumns);
    out += "\n  > " + shown + (shown.size() < text.size() ? "…" : "");
  }
  return out;
}

}  // namespace ta::fake
