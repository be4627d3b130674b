// `team-agent status` over a real event log.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "events/log.h"
#include "events/types.h"
#include "tests/e2e/support.h"
#include "util/fs.h"

using namespace ta::test;
namespace events = ta::events;

namespace {

events::Draft accepted(const std::string& id, const std::string& to) {
  events::MessageAccepted m;
  m.message_id = id;
  m.from = "leader";
  m.to = to;
  m.content = "task for " + to;
  return events::to_draft(m, id);
}

// backend: msg_1 submitted, msg_2 waiting; frontend: msg_3 failed; tester: nothing yet.
void make_team(const std::string& ws) {
  auto log = events::EventLog::open(ws + "/.team/events", events::LogOptions{"demo"});
  REQUIRE_MESSAGE(log.ok(), (log.ok() ? "" : log.error().message));
  events::SendFailed failed;
  failed.message_id = "msg_3";
  failed.to = "frontend";
  failed.reason = "the pane is in copy mode";
  failed.stage = "gate";
  auto r = (*log)->append({accepted("msg_1", "backend"), accepted("msg_2", "backend"),
                           accepted("msg_3", "frontend"),
                           events::to_draft(events::SendSubmitted{"msg_1", "backend", 1, "token", 1}),
                           events::to_draft(failed)});
  REQUIRE(r.ok());
  write_text(ws + "/.team/team.json", R"({"team": "demo", "leader": {"id": "leader", "provider": "fake"},
    "agents": [{"id": "backend", "provider": "fake"}, {"id": "frontend", "provider": "fake"},
               {"id": "tester", "provider": "fake"}]})");
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("status counts messages by state and lists waiting and failed ones") {
  TempDir ws;
  make_team(ws.path());
  auto r = team_agent(ws.path(), {"status"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK_MESSAGE(contains(r.out, "messages: 3 (1 accepted, 0 deferred, 1 submitted, 1 failed, "
                                "0 acknowledged)"),
                r.out);
  CHECK(contains(r.out, "supervisor: not running"));
  CHECK(contains(r.out, "msg_2"));
  CHECK(contains(r.out, "the pane is in copy mode (stage gate)"));
  CHECK(contains(r.out, "tester"));  // from team.json, no events yet
  CHECK(r.err.empty());
  CHECK(ta::file_exists(ws.path() + "/.team/state.db"));
}

TEST_CASE("status --json is one object with the counts, agents and liveness") {
  TempDir ws;
  make_team(ws.path());
  auto r = team_agent(ws.path(), {"status", "--json"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  REQUIRE(split_lines(r.out).size() == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["messages"]["counts"]["accepted"] == 1);
  CHECK(j["messages"]["counts"]["submitted"] == 1);
  CHECK(j["messages"]["counts"]["failed"] == 1);
  CHECK(j["messages"]["total"] == 3);
  CHECK(j["messages"]["failures"][0]["reason"] == "the pane is in copy mode");
  CHECK(j["supervisor"]["running"] == false);
  CHECK(j["last_seq"] == 5);
  std::vector<std::string> ids;
  for (const auto& a : j["agents"]) ids.push_back(a["agent_id"]);
  CHECK(ids == std::vector<std::string>{"backend", "frontend", "leader", "tester"});
  CHECK(j["agents"][0]["queued"] == 1);
  CHECK(j["agents"][0]["delivered"] == 1);
}

TEST_CASE("status AGENT shows only that agent, and refuses an agent the team does not have") {
  TempDir ws;
  make_team(ws.path());
  auto r = team_agent(ws.path(), {"status", "backend", "--json"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["messages"]["total"] == 2);
  REQUIRE(j["agents"].size() == 1);
  CHECK(j["agents"][0]["agent_id"] == "backend");

  auto unknown = team_agent(ws.path(), {"status", "nobody"});
  CHECK(unknown.exit_code == 2);
  CHECK(contains(unknown.err, "backend, frontend, tester"));
}

TEST_CASE("status outside a team workspace says how to make one") {
  TempDir ws;
  auto r = team_agent(ws.path(), {"status"});
  CHECK(r.exit_code == 2);
  CHECK(split_lines(r.err).size() == 1);
  CHECK(contains(r.err, "team-agent init"));
}
