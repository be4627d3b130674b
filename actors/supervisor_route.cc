// The supervisor's routing: an accepted message goes to its recipient's pane
// actor (or waits for its next pane), and is tracked as owed until its
// outcome is in the log; a new pane actor is handed what its agent is owed,
// with where each message stands with its trust prompt.
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/pane_io.h"
#include "actors/supervisor_internal.h"
#include "actors/timer_kind.h"

namespace ta::actors::supervisor_detail {

events::Draft interrupted_failure(const Delivery& d) {
  return failed_without_inject(
    d, "interrupted", "unknown",
    "the supervisor stopped during this delivery; its text may have reached the pane", 1);
}

void settle(self_ptr self, const std::string& message_id) {
  auto& st = self->state;
  st.trust_fired.erase(message_id);
  auto it = st.owed_index.find(message_id);
  if (it == st.owed_index.end()) return;
  st.owed[it->second.first].erase(it->second.second);
  st.owed_index.erase(it);
  st.attempted.erase(message_id);
}

namespace {

// The attempt a pending trust_retry timer will make for `message_id`, or 0.
int pending_trust_attempt(self_ptr self, const std::string& message_id) {
  for (auto& t : self->state.timers) {
    if (parse_timer_kind(t.kind) != TimerKind::trust_retry) continue;
    auto payload = events::Json::parse(t.payload, nullptr, false);
    if (payload.is_object() && payload.value("message_id", "") == message_id)
      return payload.value("attempt", 0);
  }
  return 0;
}

// Where a message stands with its trust prompt, as the log says now: a
// pane actor that starts (again) picks up the retry count from here.
Delivery with_trust_state(self_ptr self, Delivery d) {
  auto& st = self->state;
  d.trust_attempt_pending = pending_trust_attempt(self, d.message_id);
  d.trust_resume_attempt = 0;
  if (d.trust_attempt_pending == 0) {
    auto fired = st.trust_fired.find(d.message_id);
    if (fired != st.trust_fired.end()) d.trust_resume_attempt = fired->second + 1;
  }
  return d;
}

}  // namespace

void route(self_ptr self, Delivery d) {
  auto& st = self->state;
  d = with_trust_state(self, std::move(d));
  auto pane = st.panes.find(d.to);
  if (pane == st.panes.end() && !st.members.count(d.to)) {
    return append(self, {failed_without_inject(d, "unknown_recipient", "route",
                                               "no pane for \"" + d.to + "\" in this run's team")});
  }
  st.owed[d.to][d.accepted_seq] = d;
  st.owed_index[d.message_id] = {d.to, d.accepted_seq};
  // A stopped member's messages wait for its next pane.
  if (pane != st.panes.end() && !st.children[kPanePrefix + d.to].restarting)
    self->send(pane->second, deliver_atom::value, d);
}

void resend_owed(self_ptr self, const std::string& agent) {
  auto& st = self->state;
  // Never paste again what was attempted (it may have landed).
  std::vector<events::Draft> failures;
  std::vector<Delivery> resend;
  for (auto& [_, d] : st.owed[agent]) {
    if (st.attempted.count(d.message_id))
      failures.push_back(interrupted_failure(d));
    else
      resend.push_back(d);
  }
  append(self, std::move(failures));
  for (auto& d : resend) self->send(st.panes[agent], deliver_atom::value, with_trust_state(self, d));
}

}  // namespace ta::actors::supervisor_detail
