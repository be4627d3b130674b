#pragma once
// The messages addressed to one agent, read from the event log from a seq
// cursor on (the read_messages tool): what was sent to it, by whom, with
// which task, whether or not it reached its pane yet.
#include <cstdint>
#include <string>
#include <vector>

#include "config/paths.h"
#include "util/result.h"

namespace ta::ops {

struct InboxMessage {
  std::uint64_t seq = 0;
  std::string message_id, from, task_id, text, ts;
};

struct InboxPage {
  std::vector<InboxMessage> messages;  // oldest first
  std::uint64_t next_since = 0;        // the cursor to read on from
  bool more = false;                   // stopped at `limit` (or the size bound) before the end
};

// At most this much text in one page: the rest comes with the next cursor.
inline constexpr size_t kMaxInboxPageBytes = 2u << 20;

// Messages to `agent` with seq > `since`, at most `limit`.
Result<InboxPage> read_inbox(const config::Paths& paths, const std::string& agent,
                             std::uint64_t since, size_t limit);

}  // namespace ta::ops
