#pragma once
// What `run` publishes for pane hosts (docs/scale-out.md): the only actor a
// pane host reaches over the network. It passes a host's hello and its pane
// actors' attach on to the supervisor and nothing else, so that a peer on
// the wire cannot send the supervisor its other messages (signals, faults).
// It quits with the supervisor, which a connected pane host sees as the
// run's end.
#include "actors/interfaces.h"

namespace ta::actors {

pane_host_gate_actor::behavior_type pane_host_gate(pane_host_gate_actor::pointer self,
                                                   supervisor_actor supervisor);

}  // namespace ta::actors
