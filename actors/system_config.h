#pragma once
// The actor system configuration of the supervisor: the sharing scheduler
// (work stealing spins idle workers, SPEC §1.3), a small worker pool, and
// every message type registered once.
#include <cstddef>

#include <caf/actor_system_config.hpp>

namespace ta::actors {

class SystemConfig : public caf::actor_system_config {
 public:
  // Two workers suit the 2-core machines the supervisor runs on; blocking
  // work happens on threads the actors own, so more would only idle.
  // `network`: CAF's network layer (the middleman) is loaded, for pane
  // hosts (docs/scale-out.md); it runs a thread of its own, so only runs
  // that have pane hosts load it.
  explicit SystemConfig(std::size_t workers = 2, bool network = false);
};

}  // namespace ta::actors
