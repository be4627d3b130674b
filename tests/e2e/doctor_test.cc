#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "events/segment.h"
#include "tests/e2e/support.h"
#include "util/fs.h"

using namespace ta::test;

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
