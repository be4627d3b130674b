#pragma once
// Starting tmux client processes with their stdio on descriptors we own.
// Children get their own process group (a Ctrl-C meant for the supervisor
// must not kill its tmux connection), default signal dispositions and an
// empty signal mask (the supervisor blocks SIGINT/SIGTERM before starting
// threads, and a tmux server forked from a client would inherit that).
#include <sys/types.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "util/fs.h"
#include "util/result.h"

namespace ta::terminal {

struct ChildProcess {
  pid_t pid = -1;
  // Our end of its stdin: a socket, so writing after the child died returns
  // EPIPE (send with MSG_NOSIGNAL) instead of raising SIGPIPE in our process.
  UniqueFd in;
  UniqueFd out;  // its stdout
  UniqueFd err;  // its stderr
};

// argv[0] must be a path; `env` is the complete environment ("K=V" strings).
Result<ChildProcess> spawn_process(const std::vector<std::string>& argv,
                                   const std::vector<std::string>& env);

// Reaps the child; returns its exit code, or 128+N when signal N killed it.
int wait_process(pid_t pid);

// Writes all of `data` to a stream socket before `deadline`.
Status send_all(int fd, std::string_view data, std::chrono::steady_clock::time_point deadline);

struct ProcessOutput {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a process to completion, feeding `input` on its stdin. A process still
// running at the deadline is killed and reported as an error.
Result<ProcessOutput> run_process(const std::vector<std::string>& argv,
                                  const std::vector<std::string>& env, std::string_view input,
                                  std::chrono::milliseconds timeout);

}  // namespace ta::terminal
