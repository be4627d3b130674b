// The fold's handlers for the team's runtime: panes, timers, results, the
// leader and supervisor runs (the message handlers are in store/fold.cc).
#include "events/types.h"
#include "store/fold.h"
#include "store/fold_helpers.h"

namespace ta::store {

using events::Event;
using namespace fold_helpers;

// Panes --------------------------------------------------------------------------

Status Fold::on_pane_started(const Event& e) {
  auto p = events::decode<events::PaneStarted>(e);
  if (!p) return p.error();
  if (p->agent_id.empty()) return ok_status();
  // A pane without a tmux id is known by its agent's id.
  const std::string& pane = p->pane_id.empty() ? p->agent_id : p->pane_id;
  pane_started_.bind_text(1, pane).bind_text(2, p->agent_id).bind_text_or_null(3, p->provider);
  bind_int_or_null(pane_started_, 4, p->pid);
  pane_started_.bind_int(5, seq_of(e)).bind_text(6, e.ts);
  if (auto st = pane_started_.run(); !st) return st;
  auto& a = agent_pane_started_;
  a.bind_text(1, p->agent_id).bind_text(2, pane).bind_text_or_null(3, p->provider);
  bind_int_or_null(a, 4, p->pid);
  a.bind_text(5, e.ts).bind_int(6, seq_of(e));
  return a.run();
}

Status Fold::on_pane_state_changed(const Event& e) {
  auto p = events::decode<events::PaneStateChanged>(e);
  if (!p) return p.error();
  if (p->agent_id.empty() || p->to.empty()) return ok_status();
  agent_pane_state_.bind_text(1, p->agent_id).bind_text(2, p->to).bind_text(3, e.ts);
  agent_pane_state_.bind_int(4, seq_of(e));
  if (auto st = agent_pane_state_.run(); !st) return st;
  pane_state_.bind_text(1, p->agent_id).bind_text(2, p->to).bind_int(3, seq_of(e));
  return pane_state_.run();
}

Status Fold::on_pane_exited(const Event& e) {
  auto p = events::decode<events::PaneExited>(e);
  if (!p) return p.error();
  if (p->agent_id.empty()) return ok_status();
  const std::string& pane = p->pane_id.empty() ? p->agent_id : p->pane_id;
  pane_exited_.bind_text(1, pane).bind_text(2, p->agent_id).bind_text(3, e.ts);
  pane_exited_.bind_int(4, p->code).bind_int(5, seq_of(e));
  if (auto st = pane_exited_.run(); !st) return st;
  agent_pane_exited_.bind_text(1, p->agent_id).bind_text(2, pane).bind_text(3, e.ts);
  agent_pane_exited_.bind_int(4, seq_of(e)).bind_text_or_null(5, p->cause);
  agent_pane_exited_.bind_text_or_null(6, p->advice);
  return agent_pane_exited_.run();
}

// Timers, results, the leader ------------------------------------------------------

Status Fold::on_schedule_created(const Event& e) {
  auto s = events::decode<events::ScheduleCreated>(e);
  if (!s) return s.error();
  if (s->schedule_id.empty()) return ok_status();
  // nlohmann objects keep keys sorted, so the dump is canonical.
  std::string payload = s->payload.dump(-1, ' ', false, events::Json::error_handler_t::replace);
  auto& st = schedule_create_;
  st.bind_text(1, s->schedule_id).bind_text_or_null(2, s->kind).bind_text_or_null(3, s->owner);
  st.bind_text_or_null(4, s->due_at).bind_text(5, payload).bind_int(6, seq_of(e));
  st.bind_text(7, e.ts);
  return st.run();
}

Status Fold::on_schedule_fired(const Event& e) {
  auto s = events::decode<events::ScheduleFired>(e);
  if (!s) return s.error();
  schedule_fire_.bind_text(1, s->schedule_id).bind_text(2, e.ts).bind_int(3, seq_of(e));
  return schedule_fire_.run();
}

Status Fold::on_schedule_cancelled(const Event& e) {
  auto s = events::decode<events::ScheduleCancelled>(e);
  if (!s) return s.error();
  schedule_cancel_.bind_text(1, s->schedule_id).bind_text(2, e.ts);
  schedule_cancel_.bind_text_or_null(3, s->reason).bind_int(4, seq_of(e));
  return schedule_cancel_.run();
}

Status Fold::on_result_reported(const Event& e) {
  auto r = events::decode<events::ResultReported>(e);
  if (!r) return r.error();
  if (r->result_id.empty()) return ok_status();
  auto& st = result_insert_;
  st.bind_text(1, r->result_id).bind_text_or_null(2, r->task_id).bind_text_or_null(3, r->agent_id);
  st.bind_text_or_null(4, r->status).bind_text(5, r->summary).bind_int(6, seq_of(e));
  st.bind_text(7, e.ts);
  return st.run();
}

Status Fold::on_api_error(const Event& e) {
  auto a = events::decode<events::LeaderApiError>(e);
  if (!a) return a.error();
  auto& st = api_error_insert_;
  st.bind_int(1, seq_of(e)).bind_text(2, e.ts).bind_text_or_null(3, a->error_class);
  st.bind_text_or_null(4, a->provider).bind_text_or_null(5, a->matched_pattern_snippet);
  st.bind_int(6, a->partial_response_streamed ? 1 : 0);
  st.bind_int(7, a->worker_dispatch_just_before ? 1 : 0);
  return st.run();
}

Status Fold::on_leader_notification(const Event& e) {
  std::string result_id = text_field(e.data, "result_id");
  std::string id = result_id.empty() ? text_field(e.data, "message_id") : result_id;
  if (id.empty()) return ok_status();
  bool failed = e.type == "leader_receiver.delivery_failed";
  std::string session = text_field(e.data, "leader_session");
  std::string reason = text_field(e.data, "reason");
  auto& st = notification_upsert_;
  st.bind_text(1, id).bind_text(2, result_id.empty() ? "message" : "result");
  st.bind_text(3, failed ? "delivery_failed" : "submitted").bind_text_or_null(4, session);
  st.bind_text_or_null(5, reason).bind_int(6, seq_of(e)).bind_text(7, e.ts);
  return st.run();
}

Status Fold::on_leader_dedupe_skip(const Event& e) {
  std::string id = text_field(e.data, "result_id");
  if (id.empty()) id = text_field(e.data, "message_id");
  if (id.empty()) return ok_status();
  notification_dedupe_.bind_text(1, id).bind_int(2, seq_of(e)).bind_text(3, e.ts);
  return notification_dedupe_.run();
}

// Supervisors --------------------------------------------------------------------

Status Fold::on_supervisor_started(const Event& e) {
  auto s = events::decode<events::SupervisorStarted>(e);
  if (!s) return s.error();
  if (s->run_id.empty()) return ok_status();
  // Only one supervisor runs per workspace: a run that never said it stopped
  // is over once the next one starts.
  supervisor_lose_others_.bind_text(1, s->run_id).bind_int(2, seq_of(e));
  if (auto st = supervisor_lose_others_.run(); !st) return st;
  if (auto st = reset_health_for_new_run(); !st) return st;
  auto& st = supervisor_start_;
  st.bind_text(1, s->run_id);
  bind_int_or_null(st, 2, s->pid);
  st.bind_text_or_null(3, s->version).bind_int(4, seq_of(e)).bind_text(5, e.ts);
  return st.run();
}

Status Fold::on_supervisor_stopping(const Event& e) {
  auto s = events::decode<events::SupervisorStopping>(e);
  if (!s) return s.error();
  if (s->run_id.empty()) return ok_status();
  supervisor_stopping_.bind_text(1, s->run_id).bind_text(2, e.ts);
  supervisor_stopping_.bind_text_or_null(3, s->reason).bind_int(4, seq_of(e));
  return supervisor_stopping_.run();
}

Status Fold::on_supervisor_stopped(const Event& e) {
  auto s = events::decode<events::SupervisorStopped>(e);
  if (!s) return s.error();
  if (s->run_id.empty()) return ok_status();
  supervisor_stopped_.bind_text(1, s->run_id).bind_text(2, e.ts);
  supervisor_stopped_.bind_text_or_null(3, s->reason).bind_int(4, s->exit_code);
  supervisor_stopped_.bind_int(5, seq_of(e));
  return supervisor_stopped_.run();
}

}  // namespace ta::store
