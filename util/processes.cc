#include "util/processes.h"

namespace ta {

// Implemented in a later change; until then nothing is found or ended.
std::vector<ProcessInfo> list_processes(const std::set<std::string>&) { return {}; }
bool descends_from(const std::vector<ProcessInfo>&, pid_t pid, pid_t ancestor) {
  return pid == ancestor;
}
std::set<pid_t> unix_socket_peers(pid_t) { return {}; }
std::vector<EndedProcess> end_processes(const std::vector<ProcessInfo>&,
                                        std::chrono::milliseconds) {
  return {};
}

}  // namespace ta
