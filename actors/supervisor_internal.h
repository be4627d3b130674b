#pragma once
// What the supervisor actor's two files share (actors/supervisor.cc: the
// children, routing and stop; actors/supervisor_lifecycle.cc: the per-agent
// verbs). Not for other users.
#include <string>
#include <vector>

#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/supervisor.h"

namespace ta::actors::supervisor_detail {

using self_ptr = supervisor_actor::stateful_pointer<SupervisorState>;

extern const std::string kPanePrefix;

void append(self_ptr self, std::vector<events::Draft> drafts);
// Spawns and monitors the pane actor of cfg's agent.
void spawn_pane(self_ptr self, PaneActorConfig cfg);
// Hands the agent's (new) pane actor what it is still owed: what was never
// attempted again, what was attempted fails as interrupted.
void resend_owed(self_ptr self, const std::string& agent);
// supervisor_route.cc
// Sends an accepted message to its recipient's pane actor (a member without
// one keeps it owed; anyone else fails it as unknown_recipient).
void route(self_ptr self, Delivery d);
// The failure of a delivery a stopped supervisor or lost pane cut off.
events::Draft interrupted_failure(const Delivery& d);
// Drops a message from what its recipient is owed.
void settle(self_ptr self, const std::string& message_id);

// supervisor_bus.cc
// A reported result becomes one message to the leader per leader session.
void notify_leader(self_ptr self, const events::ResultReported& r);
// Keeps the pending timers as the log says (schedule.created/fired/cancelled).
void track_timer(self_ptr self, const events::Event& e);

// Starts the graceful stop of the run (once), recording why.
void stop_run(self_ptr self, const std::string& reason, int exit_code);

// supervisor_tmux.cc
// The run's loss watch found the team's tmux server gone.
void on_tmux_lost(self_ptr self, const std::string& socket, const std::string& session,
                  const std::string& why);

// supervisor_lifecycle.cc
// An agent.<verb>_requested on the bus (honoured after this run's start).
void on_agent_request(self_ptr self, const events::Event& e);
// A child ended: true when it was a pane actor stopped on purpose.
bool on_child_closed(self_ptr self, const std::string& child);
// The lifecycle worker finished the job of request `id`.
void on_lifecycle_done(self_ptr self, const std::string& id);

// supervisor_health.cc
extern const std::string kHealth;
// Spawns and monitors the health watch; `backlog`: what the run took over.
void spawn_health(self_ptr self, const std::vector<Delivery>& backlog = {});
// `team-agent cancel AGENT` (agent.cancel_requested) goes to its pane actor.
void on_cancel_request(self_ptr self, const events::Event& e);

// supervisor_hosts.cc
// A pane host said hello: pane_host.connected; what it needs to start.
caf::result<store_writer_actor, std::string, std::vector<std::string>> on_host_hello(
  self_ptr self, const std::string& host);
// A pane host's pane actor for `agent` is up.
void on_host_attach(self_ptr self, const std::string& host, const std::string& agent,
                    const pane_actor& actor);
// A pane actor of a pane host went down; false when `child` is not one.
bool on_host_pane_down(self_ptr self, const std::string& child, const caf::error& reason);
// The agent's pane is on a pane host (empty: here).
std::string host_of(self_ptr self, const std::string& agent);

}  // namespace ta::actors::supervisor_detail
