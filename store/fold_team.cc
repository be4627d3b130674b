// The fold of the team events (events/types_team.h) into team_incidents,
// one row per supervisor run that lost its tmux server, restarted the team
// or was found gone; and the panes of such a team marked `gone`, so that
// `status` shows them so even where no pane actor could say it.
#include "events/types.h"
#include "store/fold.h"
#include "store/fold_helpers.h"

namespace ta::store {

using events::Event;
using namespace fold_helpers;

namespace {

// ?1 run_id ?2 seq ?3 ts ?4 socket ?5 session ?6 why
constexpr const char* kTmuxLost = R"sql(
INSERT INTO team_incidents(run_id, tmux_lost_seq, tmux_lost_at, tmux_socket, tmux_session,
                           tmux_why, updated_seq)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?2)
ON CONFLICT(run_id) DO UPDATE SET
  tmux_lost_seq = excluded.tmux_lost_seq, tmux_lost_at = excluded.tmux_lost_at,
  tmux_socket = excluded.tmux_socket, tmux_session = excluded.tmux_session,
  tmux_why = excluded.tmux_why, updated_seq = excluded.updated_seq)sql";

// ?1 previous run_id ?2 new run_id ?3 seq
constexpr const char* kRestarted = R"sql(
INSERT INTO team_incidents(run_id, restarted_as, updated_seq) VALUES (?1, ?2, ?3)
ON CONFLICT(run_id) DO UPDATE SET
  restarted_as = excluded.restarted_as, updated_seq = excluded.updated_seq)sql";

// ?1 run_id ?2 seq
constexpr const char* kRestartGaveUp = R"sql(
INSERT INTO team_incidents(run_id, restart_gave_up, updated_seq) VALUES (?1, 1, ?2)
ON CONFLICT(run_id) DO UPDATE SET
  restart_gave_up = 1, updated_seq = excluded.updated_seq)sql";

// ?1 run_id ?2 seq ?3 ts ?4 detected_by: the first detection is kept.
constexpr const char* kGone = R"sql(
INSERT INTO team_incidents(run_id, gone_seq, gone_at, gone_detected_by, updated_seq)
VALUES (?1, ?2, ?3, ?4, ?2)
ON CONFLICT(run_id) DO UPDATE SET
  gone_seq = COALESCE(gone_seq, excluded.gone_seq), gone_at = COALESCE(gone_at, excluded.gone_at),
  gone_detected_by = COALESCE(gone_detected_by, excluded.gone_detected_by),
  updated_seq = excluded.updated_seq)sql";

// ?1 ts ?2 seq: every agent with a pane that a per-agent verb did not
// stop or remove; then their panes.
constexpr const char* kAgentsGone = R"sql(
UPDATE agents SET pane_state = 'gone', pane_state_at = ?1, updated_seq = ?2
WHERE pane_id IS NOT NULL AND COALESCE(lifecycle, 'running') = 'running')sql";
constexpr const char* kPanesGone = R"sql(
UPDATE panes SET state = 'gone', updated_seq = ?1
WHERE state NOT IN ('exited', 'gone') AND pane_id IN
  (SELECT pane_id FROM agents WHERE pane_state = 'gone'))sql";

}  // namespace

Status Fold::prepare_team() {
  return prepare_each(db_, {{&team_tmux_lost_, kTmuxLost},
                            {&team_restarted_, kRestarted},
                            {&team_restart_gave_up_, kRestartGaveUp},
                            {&team_gone_, kGone},
                            {&team_agents_gone_, kAgentsGone},
                            {&team_panes_gone_, kPanesGone}});
}

Status Fold::mark_panes_gone(const Event& e) {
  team_agents_gone_.bind_text(1, e.ts).bind_int(2, seq_of(e));
  if (auto st = team_agents_gone_.run(); !st) return st;
  team_panes_gone_.bind_int(1, seq_of(e));
  return team_panes_gone_.run();
}

Status Fold::on_tmux_server_lost(const Event& e) {
  auto l = events::decode<events::TmuxServerLost>(e);
  if (!l) return l.error();
  if (l->run_id.empty()) return ok_status();
  auto& st = team_tmux_lost_;
  st.bind_text(1, l->run_id).bind_int(2, seq_of(e)).bind_text(3, e.ts);
  st.bind_text_or_null(4, l->socket).bind_text_or_null(5, l->session);
  st.bind_text_or_null(6, l->why);
  if (auto r = st.run(); !r) return r;
  return mark_panes_gone(e);
}

Status Fold::on_team_restarted(const Event& e) {
  auto r = events::decode<events::TeamRestarted>(e);
  if (!r) return r.error();
  if (r->previous_run_id.empty()) return ok_status();
  team_restarted_.bind_text(1, r->previous_run_id).bind_text_or_null(2, r->run_id);
  team_restarted_.bind_int(3, seq_of(e));
  return team_restarted_.run();
}

Status Fold::on_team_restart_gave_up(const Event& e) {
  auto g = events::decode<events::TeamRestartGaveUp>(e);
  if (!g) return g.error();
  if (g->run_id.empty()) return ok_status();
  team_restart_gave_up_.bind_text(1, g->run_id).bind_int(2, seq_of(e));
  return team_restart_gave_up_.run();
}

Status Fold::on_team_gone(const Event& e) {
  auto g = events::decode<events::TeamGone>(e);
  if (!g) return g.error();
  if (g->run_id.empty()) return ok_status();
  auto& st = team_gone_;
  st.bind_text(1, g->run_id).bind_int(2, seq_of(e)).bind_text(3, e.ts);
  st.bind_text_or_null(4, g->detected_by);
  if (auto r = st.run(); !r) return r;
  return mark_panes_gone(e);
}

}  // namespace ta::store
