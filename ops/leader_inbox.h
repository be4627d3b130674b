#pragma once
// What the leader pane could not take (`team-agent inbox`): each
// leader_receiver.delivery_failed of the event log with the message it was
// about (sender, task, text from its message.accepted), oldest first. The
// log, not .team/leader-inbox.log, is read: it says why each entry is
// there, and a follower wakes on its appends like `events --follow` does.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "config/paths.h"
#include "events/event.h"
#include "events/reader.h"
#include "util/result.h"

namespace ta::ops {

struct LeaderInboxEntry {
  std::uint64_t seq = 0;  // of the delivery_failed event
  std::string ts;
  std::string message_id, from, task_id, result_id;
  std::string reason;         // why the pane could not take it
  std::string text;           // the message as sent
  std::string fallback_path;  // the file that got it; empty when that write failed
};

// Reads the log on from where the last call stopped (the start, at first).
class LeaderInboxReader {
 public:
  explicit LeaderInboxReader(const config::Paths& paths);
  // The entries appended since the last call; `corrupt` counts the bad
  // lines stepped over on the way.
  std::vector<LeaderInboxEntry> read_on(std::size_t* corrupt = nullptr);
  // The log was replaced: read it again from its start (entries at or below
  // the last seq handed out are not handed out again).
  void restart();

 private:
  struct Accepted {
    std::string from, task_id, text;
  };
  events::LogReader reader_;
  std::map<std::string, Accepted> to_leader_;  // message id -> what was sent to the leader
  std::uint64_t last_seq_ = 0;
};

// "--- 2026-12-04 04:12:03  msg_…  from w1 (not typed into the leader pane:
// non_input_screen)", then the text, then a blank line.
std::string leader_inbox_text(const LeaderInboxEntry& e);
events::Json leader_inbox_json(const LeaderInboxEntry& e);

}  // namespace ta::ops
