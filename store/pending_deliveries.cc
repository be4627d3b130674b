#include "store/pending_deliveries.h"

namespace ta::store {

namespace {

// 'deferred' waits for the agent like 'accepted'; a message whose accepted
// event is missing (accepted_seq NULL) has nothing to deliver.
constexpr const char* kPendingSql = R"sql(
SELECT accepted_seq, message_id, from_agent, to_agent, task_id, content, deliver_now, attempts
FROM messages
WHERE state IN ('accepted', 'deferred') AND accepted_seq IS NOT NULL
ORDER BY accepted_seq)sql";

constexpr const char* kStampedSql =
    "SELECT agent_id FROM agents WHERE first_send_at IS NOT NULL";

}  // namespace

Result<PendingDeliveries> load_pending_deliveries(Database& db) {
  PendingDeliveries out;
  if (!db.table_exists("messages")) return out;
  auto st = db.prepare(kPendingSql);
  if (!st) return st.error();
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    PendingMessage m;
    m.accepted_seq = static_cast<std::uint64_t>(st->column_int(0));
    m.message_id = st->column_text(1);
    m.from = st->column_text(2);
    m.to = st->column_text(3);
    m.task_id = st->column_text(4);
    m.content = st->column_text(5);
    m.now = st->column_int(6) != 0;
    m.attempts = static_cast<int>(st->column_int(7));
    m.interrupted = m.attempts > 0;
    out.messages.push_back(std::move(m));
  }
  auto stamped = db.prepare(kStampedSql);
  if (!stamped) return stamped.error();
  for (;;) {
    auto row = stamped->step();
    if (!row) return row.error();
    if (!*row) break;
    out.first_interaction_done.insert(stamped->column_text(0));
  }
  return out;
}

}  // namespace ta::store
