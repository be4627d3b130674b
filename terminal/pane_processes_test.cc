#include "terminal/pane_processes.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

#include "terminal/tmux_server.h"
#include "tests/support/temp_dir.h"

using namespace ta;
using ta::terminal::carries_marker;

namespace {

const std::string kWs = "/home/u/project";

std::string team_socket() { return terminal::socket_name_for_workspace(kWs); }

ProcessInfo with_env(std::map<std::string, std::string> env) {
  ProcessInfo p;
  p.pid = 4242;
  p.env = std::move(env);
  return p;
}

ProcessInfo ours() {
  return with_env({{"TEAM_AGENT_WORKSPACE", kWs},
                   {"TEAM_AGENT_ID", "w1"},
                   {"TMUX", "/tmp/tmux-0/" + team_socket() + ",1234,0"}});
}

}  // namespace

TEST_CASE("a process started in a team pane carries the team's marker") {
  CHECK(carries_marker(ours(), kWs, team_socket()));
  // $TMUX_TMPDIR may put the socket anywhere, commas included.
  auto p = ours();
  p.env["TMUX"] = "/var/run/a,b/tmux-1000/" + team_socket() + ",99,3";
  CHECK(carries_marker(p, kWs, team_socket()));
}

TEST_CASE("a user's shell that exports TEAM_AGENT_WORKSPACE alone does not carry the marker") {
  CHECK_FALSE(carries_marker(with_env({{"TEAM_AGENT_WORKSPACE", kWs}}), kWs, team_socket()));
  // …nor with an id, outside tmux or in the user's own tmux.
  auto p = with_env({{"TEAM_AGENT_WORKSPACE", kWs}, {"TEAM_AGENT_ID", "w1"}});
  CHECK_FALSE(carries_marker(p, kWs, team_socket()));
  p.env["TMUX"] = "/tmp/tmux-0/default,555,0";
  CHECK_FALSE(carries_marker(p, kWs, team_socket()));
}

TEST_CASE("each part of the marker is required") {
  for (const char* name : {"TEAM_AGENT_WORKSPACE", "TEAM_AGENT_ID", "TMUX"}) {
    CAPTURE(name);
    auto p = ours();
    p.env.erase(name);
    CHECK_FALSE(carries_marker(p, kWs, team_socket()));
    p.env[name] = "";
    CHECK_FALSE(carries_marker(p, kWs, team_socket()));
  }
}

TEST_CASE("another workspace's team does not carry this workspace's marker") {
  const std::string other = "/home/u/other";
  auto p = with_env({{"TEAM_AGENT_WORKSPACE", other},
                     {"TEAM_AGENT_ID", "w1"},
                     {"TMUX", "/tmp/tmux-0/" + terminal::socket_name_for_workspace(other) + ",1,0"}});
  CHECK_FALSE(carries_marker(p, kWs, team_socket()));
  CHECK(carries_marker(p, other, terminal::socket_name_for_workspace(other)));
  // This workspace's name with another team's socket, or the reverse.
  auto mixed = ours();
  mixed.env["TMUX"] = p.env["TMUX"];
  CHECK_FALSE(carries_marker(mixed, kWs, team_socket()));
  mixed = p;
  mixed.env["TMUX"] = ours().env["TMUX"];
  CHECK_FALSE(carries_marker(mixed, kWs, team_socket()));
}

TEST_CASE("a workspace whose path is a prefix or an extension of ours is not ours") {
  for (const std::string ws : {"/home/u/proj", "/home/u/project2", "/home/u/project/sub",
                               "/home/u/project/", "/home/u"}) {
    CAPTURE(ws);
    auto p = ours();
    p.env["TEAM_AGENT_WORKSPACE"] = ws;
    CHECK_FALSE(carries_marker(p, kWs, team_socket()));
  }
  // A socket whose name merely starts with ours, or sits in a directory named like it.
  auto p = ours();
  p.env["TMUX"] = "/tmp/tmux-0/" + team_socket() + "x,1,0";
  CHECK_FALSE(carries_marker(p, kWs, team_socket()));
  p.env["TMUX"] = "/tmp/" + team_socket() + "/default,1,0";
  CHECK_FALSE(carries_marker(p, kWs, team_socket()));
  p.env["TMUX"] = "/tmp/tmux-0/" + team_socket();  // not a TMUX value: no pid, no session
  CHECK_FALSE(carries_marker(p, kWs, team_socket()));
}

TEST_CASE("no workspace or socket name matches nothing") {
  CHECK_FALSE(carries_marker(with_env({}), "", ""));
  auto p = ours();
  CHECK_FALSE(carries_marker(p, "", team_socket()));
  CHECK_FALSE(carries_marker(p, kWs, ""));
}

// find_leftovers on real processes: `sleep` started with a team's marker,
// as a daemon forked in a pane would be.
namespace {

struct MarkedSleep {
  pid_t pid = -1;
  MarkedSleep(const std::string& ws, const std::string& id, int inherited_fd = -1) {
    std::string w = "TEAM_AGENT_WORKSPACE=" + ws, i = "TEAM_AGENT_ID=" + id,
                t = "TMUX=/tmp/tmux-0/" + terminal::socket_name_for_workspace(ws) + ",1,0";
    int fds[2];
    REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
    pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      if (inherited_fd >= 0) ::fcntl(inherited_fd, F_SETFD, 0);  // kept across exec
      char a0[] = "/bin/sleep", a1[] = "60";
      char* argv[] = {a0, a1, nullptr};
      char* envp[] = {w.data(), i.data(), t.data(), nullptr};
      ::execve(a0, argv, envp);
      ::_exit(127);
    }
    // The pipe closes on exec: from then on /proc shows the new environment.
    ::close(fds[1]);
    char c;
    REQUIRE(::read(fds[0], &c, 1) == 0);
    ::close(fds[0]);
  }
  ~MarkedSleep() {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
};

std::vector<pid_t> pids_of(const std::vector<terminal::Leftover>& found) {
  std::vector<pid_t> out;
  for (const auto& l : found) out.push_back(l.process.pid);
  return out;
}

}  // namespace

TEST_CASE("find_leftovers finds the team's processes outside live panes, with whom they serve") {
  ta::test::TempDir dir;
  const std::string ws = dir.path();
  const auto socket = terminal::socket_name_for_workspace(ws);
  int sv[2];
  REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
  MarkedSleep lone(ws, "w1");
  MarkedSleep serving(ws, "w2", sv[1]);  // this test, without the marker, holds the other end
  ::close(sv[1]);
  MarkedSleep elsewhere(dir.path() + "2", "w1");

  auto found = terminal::find_leftovers(ws, socket, {});
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.agent_id < b.agent_id; });
  REQUIRE(pids_of(found) == std::vector<pid_t>{lone.pid, serving.pid});
  CHECK(found[0].agent_id == "w1");
  CHECK(found[0].serves_outsiders.empty());
  CHECK(found[1].serves_outsiders == std::vector<pid_t>{::getpid()});

  CHECK(pids_of(terminal::find_leftovers(ws, socket, {}, "w2")) == std::vector<pid_t>{serving.pid});
  // Inside a live pane's tree (here: the pane's own process) is not left behind.
  CHECK(pids_of(terminal::find_leftovers(ws, socket, {lone.pid}, "w1")).empty());
  ::close(sv[0]);
  CHECK(terminal::find_leftovers(ws, socket, {}, "w2").at(0).serves_outsiders.empty());
}
