// What others may have planted in .team/: symbolic links that would make the
// tool write outside the workspace, and modes that let others write in it.
// Every command refuses a link there with a sentence naming it, writes
// nothing through it, and keeps .team private (0700 directories, 0600 files).
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>

#include "tests/e2e/support.h"
#include "tests/support/text_helpers.h"

using namespace ta;
using namespace ta::test;

namespace fs = std::filesystem;

namespace {

// The demo workspace, and a directory outside it where a planted link points.
struct LinkedWorkspace : DemoWorkspace {
  TempDir outside;
  std::string team(const std::string& name) const { return path() + "/.team/" + name; }
};

using ta::test::contains;

unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

// A send that records a message, as the first thing any user would do.
RunResult send(const DemoWorkspace& ws) {
  return team_agent(ws.path(), {"send", "backend", "hello", "--no-wait"});
}

}  // namespace

TEST_CASE("a link in place of .team/events is refused and nothing is written where it points") {
  LinkedWorkspace ws;
  fs::remove_all(ws.team("events"));
  fs::create_directory_symlink(ws.outside.path(), ws.team("events"));
  auto r = send(ws);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, ws.team("events")));
  CHECK(contains(r.err, "link"));
  CHECK(fs::is_empty(ws.outside.path()));
}

TEST_CASE("a link in place of a log segment is refused, its target untouched") {
  LinkedWorkspace ws;
  REQUIRE(send(ws).exit_code == 3);
  const std::string segment = ws.team("events/00000001.jsonl");
  const std::string target = ws.outside.path() + "/victim";
  write_text(target, "precious\n");
  fs::rename(segment, ws.outside.path() + "/moved.jsonl");
  fs::create_symlink(target, segment);
  auto r = send(ws);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, segment));
  CHECK(read_text(target) == "precious\n");
  auto listed = team_agent(ws.path(), {"events"});
  CHECK(listed.exit_code == 2);
  CHECK(read_text(target) == "precious\n");
}

TEST_CASE("links in place of the lock files, the database and the leader inbox are refused") {
  for (const std::string name :
       {"supervisor.lock", "state.db", "state.lock", "leader-inbox.log", "supervisor.json"}) {
    LinkedWorkspace ws;
    const std::string target = ws.outside.path() + "/planted";
    fs::remove(ws.team(name));
    fs::create_symlink(target, ws.team(name));
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"send", "backend", "hello", "--no-wait"},
          std::vector<std::string>{"status"}}) {
      auto r = team_agent(ws.path(), args);
      INFO(name << " / " << args[0] << ": " << r.err);
      CHECK(r.exit_code == 2);
      CHECK(contains(r.err, ws.team(name)));
      CHECK(!fs::exists(target));
    }
  }
}

TEST_CASE("a .team that others may write is made private again by every writing command") {
  LinkedWorkspace ws;
  REQUIRE(send(ws).exit_code == 3);
  REQUIRE(::chmod(ws.team("").c_str(), 0777) == 0);
  REQUIRE(::chmod(ws.team("events").c_str(), 0777) == 0);
  REQUIRE(::chmod(ws.team("events/00000001.jsonl").c_str(), 0666) == 0);
  REQUIRE(::chmod(ws.team("team.json").c_str(), 0666) == 0);
  REQUIRE(send(ws).exit_code == 3);
  CHECK(mode_of(ws.team("")) == 0700);
  CHECK(mode_of(ws.team("events")) == 0700);
  CHECK(mode_of(ws.team("events/00000001.jsonl")) == 0600);
  CHECK(mode_of(ws.team("team.json")) == 0600);
}

TEST_CASE("a wide state database is made private when the projections are written") {
  LinkedWorkspace ws;
  REQUIRE(send(ws).exit_code == 3);
  REQUIRE(team_agent(ws.path(), {"status"}).exit_code == 0);
  REQUIRE(fs::exists(ws.team("state.db")));
  REQUIRE(::chmod(ws.team("state.db").c_str(), 0666) == 0);
  REQUIRE(::chmod(ws.team("").c_str(), 0777) == 0);
  CHECK(team_agent(ws.path(), {"status"}).exit_code == 0);
  CHECK(mode_of(ws.team("state.db")) == 0600);
  CHECK(mode_of(ws.team("")) == 0700);
}
