// The supervisor's part in the team's health: it runs the health watch as
// one of its children, and routes `team-agent cancel` to the agent's pane
// actor, which owns every key sent to the pane.
#include <caf/actor_cast.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/supervisor_internal.h"
#include "events/types.h"

namespace ta::actors::supervisor_detail {

const std::string kHealth = "health_watch";

void spawn_health(self_ptr self, const std::vector<Delivery>& backlog) {
  auto& st = self->state;
  auto cfg = st.cfg.health;
  cfg.run_id = st.cfg.run_id;
  for (const auto& d : backlog) cfg.owed.emplace_back(d.to, d.message_id);
  st.health = self->spawn(health_watch, st.writer, std::move(cfg));
  self->monitor(st.health);
  // Subscribed from here too, so that it is on the bus before start_atom.
  self->send(st.writer, subscribe_atom::value, caf::actor_cast<event_subscriber_actor>(st.health));
  st.child_by_addr[st.health.address()] = kHealth;
  st.children[kHealth].restarting = false;
}

void on_cancel_request(self_ptr self, const events::Event& e) {
  auto& st = self->state;
  const std::string id = e.data.value("request_id", "");
  const std::string agent = e.data.value("agent_id", "");
  auto pane = st.panes.find(agent);
  if (pane != st.panes.end()) return self->send(pane->second, interrupt_atom::value, id);
  const bool member = st.members.count(agent) > 0;
  append(self, {events::to_draft(events::AgentRequestCompleted{
                 id, "cancel", agent, false, member ? "not_running" : "unknown_agent", "", "",
                 member ? agent + " has no pane running; there is no turn to cancel"
                        : "there is no agent " + agent + " on this team"})});
}

}  // namespace ta::actors::supervisor_detail
