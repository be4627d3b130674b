#pragma once
// Appending from a thread the project owns (a pane's I/O thread), waiting
// for the events to be durable: the thread that pastes a message records
// the attempt before the paste and the outcome right after it, so what the
// log says never depends on an actor surviving in between.
#include <chrono>
#include <cstdint>
#include <vector>

#include <caf/actor_system.hpp>

#include "actors/interfaces.h"
#include "util/result.h"

namespace ta::actors {

// Never call it on a CAF worker thread: it blocks until the store_writer
// answers or `timeout` passes.
Result<std::vector<std::uint64_t>> append_blocking(
  caf::actor_system& sys, const store_writer_actor& writer, std::vector<events::Draft> drafts,
  std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace ta::actors
