// Listing and ending real processes: children forked here, each telling
// the test over a pipe when it is set up, so nothing is slept on.
#include "util/processes.h"

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <functional>

#include "tests/support/temp_dir.h"

using namespace ta;
using namespace std::chrono_literals;

namespace {

// A forked child running `body`; it writes one byte to the pipe once set
// up (`ready()`), and is SIGKILLed and reaped when the test ends.
class Child {
 public:
  explicit Child(const std::function<void(const std::function<void()>& ready)>& body) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      // doctest's crash handlers would report our signals as the test's.
      for (int sig : {SIGTERM, SIGINT, SIGABRT, SIGSEGV, SIGFPE, SIGILL}) ::signal(sig, SIG_DFL);
      ::close(fds[0]);
      int w = fds[1];
      body([w] { (void)!::write(w, "r", 1); });
      for (;;) ::pause();
    }
    ::close(fds[1]);
    char c;
    REQUIRE(::read(fds[0], &c, 1) == 1);
    ::close(fds[0]);
  }
  ~Child() {
    if (!reaped_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  pid_t pid() const { return pid_; }
  // The signal that ended it (0: it exited), after waiting for it.
  int reap_signal() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    reaped_ = true;
    return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  }

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
};

std::optional<ProcessInfo> find(const std::vector<ProcessInfo>& all, pid_t pid) {
  for (const auto& p : all)
    if (p.pid == pid) return p;
  return std::nullopt;
}

ProcessInfo listed(pid_t pid) {
  auto p = find(list_processes({}), pid);
  REQUIRE(p.has_value());
  return *p;
}

bool alive(pid_t pid) { return ::kill(pid, 0) == 0; }

}  // namespace

TEST_CASE("list_processes reads parent, group, session, start time, command and asked variables") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    // A command name with a space and ')' must not shift the stat fields.
    ::prctl(PR_SET_NAME, "odd) name (x", 0, 0, 0);
    ::setpgid(0, 0);
    char arg0[] = "/bin/sh", arg1[] = "-c", arg2[] = "echo r >&3; exec sleep 30";
    char* argv[] = {arg0, arg1, arg2, nullptr};
    char e1[] = "WANTED=yes it is", e2[] = "UNWANTED=no", e3[] = "EMPTY=";
    char* envp[] = {e1, e2, e3, nullptr};
    ::dup2(fds[1], 3);
    ::execve("/bin/sh", argv, envp);
    ::_exit(127);
  }
  ::close(fds[1]);
  char c;
  REQUIRE(::read(fds[0], &c, 1) == 1);
  ::close(fds[0]);
  auto all = list_processes({"WANTED", "EMPTY", "MISSING"});
  auto p = find(all, pid);
  REQUIRE(p.has_value());
  CHECK(p->ppid == ::getpid());
  CHECK(p->pgid == pid);
  CHECK(p->sid == ::getsid(0));
  CHECK(p->start_ticks > 0);
  CHECK(p->state != 'Z');
  CHECK(p->env == std::map<std::string, std::string>{{"WANTED", "yes it is"}, {"EMPTY", ""}});
  CHECK_FALSE(find(all, ::getpid()).has_value());  // ourselves left out
  CHECK(descends_from(all, pid, ::getpid()));
  CHECK(descends_from(all, pid, pid));
  CHECK_FALSE(descends_from(all, ::getpid(), pid));
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

TEST_CASE("a command name holding ') ' does not shift the fields after it") {
  Child child([](auto ready) {
    ::prctl(PR_SET_NAME, "a) b 1 2 3 (", 0, 0, 0);
    ::setpgid(0, 0);
    ready();
  });
  auto p = listed(child.pid());
  CHECK(p.ppid == ::getpid());
  CHECK(p.pgid == child.pid());
  // Running or asleep, depending on the moment: a state letter, not a field of the name.
  CHECK((p.state == 'S' || p.state == 'R'));
}

TEST_CASE("the command line's arguments are joined by spaces") {
  Child child([](auto ready) {
    ready();
    char a0[] = "/bin/sleep", a1[] = "30";
    char* argv[] = {a0, a1, nullptr};
    ::execv(a0, argv);
  });
  // The exec follows `ready`: wait for the new command line to show.
  std::string command;
  for (int i = 0; i < 250 && command != "/bin/sleep 30"; ++i) {
    command = listed(child.pid()).command;
    if (command != "/bin/sleep 30") ::usleep(20000);
  }
  CHECK(command == "/bin/sleep 30");
}

TEST_CASE("a process that exits on SIGTERM is recorded as ended by SIGTERM") {
  Child child([](auto ready) { ready(); });
  auto ended = end_processes({listed(child.pid())}, 3000ms);
  REQUIRE(ended.size() == 1);
  CHECK(ended[0].signal == "SIGTERM");
  CHECK_FALSE(ended[0].still_running);
  CHECK(child.reap_signal() == SIGTERM);
}

