#pragma once
// Starting child programs directly (posix_spawn, never a shell) with their
// stdio on descriptors we choose, and reading their exit codes.
#include <sys/types.h>

#include <string>
#include <vector>

#include "util/result.h"

namespace ta {

struct SpawnOptions {
  std::vector<std::string> argv;  // argv[0] is also the program's path unless `program` is set
  std::string program;            // path to execute, e.g. /proc/self/exe
  std::vector<std::string> env;   // the complete environment ("K=V")
  // Descriptors for the child's stdin, stdout and stderr; -1 means /dev/null.
  int stdin_fd = -1;
  int stdout_fd = -1;
  int stderr_fd = -1;
  // Its own process group, so a Ctrl-C meant for us does not reach it.
  bool new_process_group = false;
  // Its own session (setsid): a program that outlives us and our terminal.
  bool new_session = false;
  std::string cwd;  // empty: ours
};

// Every child starts with default signal dispositions and nothing blocked:
// we may block SIGINT/SIGTERM for a sigwait thread, and a child inheriting
// that would ignore Ctrl-C.
Result<pid_t> spawn_program(const SpawnOptions& options);

// Our environment as "K=V" strings.
std::vector<std::string> current_environment();

// The exit code a wait status stands for: the code, or 128+N after signal N.
int exit_code_of(int wait_status);

// Waits for `pid`; returns exit_code_of its status, or -1 if it cannot be waited for.
int wait_for_exit(pid_t pid);

}  // namespace ta
