#pragma once
// `team-agent pane-host NAME` (docs/scale-out.md): runs the panes of the
// agents the spec places on pane host NAME on a tmux server of its own,
// with their pane actors, connected to the team's running `run` over CAF's
// network layer. The pane actors record through the run's store writer and
// get their messages from its supervisor, so delivery, exactly-once and the
// log are the run's; only the screens are read here, next to tmux.
#include <string>

#include "config/paths.h"
#include "util/result.h"

namespace ta::supervisor {

struct PaneHostOptions {
  std::string host;       // its name: the agents with "host": NAME
  std::string connect;    // "ADDR:PORT" of the run; empty: .team/pane-hosts.json
  std::string fake_mode;  // screen style of fake agents, as `run --fake-mode`
  bool quiet = false;     // no lines on stderr while it runs
};

// The private tmux server (`tmux -L NAME`) of pane host `host` of the team in `workspace`.
std::string pane_host_socket(const std::string& workspace, const std::string& host);

// Runs until the run it serves ends (exit 0), a signal stops it (128 + the
// signal) or one of its pane actors fails (1). Its panes keep running when
// it ends; the next `pane-host NAME` adopts them. An Error when it could not
// start (no such host in the spec, no run to connect to, tmux missing).
Result<int> run_pane_host(const config::Paths& paths, const PaneHostOptions& o);

}  // namespace ta::supervisor
