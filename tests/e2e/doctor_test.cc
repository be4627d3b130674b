#include <doctest/doctest.h>
#include <sqlite3.h>

#include <caf/config.hpp>
#include <nlohmann/json.hpp>

#include "events/segment.h"
#include "tests/e2e/support.h"
#include "util/fs.h"

using namespace ta::test;

namespace {

// The detail of check `what` in `doctor --json` (the first one of that name).
std::string detail_of(const nlohmann::json& checks, const std::string& what) {
  for (const auto& c : checks)
    if (c.value("check", "") == what) return c.value("detail", "");
  return "<no " + what + " check>";
}

std::string level_of(const nlohmann::json& checks, const std::string& what) {
  for (const auto& c : checks)
    if (c.value("check", "") == what) return c.value("level", "");
  return "<no " + what + " check>";
}

}  // namespace

TEST_CASE("doctor passes a healthy workspace and names the tools it found") {
  TempDir ws;
  REQUIRE(team_agent(ws.path(), {"init", "--demo"}).exit_code == 0);
  REQUIRE(team_agent(ws.path(), {"send", "backend", "hello"}).exit_code == 3);
  REQUIRE(team_agent(ws.path(), {"status"}).exit_code == 0);
  auto r = team_agent(ws.path(), {"doctor"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("tmux") != std::string::npos);
  CHECK(r.out.find("1 events in 1 segment") != std::string::npos);
  CHECK(r.out.find("up to date at seq 1") != std::string::npos);
}

TEST_CASE("doctor --json names the tmux, SQLite and CAF versions in use") {
  TempDir ws;
  REQUIRE(team_agent(ws.path(), {"init", "--demo"}).exit_code == 0);
  auto r = team_agent(ws.path(), {"doctor", "--json"});
  INFO(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  auto checks = nlohmann::json::parse(r.out);
  auto tmux = run({"/bin/sh", "-c", "tmux -V"});
  REQUIRE(tmux.exit_code == 0);
  CHECK(detail_of(checks, "tmux") == split_lines(tmux.out).at(0));
  CHECK(level_of(checks, "tmux") == "ok");
  CHECK(detail_of(checks, "sqlite") == sqlite3_libversion());
  // CAF_VERSION is major*10000 + minor*100 + patch: 1706 is 0.17.6.
  CHECK(detail_of(checks, "caf") == std::to_string(CAF_VERSION / 10000) + "." +
                                        std::to_string(CAF_VERSION / 100 % 100) + "." +
                                        std::to_string(CAF_VERSION % 100));
  CHECK(detail_of(checks, "event log") == "empty (no events yet)");
  CHECK(detail_of(checks, "supervisor") == "not running");
}

TEST_CASE("doctor fails without tmux on PATH and says how to install it") {
  TempDir ws;
  REQUIRE(team_agent(ws.path(), {"init", "--demo"}).exit_code == 0);
  auto r = team_agent(ws.path(), {"doctor", "--json"}, "", {{"PATH", ws.path()}});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 1);
  auto checks = nlohmann::json::parse(r.out);
  CHECK(level_of(checks, "tmux") == "fail");
  CHECK(detail_of(checks, "tmux").find("apt-get install tmux") != std::string::npos);
}

TEST_CASE("doctor warns when the projections are ahead of a log that lost events") {
  TempDir ws;
  REQUIRE(team_agent(ws.path(), {"init", "--demo"}).exit_code == 0);
  for (int i = 0; i < 3; ++i)
    REQUIRE(team_agent(ws.path(), {"send", "backend", "m" + std::to_string(i)}).exit_code == 3);
  REQUIRE(team_agent(ws.path(), {"status"}).exit_code == 0);
  auto seg = ws.path() + "/.team/events/" + ta::events::segment_name(1);
  auto lines = split_lines(read_text(seg));
  REQUIRE(lines.size() == 3);
  write_text(seg, lines[0] + "\n" + lines[1] + "\n");

  auto r = team_agent(ws.path(), {"doctor", "--json"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);  // a warning, not a failure: replay repairs it
  auto checks = nlohmann::json::parse(r.out);
  CHECK(level_of(checks, "projections") == "warn");
  CHECK(detail_of(checks, "projections") ==
        "at seq 3 but the log ends at 2; 'team-agent replay' rebuilds them from the log");
}

TEST_CASE("doctor reports a corrupt line with segment, line and seq, and lagging projections") {
  TempDir ws;
  REQUIRE(team_agent(ws.path(), {"init", "--demo"}).exit_code == 0);
  for (int i = 0; i < 3; ++i)
    REQUIRE(team_agent(ws.path(), {"send", "backend", "m" + std::to_string(i)}).exit_code == 3);
  REQUIRE(team_agent(ws.path(), {"status"}).exit_code == 0);
  REQUIRE(team_agent(ws.path(), {"send", "tester", "later"}).exit_code == 3);
  auto seg = ws.path() + "/.team/events/" + ta::events::segment_name(1);
  auto lines = split_lines(read_text(seg));
  REQUIRE(lines.size() == 4);
  lines[1] = "{\"seq\":2,\"ts\":garbage";
  std::string text;
  for (auto& l : lines) text += l + "\n";
  write_text(seg, text);

  auto r = team_agent(ws.path(), {"doctor"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("segment 00000001.jsonl line 2 (seq 2)") != std::string::npos);
  CHECK(r.out.find("at seq 3 of 4 (1 behind)") != std::string::npos);

  auto j = team_agent(ws.path(), {"doctor", "--json"});
  auto checks = nlohmann::json::parse(j.out);
  int failures = 0;
  for (auto& c : checks) failures += c["level"] == "fail";
  CHECK(failures == 1);
}

TEST_CASE("doctor reports an invalid team spec with the path of each problem") {
  TempDir ws;
  REQUIRE(ta::make_dirs(ws.path() + "/.team", 0700).ok());
  write_text(ws.path() + "/.team/team.json",
             R"({"team":"t","leader":{"provider":"fake"},"agents":[{"id":"a","provider":"claud"}]})");
  auto r = team_agent(ws.path(), {"doctor"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("/agents/0/provider") != std::string::npos);
}
