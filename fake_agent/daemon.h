#pragma once
// The fake agent's detached daemon (fake_agent/daemon.cc).
#include <string>

namespace ta::fake {

// Starts `team-agent fake-agent-daemon` detached (its own session,
// re-parented to init, SIGTERM ignored, the environment kept) and returns
// once the middle process has exited; `listen_path` non-empty: the daemon
// serves that Unix socket.
void spawn_detached(const std::string& listen_path);

// The daemon itself: ignores SIGTERM and SIGHUP, serves `listen_path` when
// given (holding every connection open), and never returns.
int run_daemon(const std::string& listen_path);

}  // namespace ta::fake