TEST_CASE("a process that ignores SIGTERM is ended by SIGKILL after the grace") {
  Child child([](auto ready) {
    ::signal(SIGTERM, SIG_IGN);
    ready();
  });
  auto start = std::chrono::steady_clock::now();
  auto ended = end_processes({listed(child.pid())}, 300ms);
  CHECK(std::chrono::steady_clock::now() - start >= 300ms);
  REQUIRE(ended.size() == 1);
  CHECK(ended[0].signal == "SIGKILL");
  CHECK_FALSE(ended[0].still_running);
  CHECK(child.reap_signal() == SIGKILL);
}

TEST_CASE("a pid listed with another start time (a reused pid) is never signalled") {
  Child child([](auto ready) { ready(); });
  auto p = listed(child.pid());
  p.start_ticks += 1;
  auto ended = end_processes({p}, 100ms);
  REQUIRE(ended.size() == 1);
  CHECK(ended[0].signal.empty());
  CHECK(alive(child.pid()));
}

TEST_CASE("a whole process group of targets is signalled; a group with a stranger is not") {
  // The child leads its own group and forks a second member that ignores
  // nothing: group-signalled, both go; pid-signalled, the member stays.
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  Child leader([&](auto ready) {
    ::setpgid(0, 0);
    pid_t member = ::fork();
    if (member == 0)
      for (;;) ::pause();
    (void)!::write(fds[1], &member, sizeof member);
    ready();
  });
  pid_t member_pid = 0;
  REQUIRE(::read(fds[0], &member_pid, sizeof member_pid) == sizeof member_pid);
  ::close(fds[0]);
  ::close(fds[1]);
  REQUIRE(member_pid > 0);
  CHECK(listed(member_pid).pgid == leader.pid());

  SUBCASE("the member is a stranger: only the leader is signalled") {
    auto ended = end_processes({listed(leader.pid())}, 3000ms);
    CHECK(ended[0].signal == "SIGTERM");
    CHECK(leader.reap_signal() == SIGTERM);
    CHECK(alive(member_pid));
  }
  SUBCASE("both are targets: the group is signalled") {
    auto ended = end_processes({listed(leader.pid()), listed(member_pid)}, 3000ms);
    CHECK(ended[0].signal == "SIGTERM");
    CHECK(ended[1].signal == "SIGTERM");
    CHECK(leader.reap_signal() == SIGTERM);
  }
  ::kill(member_pid, SIGKILL);
}

TEST_CASE("a socketpair's other end is a peer") {
  int sv[2];
  REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
  Child child([&](auto ready) {
    ::close(sv[0]);
    ready();
  });
  ::close(sv[1]);
  auto peers = unix_socket_peers(child.pid());
  CHECK(peers == std::set<pid_t>{::getpid()});
  ::close(sv[0]);
  CHECK(unix_socket_peers(child.pid()).empty());
}

TEST_CASE("a client connected to a listening socket is its peer, accepted or not") {
  ta::test::TempDir dir;
  std::string path = dir.path() + "/s.sock";
  for (bool accepts : {false, true}) {
    CAPTURE(accepts);
    ::unlink(path.c_str());
    Child server([&](auto ready) {
      int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
      sockaddr_un a{};
      a.sun_family = AF_UNIX;
      std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
      if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(s, 4) != 0)
        ::_exit(1);
      ready();
      if (accepts) {
        int c = ::accept(s, nullptr, nullptr);
        (void)!::write(c, "a", 1);
      }
    });
    CHECK(unix_socket_peers(server.pid()).empty());
    int c = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
    REQUIRE(::connect(c, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    char byte;
    if (accepts) REQUIRE(::read(c, &byte, 1) == 1);
    CHECK(unix_socket_peers(server.pid()) == std::set<pid_t>{::getpid()});
    ::close(c);
  }
}

TEST_CASE("a server a process connected to is not its peer; the process is the server's") {
  ta::test::TempDir dir;
  std::string path = dir.path() + "/server.sock";
  int s = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
  REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  REQUIRE(::listen(s, 4) == 0);
  // The client (a daemon using a syslog, D-Bus or ssh-agent) depends on
  // the server, not the other way round.
  Child client([&](auto ready) {
    int c = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (::connect(c, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0) ::_exit(1);
    ready();
  });
  CHECK(unix_socket_peers(client.pid()).empty());
  CHECK(unix_socket_peers(::getpid()).count(client.pid()) == 1);
  int accepted = ::accept4(s, nullptr, nullptr, SOCK_CLOEXEC);
  REQUIRE(accepted >= 0);
  CHECK(unix_socket_peers(client.pid()).empty());
  CHECK(unix_socket_peers(::getpid()).count(client.pid()) == 1);
  ::close(accepted);
  ::close(s);
}
