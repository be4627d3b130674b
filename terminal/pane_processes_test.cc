#include "terminal/pane_processes.h"

#include <doctest/doctest.h>

#include "terminal/tmux_server.h"

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
