#include "fake_agent/terminal.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace ta::fake {

namespace {

// Written by the signal handler; one byte per signal.
int g_signal_write = -1;

void on_signal(int sig) {
  int saved = errno;
  unsigned char b = static_cast<unsigned char>(sig);
  (void)!::write(g_signal_write, &b, 1);
  errno = saved;
}

constexpr int kSignals[] = {SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGQUIT};

constexpr std::string_view kEnter = "\x1b[?2004h";  // bracketed paste on
constexpr std::string_view kLeave = "\x1b[?2004l\x1b[0m\x1b[?25h";

}  // namespace

Result<std::unique_ptr<Terminal>> Terminal::open() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
    return make_error("cannot create a pipe: " + errno_text(errno));
  std::unique_ptr<Terminal> t(new Terminal());
  t->signal_read_.reset(fds[0]);
  g_signal_write = fds[1];
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: poll() must wake up
  for (int sig : kSignals) ::sigaction(sig, &sa, nullptr);

  if (::isatty(0) && ::tcgetattr(0, &t->saved_) == 0) {
    termios raw = t->saved_;
    raw.c_iflag &= ~static_cast<tcflag_t>(BRKINT | ICRNL | INLCR | IGNCR | INPCK | ISTRIP | IXON);
    raw.c_lflag &= ~static_cast<tcflag_t>(ECHO | ICANON | IEXTEN | ISIG);
    raw.c_cflag |= CS8;
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    // Output processing stays on: "\n" still moves to the next line start.
    if (::tcsetattr(0, TCSAFLUSH, &raw) == 0) t->raw_ = true;
  }
  t->refresh_size();
  t->write(kEnter);
  return t;
}

Terminal::~Terminal() {
  restore();
  for (int sig : kSignals) ::signal(sig, SIG_DFL);
  if (g_signal_write >= 0) ::close(g_signal_write);
  g_signal_write = -1;
}

void Terminal::restore() {
  write(kLeave);
  if (raw_) ::tcsetattr(0, TCSAFLUSH, &saved_);
  raw_ = false;
}

std::vector<int> Terminal::take_signals() {
  std::vector<int> out;
  unsigned char buf[64];
  for (;;) {
    ssize_t n = ::read(signal_read_.get(), buf, sizeof buf);
    if (n <= 0) break;
    for (ssize_t i = 0; i < n; ++i) out.push_back(buf[i]);
  }
  return out;
}

void Terminal::refresh_size() {
  winsize ws{};
  if ((::ioctl(1, TIOCGWINSZ, &ws) == 0 || ::ioctl(0, TIOCGWINSZ, &ws) == 0) && ws.ws_col > 0 &&
      ws.ws_row > 0) {
    columns_ = ws.ws_col;
    rows_ = ws.ws_row;
    return;
  }
  const char* c = std::getenv("COLUMNS");
  const char* r = std::getenv("LINES");
  if (c && std::atoi(c) > 0) columns_ = std::atoi(c);
  if (r && std::atoi(r) > 0) rows_ = std::atoi(r);
}

void Terminal::write(std::string_view bytes) { (void)write_all(1, bytes); }

}  // namespace ta::fake
