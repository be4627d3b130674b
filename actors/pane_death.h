#pragma once
// What the pane actor does on its I/O thread when the agent's program has
// exited: record why (pane.exited with the start failure its last lines
// show and those lines, redacted), note the processes it left behind
// (pane.process_escaped), and, when the program died starting for a cause a
// stale process of this workspace explains (a Codex app server left by an
// earlier run), end those processes and start the pane once more.
#include <set>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>

#include "actors/interfaces.h"
#include "actors/pane_io.h"
#include "terminal/tmux_ops.h"

namespace ta::actors {

struct DeathContext {
  PaneTarget pane;
  std::string workspace;    // the team's, for the process marker
  std::string tmux_socket;  // the team's tmux socket name, for the marker
  terminal::SpawnSpec launch;
  std::string provider, provider_version;
  std::string host;  // the pane host holding the pane; empty: the run
  int exit_code = -1;
  bool during_start = false;   // the pane was never ready
  bool may_retry = false;      // no start retry was made for it yet
  std::set<int> noted;         // escaped pids already recorded
  int restarts = 0;            // for pane.started after a retry
  std::chrono::milliseconds grace{3000};  // SIGTERM to SIGKILL
};

struct DeathReport {
  bool retried = false;     // the pane was started again
  std::vector<int> escaped;  // pids recorded as escaped now
};

// Blocking: runs on the pane's I/O thread.
DeathReport examine_death(caf::actor_system& sys, const store_writer_actor& writer,
                          const DeathContext& in);

}  // namespace ta::actors
