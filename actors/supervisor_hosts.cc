// The supervisor's side of pane hosts (docs/scale-out.md): agents whose
// panes run on another tmux server, under a `team-agent pane-host` process
// connected over CAF's network layer. Their pane actors live there and
// attach here; routing, what each agent is owed and the log stay with the
// supervisor, exactly as for local panes. A pane host owns its panes, so
// the loss of one of its pane actors is recorded as the host's loss and
// never restarted from here: the agent's messages wait until it attaches
// again.
#include <caf/actor_cast.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/supervisor_internal.h"
#include "events/types.h"

namespace ta::actors::supervisor_detail {

std::string host_of(self_ptr self, const std::string& agent) {
  auto it = self->state.cfg.hosts.find(agent);
  return it == self->state.cfg.hosts.end() ? std::string{} : it->second;
}

caf::result<store_writer_actor, std::string, std::vector<std::string>> on_host_hello(
  self_ptr self, const std::string& host) {
  auto& st = self->state;
  std::vector<std::string> agents;
  for (const auto& [agent, h] : st.cfg.hosts)
    if (h == host && st.members.count(agent)) agents.push_back(agent);
  if (host.empty() || agents.empty())
    return caf::make_error(caf::sec::invalid_argument,
                           "the team places no agent on pane host \"" + host + "\"");
  if (st.stopping) return caf::make_error(caf::sec::invalid_argument, "the run is stopping");
  append(self, {events::to_draft(events::PaneHostConnected{host, agents, st.cfg.run_id})});
  std::vector<std::string> first_done(st.first_interaction_done.begin(),
                                      st.first_interaction_done.end());
  return {st.writer, st.cfg.run_id, std::move(first_done)};
}

void on_host_attach(self_ptr self, const std::string& host, const std::string& agent,
                    const pane_actor& actor) {
  auto& st = self->state;
  if (!actor) return;
  // Only the host the spec names may hold the agent's pane; a stopping run
  // takes no new panes.
  if (st.stopping || host_of(self, agent) != host || !st.members.count(agent)) {
    self->send(actor, stop_atom::value);
    return;
  }
  // A pane actor of an earlier connection that is still known is replaced.
  if (auto old = st.panes.find(agent); old != st.panes.end()) {
    st.child_by_addr.erase(old->second.address());
    self->demonitor(old->second.address());
  }
  self->monitor(actor);
  const auto name = kPanePrefix + agent;
  st.panes[agent] = actor;
  st.child_by_addr[actor.address()] = name;
  st.children[name].restarting = false;
  st.attached[host].insert(agent);
  resend_owed(self, agent);
}

bool on_host_pane_down(self_ptr self, const std::string& child, const caf::error& reason) {
  auto& st = self->state;
  if (child.rfind(kPanePrefix, 0) != 0) return false;
  const auto agent = child.substr(kPanePrefix.size());
  const auto host = host_of(self, agent);
  if (host.empty()) return false;
  st.panes.erase(agent);
  auto& attached = st.attached[host];
  if (!attached.count(agent)) return true;
  // The host's pane actors go down together when its connection drops: the
  // host is lost once, with every agent it held.
  std::vector<std::string> agents(attached.begin(), attached.end());
  for (const auto& a : agents) {
    if (a == agent) continue;
    auto it = st.panes.find(a);
    if (it == st.panes.end()) continue;
    st.child_by_addr.erase(it->second.address());
    self->demonitor(it->second.address());
    st.panes.erase(it);
  }
  attached.clear();
  const std::string why = reason ? self->system().render(reason) : "it stopped";
  append(self, {events::to_draft(events::PaneHostLost{host, agents, why, st.cfg.run_id})});
  return true;
}

}  // namespace ta::actors::supervisor_detail
