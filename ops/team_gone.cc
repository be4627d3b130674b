#include "ops/team_gone.h"

#include "config/supervisor_lock.h"
#include "events/types.h"
#include "ops/team.h"
#include "store/projector.h"
#include "store/team_incidents.h"
#include "terminal/tmux_server.h"
#include "util/fs.h"

namespace ta::ops {

namespace {

// The last run as the log recorded it, when it never said it stopped.
std::optional<std::string> unstopped_last_run(const config::Paths& paths) {
  auto view = store::open_state_view(paths);
  if (!view) return std::nullopt;
  auto last = store::last_supervisor_run(view->db());
  if (!last || !*last) return std::nullopt;
  const auto& state = (*last)->state;
  if (state != "running" && state != "stopping") return std::nullopt;
  return (*last)->run_id;
}

// Whether the team's tmux server still answers with the team's session
// (named by the record a dead supervisor left, when it left one). Without
// tmux there is no server.
bool tmux_answers(const config::Paths& paths, const config::SupervisorStatus& probe) {
  terminal::ServerOptions o;
  o.socket_name = terminal::socket_name_for_workspace(paths.workspace);
  auto server = terminal::TmuxServer::locate(o);
  if (!server || !server->running()) return false;
  if (!probe.record || probe.record->session.empty()) return true;
  return server->has_session(probe.record->session);
}

bool record_gone(const config::Paths& paths, const std::string& run_id,
                 const std::string& detected_by) {
  auto spec = load_team_if_present(paths.team_json);
  if (!spec || !*spec) return false;
  auto log = open_team_log(paths, (*spec)->team);
  if (!log) return false;
  auto appended = (*log)->append(
    events::to_draft(events::TeamGone{run_id, detected_by}, "team_gone:" + run_id));
  return appended && !appended->duplicate;
}

}  // namespace

std::optional<GoneTeam> check_team_gone(const config::Paths& paths,
                                        const std::string& detected_by) {
  if (!file_exists(paths.events_dir)) return std::nullopt;  // never ran here
  // A supervisor that ended without releasing its lock (killed, crashed,
  // the machine rebooted) leaves its record behind; one that stopped
  // cleanly removes it. The projections are looked at last, so that a team
  // that is not gone costs a lock probe and no more.
  auto probe = config::probe_supervisor(paths);
  if (probe.state != config::SupervisorState::stale) return std::nullopt;
  if (tmux_answers(paths, probe)) return std::nullopt;
  auto run_id = unstopped_last_run(paths);
  if (!run_id) return std::nullopt;
  GoneTeam gone{*run_id, record_gone(paths, *run_id, detected_by)};
  return gone;
}

std::string team_gone_sentence(const GoneTeam& gone) {
  return "the team's last run (" + gone.run_id +
         ") ended without a shutdown: its supervisor, panes and tmux server are all gone; "
         "'team-agent run' (or 'team-agent restart') brings it back with its agents' sessions "
         "resumed";
}

}  // namespace ta::ops
