#include "terminal/pane_processes.h"

namespace ta::terminal {

std::set<std::string> marker_variables() {
  return {"TEAM_AGENT_WORKSPACE", "TEAM_AGENT_ID", "TMUX"};
}
bool carries_marker(const ProcessInfo&, const std::string&, const std::string&) { return false; }
std::vector<Leftover> find_leftovers(const std::string&, const std::string&,
                                     const std::vector<pid_t>&, const std::string&) {
  return {};
}

}  // namespace ta::terminal
