#include "ops/tmux_lost.h"

#include "ops/errors.h"
#include "ops/status.h"
#include "store/projector.h"

namespace ta::ops {

std::optional<store::TeamIncident> live_tmux_loss(const config::Paths& paths) {
  auto live = live_supervisor(paths);
  if (!live.running || live.run_id.empty()) return std::nullopt;
  // The supervisor is the projector: this reads what it folded, read-only.
  auto view = store::open_state_view(paths);
  if (!view) return std::nullopt;
  auto incident = store::team_incident(view->db(), live.run_id);
  if (!incident || !*incident || !(*incident)->tmux_lost() || !(*incident)->restarted_as.empty())
    return std::nullopt;
  return **incident;
}

Error tmux_unavailable_error(const store::TeamIncident& loss, const config::TeamSpec& spec) {
  std::string s = std::string(kTmuxUnavailable) + ": the team's tmux server is gone (lost at " +
                  loss.tmux_lost_at + "), so nothing was sent; ";
  if (spec.runtime.restart == config::RestartPolicy::on_failure)
    s += "the supervisor is starting the team again by itself (runtime.restart \"on-failure\"): "
         "send it again once `team-agent status` shows the agents, or run 'team-agent restart'";
  else
    s += "bring the team back with 'team-agent restart' (or set runtime.restart to "
         "\"on-failure\" in the team spec so that it restarts itself)";
  return make_error(std::move(s), kExitFailed);
}

bool is_tmux_unavailable(const Error& e) {
  return e.message.compare(0, kTmuxUnavailable.size(), kTmuxUnavailable) == 0;
}

}  // namespace ta::ops
