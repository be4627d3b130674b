#include "store/status_report_team.h"
#include "store/report_values.h"

#include "util/when.h"

namespace ta::store {

namespace {

using Json = events::Json;


// The run's tmux server was lost and no later run brought the team back.
bool still_lost(const TeamIncident& i) { return i.tmux_lost() && i.restarted_as.empty(); }

}  // namespace

// One clause per line under the headline, so that the advice reads whole
// within the report's width.
std::string team_incident_text(const std::optional<TeamIncident>& incident) {
  if (!incident) return "";
  const auto& i = *incident;
  if (i.gone())
    return "team: gone: its last run " + i.run_id + " ended without a shutdown\n"
           "  no supervisor, no panes, no tmux server (found by `" + i.gone_detected_by +
           "` at " + second_text(i.gone_at) + ")\n"
           "  `team-agent run` (or `team-agent restart`) brings it back with its sessions "
           "resumed\n";
  if (!still_lost(i)) return "";
  std::string out = "tmux server: lost at " + second_text(i.tmux_lost_at);
  if (!i.tmux_why.empty()) out += " (" + i.tmux_why + ")";
  out += "\n  the panes are gone and waiting messages are kept\n";
  if (i.restart_gave_up) out += "  the automatic restarts gave up (3 within 10 minutes)\n";
  return out + "  bring the team back with `team-agent restart`\n";
}

Json team_incident_json(const std::optional<TeamIncident>& incident) {
  Json team{{"tmux_server_lost", nullptr}, {"gone", nullptr}};
  if (!incident) return team;
  const auto& i = *incident;
  if (still_lost(i))
    team["tmux_server_lost"] = Json{{"run_id", i.run_id},
                                    {"at", i.tmux_lost_at},
                                    {"socket", or_null(i.tmux_socket)},
                                    {"session", or_null(i.tmux_session)},
                                    {"why", or_null(i.tmux_why)},
                                    {"restart_gave_up", i.restart_gave_up},
                                    {"restart_with", "team-agent restart"}};
  if (i.gone())
    team["gone"] = Json{{"run_id", i.run_id},
                        {"at", i.gone_at},
                        {"detected_by", or_null(i.gone_detected_by)},
                        {"restart_with", "team-agent run"}};
  return team;
}

}  // namespace ta::store
