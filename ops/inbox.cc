#include "ops/inbox.h"

#include "events/reader.h"
#include "events/types.h"
#include "ops/event_scan.h"

namespace ta::ops {

Result<InboxPage> read_inbox(const config::Paths& paths, const std::string& agent,
                             std::uint64_t since, size_t limit) {
  InboxPage page;
  page.next_since = since;
  events::LogReader reader(paths.events_dir);
  if (auto st = reader.seek_after(since); !st) return st.error();
  size_t bytes = 0;
  scan_events(reader, [&](const events::Event& e) {
    if (e.type == events::MessageAccepted::kType && e.data.value("to", "") == agent) {
      auto m = events::decode<events::MessageAccepted>(e);
      if (m) {
        if (page.messages.size() >= limit ||
            (!page.messages.empty() && bytes + m->content.size() > kMaxInboxPageBytes)) {
          page.more = true;
          return false;
        }
        bytes += m->content.size();
        page.messages.push_back({e.seq, m->message_id, m->from, m->task_id, m->content, e.ts});
      }
    }
    page.next_since = e.seq;
    return true;
  });
  return page;
}

}  // namespace ta::ops
