#include "events/upcast.h"

namespace ta::events {

void Upcaster::add_step(std::string type, int from_version, Step step) {
  steps_[{std::move(type), from_version}] = std::move(step);
}

void Upcaster::upcast(Event& e) const {
  for (;;) {
    auto it = steps_.find({e.type, e.v});
    if (it == steps_.end()) return;
    it->second(e.data);
    ++e.v;
  }
}

const Upcaster& default_upcaster() {
  // Every event type is still at version 1; steps are added here when a
  // type's kVersion is bumped.
  static const Upcaster u;
  return u;
}

}  // namespace ta::events
