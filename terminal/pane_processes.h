#pragma once
// Which processes belong to a team, and which of them outlived their pane
// (SPEC §4). Every process started inside a team pane inherits the pane's
// marker: TEAM_AGENT_WORKSPACE naming the workspace, TEAM_AGENT_ID naming
// the agent, and TMUX naming the team's private tmux socket. All three must
// match: a user who exports TEAM_AGENT_WORKSPACE in their own shell does not
// make their own programs ours. A daemon a CLI forks (Codex's app server)
// keeps the marker after its pane is gone; that is how it is found.
#include <string>
#include <vector>

#include "util/processes.h"

namespace ta::terminal {

// The environment variables the marker is made of.
std::set<std::string> marker_variables();

// Whether `p` (listed with marker_variables()) carries the marker of the team
// in `workspace`, whose tmux socket is named `socket_name`.
bool carries_marker(const ProcessInfo& p, const std::string& workspace,
                    const std::string& socket_name);

// A process of the team that is not inside any live pane's process tree.
struct Leftover {
  ProcessInfo process;
  std::string agent_id;  // its TEAM_AGENT_ID
  // Processes outside the team connected to it (a user's own Codex using a
  // daemon one of ours started): it must be left running.
  std::vector<pid_t> serves_outsiders;
};

// The team's processes outside the trees of `live_pane_pids` (the pids
// tmux reports for panes whose program still runs); `agent_id` non-empty
// limits them to that agent's. This process and its ancestors are never
// among them (a command run from a team pane's shell). The list is taken once, then each
// candidate's Unix-socket peers are looked up: a peer that does not carry
// the marker, or that lives inside a live pane, is an outsider it serves.
std::vector<Leftover> find_leftovers(const std::string& workspace, const std::string& socket_name,
                                     const std::vector<pid_t>& live_pane_pids,
                                     const std::string& agent_id = "");

}  // namespace ta::terminal
