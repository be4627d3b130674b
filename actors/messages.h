#pragma once
// Types sent between actors, with the inspect overloads CAF 0.17 needs to
// register them (actor_system_config::add_message_type). JSON payloads are
// carried as their serialized text so the inspectors see plain strings.
#include <caf/meta/load_callback.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/none.hpp>

#include "events/event.h"

namespace ta::events {

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Draft& x) {
  std::string data = Inspector::reads_state ? x.data.dump() : std::string{};
  auto load = caf::meta::load_callback([&]() -> caf::error {
    x.data = Json::parse(data, nullptr, false);
    return caf::none;
  });
  return f(caf::meta::type_name("ta.draft"), x.type, x.v, data, x.key, x.ts, load);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Event& x) {
  std::string data = Inspector::reads_state ? x.data.dump() : std::string{};
  auto load = caf::meta::load_callback([&]() -> caf::error {
    x.data = Json::parse(data, nullptr, false);
    return caf::none;
  });
  return f(caf::meta::type_name("ta.event"), x.seq, x.ts, x.type, x.v, x.team, data, x.key,
           load);
}

}  // namespace ta::events
