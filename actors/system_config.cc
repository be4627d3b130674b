#include "actors/system_config.h"

#include <caf/atom.hpp>

#include "actors/interfaces.h"

namespace ta::actors {

SystemConfig::SystemConfig(std::size_t workers) {
  set("scheduler.policy", caf::atom("sharing"));
  set("scheduler.max-threads", workers);
  // add_message_type<T> registers T and std::vector<T>.
  add_message_type<events::Draft>("ta.draft");
  add_message_type<events::Event>("ta.event");
  add_message_type<Delivery>("ta.delivery");
  // Typed handles travel in subscribe messages.
  add_message_type<event_subscriber_actor>("ta.event_subscriber_actor");
}

}  // namespace ta::actors
