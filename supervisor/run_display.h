#pragma once
// The run's display (issue: see the whole team at a glance): an event
// subscriber that keeps the team's panes laid out (supervisor/
// display_keeper.h) and each pane's border saying `agent · provider · state`.
// The state comes from the log as the pane actors and the health watch
// record it (pane.state_changed, pane.exited, agent.stuck/unstuck); agents
// coming and going (pane.started with a new pane, a stop or remove) rebuild
// the layout. No polling: tmux is only asked when an event says something
// changed, on the display's own I/O thread.
#include <map>
#include <memory>
#include <string>

#include <caf/actor_system.hpp>

#include "actors/interfaces.h"
#include "terminal/display_layout.h"
#include "terminal/tmux_runner.h"

namespace ta::supervisor {

struct DisplayConfig {
  std::shared_ptr<terminal::TmuxRunner> tmux;
  std::string session;
  std::string team_json;
  terminal::DisplayMode mode = terminal::DisplayMode::overview;
  std::map<std::string, std::string> panes;  // agent -> pane at the start of the run
  actors::store_writer_actor writer;         // where display.rebuilt goes
};

// Lays the panes out at once, then follows the bus.
actors::display_actor spawn_display(caf::actor_system& sys, DisplayConfig cfg);

}  // namespace ta::supervisor
