#pragma once
// The processes a real CLI leaves on the machine, read straight from /proc
// (not through team-agent's own process code, which these tests judge): who
// carries a workspace's TEAM_AGENT_WORKSPACE, which of them are Codex's
// app-server daemons, and whether a process seen earlier still runs.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace ta::test {

struct SeenProcess {
  int pid = 0;
  std::string start;      // field 22 of /proc/<pid>/stat: tells a reused pid apart
  std::string command;    // its command line, arguments joined by spaces
  std::string workspace;  // its TEAM_AGENT_WORKSPACE; empty when unset
  bool has_team_agent_id = false;
};

// Every live process (zombies left out) but this one.
std::vector<SeenProcess> live_processes();

// The processes among `all` whose TEAM_AGENT_WORKSPACE is exactly `workspace`.
std::vector<SeenProcess> carrying_workspace(const std::vector<SeenProcess>& all,
                                            const std::string& workspace);

// Codex's app-server daemons (`codex app-server … --managed-daemon` and
// `codex app-server daemon pid-update-loop`) among `all`.
std::vector<SeenProcess> app_servers(const std::vector<SeenProcess>& all);

// Looks at /proc every 100 ms until `found` of a fresh list has at least
// `count` processes, or `timeout` has passed; the last list either way. A
// process that appears has no event to await.
std::vector<SeenProcess> await_processes(
  const std::function<std::vector<SeenProcess>(const std::vector<SeenProcess>&)>& found,
  std::size_t count, std::chrono::milliseconds timeout);

// Looks at /proc every 100 ms until `found` of a fresh list is empty, or
// `timeout` has passed; the last list. A process ending on its own (a CLI
// whose terminal went away) takes a moment.
std::vector<SeenProcess> await_none(
  const std::function<std::vector<SeenProcess>(const std::vector<SeenProcess>&)>& found,
  std::chrono::milliseconds timeout);

// Whether the process seen as `p` still runs (same pid, same start, not a zombie).
bool still_running(const SeenProcess& p);

// One line per process, for failure messages.
std::string describe(const std::vector<SeenProcess>& ps);

}  // namespace ta::test
