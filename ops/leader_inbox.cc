#include "ops/leader_inbox.h"

#include "config/team_spec.h"
#include "events/types.h"
#include "ops/event_scan.h"
#include "util/when.h"

namespace ta::ops {

LeaderInboxReader::LeaderInboxReader(const config::Paths& paths)
    : reader_(paths.events_dir) {}

void LeaderInboxReader::restart() {
  (void)reader_.seek_after(0);
  to_leader_.clear();
}

std::vector<LeaderInboxEntry> LeaderInboxReader::read_on(std::size_t* corrupt) {
  std::vector<LeaderInboxEntry> out;
  auto bad = scan_events(reader_, [&](const events::Event& e) {
    if (e.type == events::MessageAccepted::kType) {
      auto m = events::decode<events::MessageAccepted>(e);
      if (m && m->to == config::kLeaderId)
        to_leader_[m->message_id] = {m->from, m->task_id, m->content};
      return true;
    }
    if (e.type != events::LeaderReceiverDeliveryFailed::kType || e.seq <= last_seq_) return true;
    auto f = events::decode<events::LeaderReceiverDeliveryFailed>(e);
    if (!f) return true;
    LeaderInboxEntry entry{e.seq,       e.ts,     f->message_id, "", "", f->result_id,
                           f->reason,   "",       f->fallback_path};
    auto it = to_leader_.find(f->message_id);
    if (it != to_leader_.end()) {
      entry.from = it->second.from;
      entry.task_id = it->second.task_id;
      entry.text = it->second.text;
      to_leader_.erase(it);  // one entry per message; the text is no longer needed
    }
    last_seq_ = e.seq;
    out.push_back(std::move(entry));
    return true;
  });
  if (corrupt) *corrupt = bad;
  return out;
}

std::string leader_inbox_text(const LeaderInboxEntry& e) {
  std::string head = "--- " + second_text(e.ts) + "  " + e.message_id;
  if (!e.from.empty()) head += "  from " + e.from;
  if (!e.task_id.empty()) head += " for " + e.task_id;
  head += " (not typed into the leader pane: " + e.reason + ")";
  return head + "\n" + e.text + (e.text.empty() || e.text.back() == '\n' ? "" : "\n") + "\n";
}

events::Json leader_inbox_json(const LeaderInboxEntry& e) {
  auto or_null = [](const std::string& s) { return s.empty() ? events::Json() : events::Json(s); };
  return {{"seq", e.seq},
          {"ts", e.ts},
          {"message_id", e.message_id},
          {"from", or_null(e.from)},
          {"task_id", or_null(e.task_id)},
          {"result_id", or_null(e.result_id)},
          {"reason", e.reason},
          {"text", e.text},
          {"fallback_path", or_null(e.fallback_path)}};
}

}  // namespace ta::ops
