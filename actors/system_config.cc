#include "actors/system_config.h"

#include <cstdint>
#include <vector>

#include <caf/atom.hpp>
#include <caf/io/middleman.hpp>

#include "actors/interfaces.h"

namespace ta::actors {

SystemConfig::SystemConfig(std::size_t workers, bool network) {
  set("scheduler.policy", caf::atom("sharing"));
  set("scheduler.max-threads", workers);
  // add_message_type<T> registers T and std::vector<T>.
  add_message_type<events::Draft>("ta.draft");
  add_message_type<events::Event>("ta.event");
  add_message_type<Delivery>("ta.delivery");
  // Typed handles travel in subscribe messages.
  add_message_type<event_subscriber_actor>("ta.event_subscriber_actor");
  // What crosses the wire to and from pane hosts: the writer's handle and
  // its replies (one seq per draft), pane actor handles.
  add_message_type<store_writer_actor>("ta.store_writer_actor");
  add_message_type<pane_actor>("ta.pane_actor");
  add_message_type<std::vector<std::uint64_t>>("ta.seqs");
  if (network) load<caf::io::middleman>();
}

}  // namespace ta::actors
