#include "supervisor/run_signals.h"

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace ta::supervisor {

namespace {

sigset_t run_signal_set() {
  sigset_t set;
  sigemptyset(&set);
  for (int s : {SIGINT, SIGTERM, SIGHUP, SIGUSR1}) sigaddset(&set, s);
  return set;
}

}  // namespace

void block_run_signals() {
  sigset_t set = run_signal_set();
  ::pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

SignalThread::SignalThread(std::function<void(int)> on_stop, std::function<void()> on_fault)
    : on_stop_(std::move(on_stop)), on_fault_(std::move(on_fault)) {
  sigset_t set = run_signal_set();
  signal_fd_ = UniqueFd(::signalfd(-1, &set, SFD_CLOEXEC));
  wake_fd_ = UniqueFd(::eventfd(0, EFD_CLOEXEC));
  thread_ = std::thread([this] { run(); });
}

SignalThread::~SignalThread() {
  std::uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(wake_fd_.get(), &one, sizeof one);
  if (thread_.joinable()) thread_.join();
}

void SignalThread::run() {
  int stops = 0;
  for (;;) {
    pollfd fds[2] = {{signal_fd_.get(), POLLIN, 0}, {wake_fd_.get(), POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) continue;
    if (fds[1].revents) return;
    signalfd_siginfo info{};
    if (::read(signal_fd_.get(), &info, sizeof info) != sizeof info) continue;
    int sig = static_cast<int>(info.ssi_signo);
    if (sig == SIGUSR1) {
      if (on_fault_) on_fault_();
      continue;
    }
    if (++stops == 1) {
      on_stop_(sig);
      continue;
    }
    // Accepted messages are durable already; nothing is lost by not waiting.
    std::fprintf(stderr, "team-agent: second signal, exiting now\n");
    std::_Exit(128 + sig);
  }
}

}  // namespace ta::supervisor
