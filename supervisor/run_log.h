#pragma once
// The compact live log `team-agent run` prints: each event of the bus as one
// short line (the same format as `team-agent events`). Writing to the
// terminal can block (a paused terminal, a full pipe), so lines go out on a
// thread of the printer's own.
#include <memory>

#include <caf/actor_system.hpp>

#include "actors/interfaces.h"

namespace ta::supervisor {

actors::live_log_actor spawn_live_log(caf::actor_system& sys, bool colour);

}  // namespace ta::supervisor
