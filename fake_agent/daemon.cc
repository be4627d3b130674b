// The fake agent's background daemon, an imitation of what real CLIs leave
// behind (Codex's app server): `fake-agent --spawn-detached` starts
// `team-agent fake-agent-daemon` in a session of its own, re-parented to
// init, keeping the pane's environment (so it carries the team's marker),
// ignoring SIGTERM; it lives until SIGKILL. With --listen it serves a Unix
// socket and keeps every connection open, as an app server serves clients.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <memory>
#include <vector>

#include "fake_agent/daemon.h"

namespace ta::fake {

namespace {

// The daemon's standard streams go to /dev/null: it must not keep the
// pane's terminal open (tmux sees a pane end when its terminal closes).
void detach_streams() {
  int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null < 0) return;
  for (int fd = 0; fd <= 2; ++fd) ::dup2(null, fd);
  if (null > 2) ::close(null);
}

}  // namespace

void spawn_detached(const std::string& listen_path) {
  // Its command line names this binary, so events show what it is.
  char exe[4096];
  ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return;
  exe[n] = '\0';
  pid_t first = ::fork();
  if (first < 0) return;
  if (first == 0) {
    // Fork twice: the middle process exits at once, so the daemon is
    // re-parented to init and outlives the agent; it leads a session (and
    // process group) of its own, as Codex's daemons do.
    if (::fork() != 0) ::_exit(0);
    ::setsid();
    ::signal(SIGTERM, SIG_IGN);  // kept across exec
    detach_streams();
    std::vector<std::string> words = {exe, "fake-agent-daemon"};
    if (!listen_path.empty()) words.insert(words.end(), {"--listen", listen_path});
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::waitpid(first, nullptr, 0);
}

namespace {

int listen_on(const std::string& path) {
  int s = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  if (s < 0 || path.size() >= sizeof a.sun_path) return -1;
  std::memcpy(a.sun_path, path.c_str(), path.size());
  ::unlink(path.c_str());
  if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(s, 16) != 0) {
    ::close(s);
    return -1;
  }
  return s;
}

// Accepts clients and holds their connections open until they close.
[[noreturn]] void serve(int listening) {
  std::vector<pollfd> fds{{listening, POLLIN, 0}};
  for (;;) {
    if (::poll(fds.data(), fds.size(), -1) < 0) continue;
    for (std::size_t i = fds.size(); i-- > 1;)
      if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buf[256];
        if (::read(fds[i].fd, buf, sizeof buf) <= 0) {
          ::close(fds[i].fd);
          fds.erase(fds.begin() + static_cast<long>(i));
        }
      }
    if (fds[0].revents & POLLIN) {
      int c = ::accept4(listening, nullptr, nullptr, SOCK_CLOEXEC);
      if (c >= 0) fds.push_back({c, POLLIN, 0});
    }
  }
}

}  // namespace

int run_daemon(const std::string& listen_path) {
  ::signal(SIGTERM, SIG_IGN);
  ::signal(SIGHUP, SIG_IGN);
  if (!listen_path.empty()) {
    int s = listen_on(listen_path);
    if (s < 0) return 1;
    serve(s);
  }
  for (;;) ::pause();
}

}  // namespace ta::fake
