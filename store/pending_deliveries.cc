#include "store/pending_deliveries.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "store/rows.h"

namespace ta::store {

namespace {

// 'deferred' waits for the agent like 'accepted'; a message whose accepted
// event is missing (accepted_seq NULL) has nothing to deliver.
// A result notification's claim row was inserted by its message.accepted,
// so the claim's first_seq names the message and gives back its result.
constexpr const char* kPendingSql = R"sql(
SELECT m.accepted_seq, m.message_id, m.from_agent, m.to_agent, m.task_id, m.content,
       m.deliver_now, m.attempts, n.notification_id
FROM messages m
LEFT JOIN leader_notifications n ON n.kind = 'result' AND n.first_seq = m.accepted_seq
WHERE m.state IN ('accepted', 'deferred') AND m.accepted_seq IS NOT NULL
ORDER BY m.accepted_seq)sql";

constexpr const char* kStampedSql =
    "SELECT agent_id FROM agents WHERE first_send_at IS NOT NULL";

constexpr const char* kLeaderMessagesSql =
    "SELECT message_id FROM messages WHERE to_agent = 'leader'";

constexpr const char* kUnnotifiedSql = R"sql(
SELECT r.result_id, r.task_id, r.agent_id, r.status, r.summary FROM results r
LEFT JOIN leader_notifications n ON n.notification_id = r.result_id
WHERE n.notification_id IS NULL
ORDER BY r.reported_seq)sql";

constexpr const char* kFiredTrustSql =
    "SELECT payload FROM scheduled WHERE kind = 'trust_retry' AND state = 'fired'";

}  // namespace

Result<PendingDeliveries> load_pending_deliveries(Database& db) {
  PendingDeliveries out;
  if (!db.table_exists("messages")) return out;
  auto st = each_row(db, kPendingSql, [&](Statement& s) {
    PendingMessage m;
    m.accepted_seq = static_cast<std::uint64_t>(s.column_int(0));
    text_columns(s, 1, {&m.message_id, &m.from, &m.to, &m.task_id, &m.content});
    m.now = s.column_int(6) != 0;
    m.attempts = static_cast<int>(s.column_int(7));
    m.result_id = s.column_text(8);
    m.interrupted = m.attempts > 0;
    out.messages.push_back(std::move(m));
  });
  if (!st) return st.error();
  st = each_row(db, kStampedSql, [&](Statement& s) {
    out.first_interaction_done.insert(s.column_text(0));
  });
  if (!st) return st.error();
  st = each_row(db, kLeaderMessagesSql, [&](Statement& s) {
    out.leader_message_ids.insert(s.column_text(0));
  });
  if (!st) return st.error();
  st = each_row(db, kUnnotifiedSql, [&](Statement& s) {
    out.unnotified_results.push_back(
      {s.column_text(0), s.column_text(1), s.column_text(2), s.column_text(3), s.column_text(4)});
  });
  if (!st) return st.error();
  st = each_row(db, kFiredTrustSql, [&](Statement& s) {
    auto p = nlohmann::json::parse(s.column_text(0), nullptr, false);
    if (!p.is_object()) return;
    auto& best = out.trust_fired_attempt[p.value("message_id", "")];
    best = std::max(best, p.value("attempt", 0));
  });
  if (!st) return st.error();
  return out;
}

}  // namespace ta::store
