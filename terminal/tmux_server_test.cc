#include "terminal/tmux_server.h"

#include <doctest/doctest.h>

using namespace ta::terminal;

TEST_CASE("tmux -V output is parsed for releases and development builds") {
  auto v = parse_tmux_version("tmux 3.3a\n");
  REQUIRE(v);
  CHECK(v->major == 3);
  CHECK(v->minor == 3);
  CHECK(v->text == "3.3a");
  CHECK(parse_tmux_version("tmux 3.2")->minor == 2);
  CHECK(parse_tmux_version("tmux next-3.5")->major == 3);
  CHECK(parse_tmux_version("tmux next-3.5")->minor == 5);
  CHECK(parse_tmux_version("tmux master")->major > 3);
  CHECK_FALSE(parse_tmux_version("screen 4.09"));
  CHECK_FALSE(parse_tmux_version(""));
}

TEST_CASE("tmux older than 3.2 is refused with what to install") {
  CHECK(check_tmux_version(*parse_tmux_version("tmux 3.2a")));
  CHECK(check_tmux_version(*parse_tmux_version("tmux 3.3a")));
  CHECK(check_tmux_version(*parse_tmux_version("tmux 4.0")));
  auto old = check_tmux_version(*parse_tmux_version("tmux 3.1c"));
  REQUIRE_FALSE(old);
  CHECK(old.error().message.find("3.1c") != std::string::npos);
  CHECK(old.error().message.find("3.2 or newer") != std::string::npos);
  CHECK_FALSE(check_tmux_version(*parse_tmux_version("tmux 2.9a")));
}

TEST_CASE("the socket name is stable per workspace and differs between workspaces") {
  auto a = socket_name_for_workspace("/home/u/project");
  CHECK(a.rfind("team-agent-", 0) == 0);
  CHECK(a.size() == std::string("team-agent-").size() + 12);
  CHECK(a == socket_name_for_workspace("/home/u/project/"));
  CHECK(a != socket_name_for_workspace("/home/u/project-backup"));
}

TEST_CASE("session names that tmux would rewrite or misread are refused") {
  CHECK(check_session_name("team_demo-1"));
  CHECK_FALSE(check_session_name(""));
  CHECK_FALSE(check_session_name("a:b"));
  CHECK_FALSE(check_session_name("a.b"));
  CHECK_FALSE(check_session_name("a b"));
}

TEST_CASE("find_on_path finds executables only") {
  CHECK(find_on_path("sh", "/nonexistent:/bin:/usr/bin"));
  CHECK_FALSE(find_on_path("sh", "/nonexistent"));
  CHECK_FALSE(find_on_path("no-such-program-xyz", "/bin:/usr/bin"));
}
