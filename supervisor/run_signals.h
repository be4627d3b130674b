#pragma once
// Signals of a running supervisor (SPEC §1.3): SIGINT, SIGTERM and SIGHUP
// are blocked in every thread (block_run_signals() runs in main before CAF
// or tmux start a thread) and read by one thread through a signalfd. The
// first one is handed on for a graceful stop; a second one ends the process
// at once, since the user asked twice. SIGUSR1 is the test-only fault hook.
#include <functional>
#include <thread>

#include "util/fs.h"

namespace ta::supervisor {

// Blocks the run's signals in the calling thread and in every thread it
// starts afterwards.
void block_run_signals();

class SignalThread {
 public:
  // `on_stop(sig)` for the first SIGINT/SIGTERM/SIGHUP; `on_fault()` for
  // each SIGUSR1. Both are called on the signal thread: post, never wait.
  SignalThread(std::function<void(int)> on_stop, std::function<void()> on_fault);
  ~SignalThread();
  SignalThread(const SignalThread&) = delete;
  SignalThread& operator=(const SignalThread&) = delete;

 private:
  void run();

  std::function<void(int)> on_stop_;
  std::function<void()> on_fault_;
  UniqueFd signal_fd_;
  UniqueFd wake_fd_;
  std::thread thread_;
};

}  // namespace ta::supervisor
