// What the supervisor keeps from the bus besides routing: a reported
// result becomes one notification to the leader, and the pending timers
// (with the trust_retry attempts that fired) are tracked as the log says.
#include <algorithm>

#include "actors/supervisor_internal.h"
#include "actors/timer_kind.h"
#include "config/team_spec.h"
#include "events/types.h"
#include "util/hash.h"

namespace ta::actors::supervisor_detail {

namespace {

// The last 12 hex digits of the text's FNV-1a (ids already written used them).
std::string hex12(const std::string& text) { return hex16(fnv1a(text)).substr(4); }

}  // namespace

// A reported result becomes one message to the leader per leader session,
// unless the leader reported it: nobody is told of their own result (a
// leader that answers notifications by reporting would loop for ever).
// Its id is derived from (result_id, session) and is the log's idempotency
// key, so the claim is atomic and survives restarts; a repeat is recorded
// as leader_notification.dedupe_skip and never typed.
void notify_leader(self_ptr self, const events::ResultReported& r) {
  auto& st = self->state;
  if (r.agent_id == config::kLeaderId) return;
  const std::string id = "msg_" + hex12(r.result_id + "\n" + st.cfg.leader_session);
  if (!st.leader_message_ids.insert(id).second) {
    return append(self, {events::to_draft(events::LeaderNotificationDedupeSkip{
                          r.result_id, st.cfg.leader_session, id})});
  }
  events::MessageAccepted m;
  m.message_id = id;
  m.from = r.agent_id;
  m.to = config::kLeaderId;
  m.task_id = r.task_id;
  m.content = "Result " + r.result_id + ": " + r.status + "\n\n" + r.summary;
  m.result_id = r.result_id;
  m.leader_session = st.cfg.leader_session;
  append(self, {events::to_draft(m, id)});
}

// Keeps the pending timers as the log says, and for a fired trust_retry
// timer the highest attempt it made for its message.
void track_timer(self_ptr self, const events::Event& e) {
  auto& st = self->state;
  if (e.type == events::ScheduleCreated::kType) {
    auto c = events::decode<events::ScheduleCreated>(e);
    if (c) st.timers.push_back({c->schedule_id, c->kind, c->owner, c->due_at, c->payload.dump()});
    return;
  }
  auto id = e.data.value("schedule_id", "");
  auto& t = st.timers;
  for (auto& timer : t) {
    if (timer.schedule_id != id || parse_timer_kind(timer.kind) != TimerKind::trust_retry ||
        e.type != events::ScheduleFired::kType)
      continue;
    auto p = events::Json::parse(timer.payload, nullptr, false);
    if (!p.is_object()) continue;
    auto& best = st.trust_fired[p.value("message_id", "")];
    best = std::max(best, p.value("attempt", 0));
  }
  t.erase(std::remove_if(t.begin(), t.end(), [&](auto& x) { return x.schedule_id == id; }),
          t.end());
}

}  // namespace ta::actors::supervisor_detail
