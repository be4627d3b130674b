#include "util/interrupts.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>

namespace ta::interrupts {

namespace {

volatile sig_atomic_t g_last_signal = 0;
int g_pipe[2] = {-1, -1};

void on_signal(int sig) {
  int saved = errno;  // the interrupted code may be about to read errno
  g_last_signal = sig;
  if (g_pipe[1] >= 0) {
    char byte = 1;
    // Non-blocking: if the pipe is full, a wake-up is already pending.
    ssize_t ignored = ::write(g_pipe[1], &byte, 1);
    (void)ignored;
  }
  errno = saved;
}

}  // namespace

void install() {
  if (g_pipe[0] < 0 && ::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
    g_pipe[0] = g_pipe[1] = -1;  // still interruptible: EINTR reaches poll() and write()
  }
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: blocking calls must return EINTR
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);
}

int wake_fd() { return g_pipe[0]; }
int last_signal() { return g_last_signal; }
int exit_code() { return g_last_signal ? 128 + g_last_signal : 0; }

}  // namespace ta::interrupts
