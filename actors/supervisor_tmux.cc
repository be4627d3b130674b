// The supervisor when the team's tmux server is lost: recorded once, every
// pane actor told that its pane is gone (they keep what they hold: the next
// run delivers it), and under runtime.restart "on-failure" the run stopped
// so that the process around it (supervisor/run.cc) starts the team again.
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/supervisor_internal.h"
#include "events/types.h"

namespace ta::actors::supervisor_detail {

void on_tmux_lost(self_ptr self, const std::string& socket, const std::string& session,
                  const std::string& why) {
  auto& st = self->state;
  if (st.tmux_lost || st.stopping) return;
  st.tmux_lost = true;
  events::TmuxServerLost lost{socket, session, why, st.cfg.run_id};
  append(self, {events::to_draft(lost, "tmux_lost:" + st.cfg.run_id)});
  // Panes on pane hosts are on their own tmux servers.
  for (auto& [agent, pane] : st.panes)
    if (host_of(self, agent).empty()) self->send(pane, gone_atom::value);
  if (!st.cfg.restart_on_server_loss) return;
  {
    std::lock_guard<std::mutex> lock(st.cfg.outcome->mu);
    st.cfg.outcome->server_lost = true;
  }
  stop_run(self, "tmux_server_lost", 1);
}

}  // namespace ta::actors::supervisor_detail
