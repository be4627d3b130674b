#pragma once
// The pure fold from events to projection rows. It reads nothing but the
// event it is given (seq, ts, data): no clock, environment or tmux, so
// folding the same log always produces the same rows.
#include <map>
#include <memory>

#include "events/event.h"
#include "store/db.h"
#include "util/result.h"

namespace ta::store {

class Fold {
 public:
  // Prepares the fold's statements on `db`, whose schema must exist. The
  // fold does not manage transactions or projection_meta; its caller does.
  static Result<std::unique_ptr<Fold>> prepare(Database& db);

  // Applies one event (already upcast). Event types the fold does not know
  // change nothing. An event whose data does not match its type is an error.
  Status apply(const events::Event& e);

 private:
  explicit Fold(Database& db) : db_(db) {}
  Status prepare_all();

  Status on_message_accepted(const events::Event& e);
  Status on_deliver_attempt(const events::Event& e);
  Status on_deferred_busy(const events::Event& e);
  Status on_deferred_starting(const events::Event& e);
  Status defer_message(const events::Event& e, const std::string& message_id,
                       const std::string& to, const std::string& seen, const char* reason);
  Status on_submitted(const events::Event& e);
  Status on_failed(const events::Event& e);
  Status on_acknowledged(const events::Event& e);
  Status on_first_interaction(const events::Event& e);
  Status on_pane_started(const events::Event& e);
  Status on_pane_state_changed(const events::Event& e);
  Status on_pane_exited(const events::Event& e);
  Status on_schedule_created(const events::Event& e);
  Status on_schedule_fired(const events::Event& e);
  Status on_schedule_cancelled(const events::Event& e);
  Status on_result_reported(const events::Event& e);
  Status on_api_error(const events::Event& e);
  Status on_supervisor_started(const events::Event& e);
  Status on_supervisor_stopping(const events::Event& e);
  Status on_supervisor_stopped(const events::Event& e);
  Status on_leader_notification(const events::Event& e);
  Status on_leader_dedupe_skip(const events::Event& e);
  // store/fold_sessions.cc
  Status on_session_launched(const events::Event& e);
  Status on_session_captured(const events::Event& e);
  Status on_session_capture_missing(const events::Event& e);
  Status on_session_discarded(const events::Event& e);
  Status on_restart_rollback(const events::Event& e);
  Status on_agent_request_completed(const events::Event& e);
  Status prepare_sessions();
  // store/fold_health.cc
  static bool is_health_event(const std::string& type);
  Status prepare_health();
  Status on_health(const events::Event& e);
  // A new run knows nothing of the last run's turns and stuck agents yet.
  Status reset_health_for_new_run();
  // store/fold_team.cc
  Status on_tmux_server_lost(const events::Event& e);
  Status on_team_restarted(const events::Event& e);
  Status on_team_restart_gave_up(const events::Event& e);
  Status on_team_gone(const events::Event& e);
  Status mark_panes_gone(const events::Event& e);
  Status prepare_team();
  // store/fold_human.cc
  Status on_human_requested(const events::Event& e);
  Status on_human_answered(const events::Event& e);
  Status prepare_human();

  // The recipient named by a send.* event, or the message's to_agent.
  Result<std::string> recipient_of(const std::string& message_id, const std::string& to);
  // Sets the recipient's last delivery outcome; an empty reason keeps the last failure's.
  Status record_outcome(const events::Event& e, const std::string& message_id,
                        const std::string& to, const char* outcome,
                        const std::string& failure_reason);

  using Handler = Status (Fold::*)(const events::Event&);
  static Handler handler_for(const std::string& type);
  friend struct FoldHandlers;

  // A row change as two statements: `first` for the common case, `second`
  // (same parameters) only when `first` changed no row.
  struct RowWrite {
    Statement first, second;
  };
  template <class Bind>
  Status write(RowWrite& w, const Bind& bind);

  Database& db_;
  RowWrite message_accept_, message_attempt_, message_defer_, message_submit_, message_fail_,
      message_ack_;
  RowWrite delivery_start_, delivery_submit_, delivery_fail_, agent_outcome_;
  Statement message_recipient_;
  Statement agent_first_send_, agent_pane_started_, agent_pane_state_, agent_pane_exited_;
  Statement pane_started_, pane_state_, pane_exited_;
  Statement schedule_create_, schedule_fire_, schedule_cancel_;
  Statement result_insert_, api_error_insert_;
  Statement supervisor_lose_others_, supervisor_start_, supervisor_stopping_, supervisor_stopped_;
  Statement notification_upsert_, notification_dedupe_;
  Statement session_launch_, session_capture_, session_missing_, session_discard_,
      session_record_, session_rollback_, agent_lifecycle_;
  std::map<std::string, Statement> health_;  // by event type
  Statement health_agent_row_, health_team_row_, health_new_run_;
  Statement team_tmux_lost_, team_restarted_, team_restart_gave_up_, team_gone_,
      team_agents_gone_, team_panes_gone_;
  Statement human_asked_, human_answered_;
};

}  // namespace ta::store
