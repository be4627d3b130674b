#pragma once
// The session the fake agent keeps in its mode's CLI layout (Claude Code's
// transcript, Codex's rollout; fake_agent/session_layout.h), so capturing and
// resuming sessions can be tested without the real CLIs. As with them, the
// file appears only when the first message is submitted; a resumed session
// appends to its file.
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "fake_agent/options.h"
#include "fake_agent/session_layout.h"
#include "util/fs.h"
#include "util/result.h"

namespace ta::fake {

class SessionFile {
 public:
  SessionFile() = default;  // keeps nothing (plain mode, or no home to keep it in)
  // The session `opts` names: a new one (its id given or made up) or the
  // resumed one, whose file must exist (else the CLI's error, code 1).
  static Result<SessionFile> prepare(const Options& opts);

  bool enabled() const { return !path_.empty(); }
  const std::string& id() const { return records_.id; }
  bool resumed() const { return resumed_; }
  const std::string& path() const { return path_; }
  // What a person submitted before, oldest first (a resumed session).
  const std::vector<std::string>& earlier() const { return earlier_; }

  // A message was submitted: its turn starts (the file is created first).
  void user_message(const std::string& text);
  // The oldest running turn ended with `answer` shown.
  void turn_ended(const std::string& answer);
  // The oldest running turn calls a tool running `command` (which stays
  // open until tool_result() or the turn's end); with `ask`, Codex records
  // that it waits for a person's approval first.
  void tool_call(const std::string& command, const std::string& description, bool ask);
  // The open tool call's output came back (after an approval).
  void tool_result(const std::string& output);
  // The person interrupted the oldest running turn (Esc, Ctrl-C, a declined approval).
  void turn_interrupted();
  // The oldest running turn ended in an API error.
  void turn_failed(const ApiFailure& failure);

 private:
  void open_file();
  void append(const nlohmann::ordered_json& record);
  // A new record's id: Claude's own uuid, Codex's turn id.
  std::string record_id(const std::string& turn_id) const;
  // Claude's records form a chain: the next one names this one as its parent.
  void chain(const std::string& id);
  // Removes the oldest running turn (and its open tool call); its id.
  std::string end_turn();

  SessionRecords records_{Mode::plain, {}, {}};
  std::string path_;
  bool resumed_ = false;
  UnixMicros start_ = 0;
  std::vector<std::string> earlier_;
  UniqueFd fd_;
  std::string last_uuid_;               // claude: each record names its parent
  std::deque<std::string> open_turns_;  // ids of turns not ended yet, oldest first
  std::optional<ToolCall> open_call_;   // the oldest turn's tool call awaiting its result
};

// What the screen shows of a resumed session: a line naming it and the
// number of earlier turns, then each earlier message's first line, shortened.
std::string resumed_notice(const SessionFile& session);

}  // namespace ta::fake
