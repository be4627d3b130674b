#include "actors/pane_host_gate.h"

#include <caf/typed_event_based_actor.hpp>

namespace ta::actors {

pane_host_gate_actor::behavior_type pane_host_gate(pane_host_gate_actor::pointer self,
                                                   supervisor_actor supervisor) {
  self->monitor(supervisor);
  self->set_down_handler([self](const caf::down_msg&) { self->quit(); });
  return {
    [self, supervisor](hello_atom, const std::string& host) {
      return self->delegate(supervisor, hello_atom::value, host);
    },
    [self, supervisor](attach_atom, const std::string& host, const std::string& agent,
                       pane_actor pane) {
      self->send(supervisor, attach_atom::value, host, agent, std::move(pane));
    },
  };
}

}  // namespace ta::actors
