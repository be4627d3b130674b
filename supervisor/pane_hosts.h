#pragma once
// The run's side of pane hosts (docs/scale-out.md): when the spec places
// agents on pane hosts, `run` publishes the pane host gate on loopback
// (CAF's middleman) and writes where in .team/pane-hosts.json, which
// `team-agent pane-host NAME` reads to connect.
#include <cstdint>
#include <string>

#include <caf/actor_system.hpp>

#include "actors/interfaces.h"
#include "config/paths.h"
#include "util/result.h"

namespace ta::supervisor {

// Where a run serves its pane hosts.
struct PaneHostAddress {
  std::string host;  // an IP address
  std::uint16_t port = 0;
};

// The file a run serving pane hosts writes: <workspace>/.team/pane-hosts.json.
std::string pane_hosts_file(const config::Paths& paths);

// Publishes a gate in front of `supervisor` on 127.0.0.1 (a port the system
// picks) and records the address, with the run's id for whoever reads the
// file; `sys` must have the middleman loaded.
Result<PaneHostAddress> serve_pane_hosts(caf::actor_system& sys, const config::Paths& paths,
                                         const actors::supervisor_actor& supervisor,
                                         const std::string& run_id);

// The address a running run recorded; an error sentence when none is.
Result<PaneHostAddress> read_pane_host_address(const config::Paths& paths);

// "ADDR:PORT" as given on a command line; an error sentence when malformed.
Result<PaneHostAddress> parse_pane_host_address(const std::string& text);

}  // namespace ta::supervisor
