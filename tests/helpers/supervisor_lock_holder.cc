// Stands in for a running supervisor in the shutdown tests: takes the
// workspace's supervisor lock, prints "locked <pid>", and on SIGTERM releases
// it and exits 143, as the real supervisor does. With "ignore-term" it
// ignores SIGTERM, to test shutdown's timeout. With "fork-child" it also
// forks a child that keeps the lock's open file (as a program forked without
// exec would) and prints "child <pid>": killing the holder then leaves the
// lock held by a process that is no supervisor.
//
//   supervisor_lock_holder WORKSPACE [ignore-term|fork-child]
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "config/supervisor_lock.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: supervisor_lock_holder WORKSPACE [ignore-term]\n");
    return 2;
  }
  bool ignore_term = argc > 2 && std::string(argv[2]) == "ignore-term";
  bool fork_child = argc > 2 && std::string(argv[2]) == "fork-child";
  auto paths = ta::config::Paths::for_workspace(argv[1]);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  // Blocked before the lock is announced, so a SIGTERM sent right after
  // "locked" is waited for, not fatal.
  if (!ignore_term) sigprocmask(SIG_BLOCK, &set, nullptr);
  else signal(SIGTERM, SIG_IGN);
  ta::config::SupervisorRecord record;
  record.run_id = ta::config::new_run_id();
  auto lock = ta::config::SupervisorLock::acquire(paths, record);
  if (!lock) {
    std::printf("refused: %s\n", lock.error().message.c_str());
    return 1;
  }
  std::printf("locked %d\n", static_cast<int>(::getpid()));
  std::fflush(stdout);
  if (fork_child) {
    pid_t child = ::fork();
    if (child == 0) {
      ::close(STDOUT_FILENO);
      for (;;) ::pause();  // keeps the inherited lock until killed
    }
    std::printf("child %d\n", static_cast<int>(child));
    std::fflush(stdout);
  }
  if (ignore_term) {
    for (;;) ::pause();
  }
  int sig = 0;
  sigwait(&set, &sig);
  lock->release();
  return 128 + SIGTERM;
}
