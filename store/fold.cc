#include "store/fold.h"

#include <unordered_map>

#include "events/types.h"
#include "store/fold_helpers.h"
#include "store/fold_sql.h"

namespace ta::store {

using events::Event;
using namespace fold_helpers;


struct FoldHandlers {
  static const std::unordered_map<std::string, Fold::Handler>& table() {
    static const std::unordered_map<std::string, Fold::Handler> handlers = {
        {std::string(events::MessageAccepted::kType), &Fold::on_message_accepted},
        {std::string(events::SendDeliverAttempt::kType), &Fold::on_deliver_attempt},
        {std::string(events::SendDeferredBusy::kType), &Fold::on_deferred_busy},
        {std::string(events::SendDeferredStarting::kType), &Fold::on_deferred_starting},
        {std::string(events::SendSubmitted::kType), &Fold::on_submitted},
        {std::string(events::SendFailed::kType), &Fold::on_failed},
        {std::string(events::MessageAcknowledged::kType), &Fold::on_acknowledged},
        {std::string(events::WorkerFirstInteraction::kType), &Fold::on_first_interaction},
        {std::string(events::PaneStarted::kType), &Fold::on_pane_started},
        {std::string(events::PaneStateChanged::kType), &Fold::on_pane_state_changed},
        {std::string(events::PaneExited::kType), &Fold::on_pane_exited},
        {std::string(events::ScheduleCreated::kType), &Fold::on_schedule_created},
        {std::string(events::ScheduleFired::kType), &Fold::on_schedule_fired},
        {std::string(events::ScheduleCancelled::kType), &Fold::on_schedule_cancelled},
        {std::string(events::ResultReported::kType), &Fold::on_result_reported},
        {std::string(events::LeaderApiError::kType), &Fold::on_api_error},
        {std::string(events::SupervisorStarted::kType), &Fold::on_supervisor_started},
        {std::string(events::SupervisorStopping::kType), &Fold::on_supervisor_stopping},
        {std::string(events::SupervisorStopped::kType), &Fold::on_supervisor_stopped},
        {std::string(events::LeaderReceiverSubmitted::kType), &Fold::on_leader_notification},
        {std::string(events::LeaderReceiverDeliveryFailed::kType), &Fold::on_leader_notification},
        {std::string(events::LeaderNotificationDedupeSkip::kType), &Fold::on_leader_dedupe_skip},
        {std::string(events::SessionLaunched::kType), &Fold::on_session_launched},
        {std::string(events::SessionCaptured::kType), &Fold::on_session_captured},
        {std::string(events::SessionCaptureMissing::kType), &Fold::on_session_capture_missing},
        {std::string(events::SessionDiscarded::kType), &Fold::on_session_discarded},
        {std::string(events::RestartRollback::kType), &Fold::on_restart_rollback},
        {std::string(events::AgentRequestCompleted::kType), &Fold::on_agent_request_completed},
        {std::string(events::TmuxServerLost::kType), &Fold::on_tmux_server_lost},
        {std::string(events::TeamRestarted::kType), &Fold::on_team_restarted},
        {std::string(events::TeamRestartGaveUp::kType), &Fold::on_team_restart_gave_up},
        {std::string(events::TeamGone::kType), &Fold::on_team_gone},
        {std::string(events::HumanRequested::kType), &Fold::on_human_requested},
        {std::string(events::HumanAnswered::kType), &Fold::on_human_answered},
    };
    return handlers;
  }
};

Fold::Handler Fold::handler_for(const std::string& type) {
  const auto& t = FoldHandlers::table();
  auto it = t.find(type);
  if (it == t.end()) return is_health_event(type) ? &Fold::on_health : nullptr;
  return it->second;
}

Result<std::unique_ptr<Fold>> Fold::prepare(Database& db) {
  std::unique_ptr<Fold> f(new Fold(db));
  if (auto st = f->prepare_all(); !st) return st.error();
  return f;
}

Status Fold::prepare_all() {
  struct Item {
    Statement* st;
    const char* sql;
  };
  const Item items[] = {
      {&message_accept_.first, sql::kMessageAccept},
      {&message_accept_.second, sql::kMessageAcceptLate},
      {&message_attempt_.first, sql::kMessageAttempt},
      {&message_attempt_.second, sql::kMessageAttemptNew},
      {&message_defer_.first, sql::kMessageDefer},
      {&message_defer_.second, sql::kMessageDeferNew},
      {&message_submit_.first, sql::kMessageSubmit},
      {&message_submit_.second, sql::kMessageSubmitNew},
      {&message_fail_.first, sql::kMessageFail},
      {&message_fail_.second, sql::kMessageFailNew},
      {&message_ack_.first, sql::kMessageAck},
      {&message_ack_.second, sql::kMessageAckNew},
      {&message_recipient_, sql::kMessageRecipient},
      {&delivery_start_.first, sql::kDeliveryStart},
      {&delivery_start_.second, sql::kDeliveryRestart},
      {&delivery_submit_.first, sql::kDeliverySubmit},
      {&delivery_submit_.second, sql::kDeliverySubmitNew},
      {&delivery_fail_.first, sql::kDeliveryFail},
      {&delivery_fail_.second, sql::kDeliveryFailNew},
      {&agent_outcome_.first, sql::kAgentOutcome},
      {&agent_outcome_.second, sql::kAgentOutcomeNew},
      {&agent_first_send_, sql::kAgentFirstSend},
      {&agent_pane_started_, sql::kAgentPaneStarted},
      {&agent_pane_state_, sql::kAgentPaneState},
      {&agent_pane_exited_, sql::kAgentPaneExited},
      {&pane_started_, sql::kPaneStarted},
      {&pane_state_, sql::kPaneState},
      {&pane_exited_, sql::kPaneExited},
      {&schedule_create_, sql::kScheduleCreate},
      {&schedule_fire_, sql::kScheduleFire},
      {&schedule_cancel_, sql::kScheduleCancel},
      {&result_insert_, sql::kResultInsert},
      {&api_error_insert_, sql::kApiErrorInsert},
      {&supervisor_lose_others_, sql::kSupervisorLoseOthers},
      {&supervisor_start_, sql::kSupervisorStart},
      {&supervisor_stopping_, sql::kSupervisorStopping},
      {&supervisor_stopped_, sql::kSupervisorStopped},
      {&notification_upsert_, sql::kNotificationUpsert},
      {&notification_dedupe_, sql::kNotificationDedupe},
  };
  for (const auto& item : items) {
    auto st = db_.prepare(item.sql);
    if (!st) return st.error();
    *item.st = std::move(*st);
  }
  if (auto st = prepare_sessions(); !st) return st;
  if (auto st = prepare_health(); !st) return st;
  if (auto st = prepare_team(); !st) return st;
  return prepare_human();
}

template <class Bind>
Status Fold::write(RowWrite& w, const Bind& bind) {
  bind(w.first);
  if (auto st = w.first.run(); !st) return st;
  if (db_.changes() > 0) return ok_status();
  bind(w.second);
  return w.second.run();
}

Status Fold::apply(const Event& e) {
  Handler h = handler_for(e.type);
  if (!h) return ok_status();
  return (this->*h)(e);
}

// Messages and deliveries ------------------------------------------------------

Status Fold::on_message_accepted(const Event& e) {
  auto m = events::decode<events::MessageAccepted>(e);
  if (!m) return m.error();
  if (m->message_id.empty()) return ok_status();
  auto st = write(message_accept_, [&](Statement& st) {
    st.bind_text(1, m->message_id).bind_text_or_null(2, m->from).bind_text_or_null(3, m->to);
    st.bind_text_or_null(4, m->task_id).bind_text_or_null(5, m->batch_id);
    st.bind_text(6, m->content).bind_int(7, static_cast<std::int64_t>(m->content.size()));
    st.bind_int(8, m->now ? 1 : 0).bind_int(9, seq_of(e)).bind_text(10, e.ts);
  });
  if (!st || m->result_id.empty()) return st;
  // A result notification claims the result for the leader before any paste.
  auto& n = notification_upsert_;
  n.bind_text(1, m->result_id).bind_text(2, "result").bind_text(3, "claimed");
  n.bind_text_or_null(4, m->leader_session).bind_null(5).bind_int(6, seq_of(e)).bind_text(7, e.ts);
  return n.run();
}

Result<std::string> Fold::recipient_of(const std::string& message_id, const std::string& to) {
  if (!to.empty()) return to;
  auto& st = message_recipient_;
  st.bind_text(1, message_id);
  auto row = st.step();
  if (!row) return row.error();
  std::string found = *row ? st.column_text(0) : std::string();
  st.reset();
  return found;
}

Status Fold::record_outcome(const Event& e, const std::string& message_id, const std::string& to,
                            const char* outcome, const std::string& failure_reason) {
  auto agent = recipient_of(message_id, to);
  if (!agent) return agent.error();
  if (agent->empty()) return ok_status();
  return write(agent_outcome_, [&](Statement& st) {
    st.bind_text(1, *agent).bind_text(2, outcome).bind_text(3, message_id).bind_text(4, e.ts);
    st.bind_text_or_null(5, failure_reason).bind_int(6, seq_of(e));
  });
}

Status Fold::on_deliver_attempt(const Event& e) {
  auto a = events::decode<events::SendDeliverAttempt>(e);
  if (!a) return a.error();
  if (a->message_id.empty()) return ok_status();
  auto bind = [&](Statement& st) {
    st.bind_text(1, a->message_id).bind_text_or_null(2, a->to).bind_int(3, a->attempt);
    st.bind_int(4, seq_of(e)).bind_text(5, e.ts);
  };
  if (auto st = write(message_attempt_, bind); !st) return st;
  return write(delivery_start_, [&](Statement& st) {
    st.bind_text(1, a->message_id).bind_int(2, a->attempt).bind_text_or_null(3, a->to);
    st.bind_int(4, seq_of(e)).bind_text(5, e.ts);
  });
}

Status Fold::on_deferred_busy(const Event& e) {
  auto d = events::decode<events::SendDeferredBusy>(e);
  if (!d) return d.error();
  return defer_message(e, d->message_id, d->to, d->state, "recipient busy");
}

Status Fold::on_deferred_starting(const Event& e) {
  auto d = events::decode<events::SendDeferredStarting>(e);
  if (!d) return d.error();
  return defer_message(e, d->message_id, d->to, d->screen, "recipient starting");
}

Status Fold::defer_message(const Event& e, const std::string& message_id, const std::string& to,
                           const std::string& seen, const char* reason) {
  if (message_id.empty()) return ok_status();
  return write(message_defer_, [&](Statement& st) {
    st.bind_text(1, message_id).bind_text_or_null(2, to).bind_text_or_null(3, seen);
    st.bind_int(4, seq_of(e)).bind_text(5, e.ts).bind_text(6, reason);
  });
}

Status Fold::on_submitted(const Event& e) {
  auto s = events::decode<events::SendSubmitted>(e);
  if (!s) return s.error();
  if (s->message_id.empty()) return ok_status();
  auto message = [&](Statement& st) {
    st.bind_text(1, s->message_id).bind_text_or_null(2, s->to).bind_int(3, s->attempt);
    st.bind_text_or_null(4, s->verified_by).bind_int(5, seq_of(e)).bind_text(6, e.ts);
  };
  if (auto st = write(message_submit_, message); !st) return st;
  auto delivery = [&](Statement& st) {
    st.bind_text(1, s->message_id).bind_int(2, s->attempt).bind_text_or_null(3, s->to);
    st.bind_int(4, seq_of(e)).bind_text(5, e.ts).bind_text_or_null(6, s->verified_by);
    st.bind_int(7, s->enter_presses);
  };
  if (auto st = write(delivery_submit_, delivery); !st) return st;
  return record_outcome(e, s->message_id, s->to, "submitted", {});
}

Status Fold::on_failed(const Event& e) {
  auto f = events::decode<events::SendFailed>(e);
  if (!f) return f.error();
  if (f->message_id.empty()) return ok_status();
  auto message = [&](Statement& st) {
    st.bind_text(1, f->message_id).bind_text_or_null(2, f->to).bind_int(3, f->attempt);
    st.bind_text_or_null(4, f->reason).bind_text_or_null(5, f->stage);
    st.bind_text_or_null(6, f->detected).bind_text_or_null(7, f->pane_mode);
    st.bind_int(8, seq_of(e)).bind_text(9, e.ts);
  };
  if (auto st = write(message_fail_, message); !st) return st;
  auto delivery = [&](Statement& st) {
    st.bind_text(1, f->message_id).bind_int(2, f->attempt).bind_text_or_null(3, f->to);
    st.bind_int(4, seq_of(e)).bind_text(5, e.ts).bind_text_or_null(6, f->reason);
    st.bind_text_or_null(7, f->stage).bind_text_or_null(8, f->detected);
    st.bind_text_or_null(9, f->pane_mode).bind_text_or_null(10, f->pane_capture_tail);
  };
  if (auto st = write(delivery_fail_, delivery); !st) return st;
  return record_outcome(e, f->message_id, f->to, "failed", f->reason);
}

Status Fold::on_acknowledged(const Event& e) {
  auto a = events::decode<events::MessageAcknowledged>(e);
  if (!a) return a.error();
  if (a->message_id.empty()) return ok_status();
  return write(message_ack_, [&](Statement& st) {
    st.bind_text(1, a->message_id).bind_text_or_null(2, a->result_id);
    st.bind_int(3, seq_of(e)).bind_text(4, e.ts);
  });
}

Status Fold::on_first_interaction(const Event& e) {
  auto w = events::decode<events::WorkerFirstInteraction>(e);
  if (!w) return w.error();
  if (w->worker_id.empty()) return ok_status();
  const std::string& at = w->first_send_at.empty() ? e.ts : w->first_send_at;
  agent_first_send_.bind_text(1, w->worker_id).bind_text(2, at);
  agent_first_send_.bind_text_or_null(3, w->message_id).bind_int(4, seq_of(e));
  return agent_first_send_.run();
}

}  // namespace ta::store
