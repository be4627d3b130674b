// `team-agent status` over a real event log.
#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <iterator>
#include <sstream>

#include <nlohmann/json.hpp>

#include "config/paths.h"
#include "config/supervisor_lock.h"
#include "events/log.h"
#include "events/types.h"
#include "tests/e2e/run_fixture.h"
#include "tests/e2e/support.h"
#include "util/columns.h"
#include "util/fs.h"
#include "tests/support/text_helpers.h"

using namespace ta::test;
namespace events = ta::events;
using namespace std::chrono_literals;

namespace {

events::Draft accepted_draft(const std::string& id, const std::string& to) {
  events::MessageAccepted m;
  m.message_id = id;
  m.from = "leader";
  m.to = to;
  m.content = "task for " + to;
  return events::to_draft(m, id);
}

// backend: idle pane, first sent to at kStatusFirstSend, msg_1 submitted, msg_2
// waiting; frontend: msg_3 failed; tester: nothing yet.
const char* const kStatusFirstSend = "2026-01-01T00:00:06.000000Z";

void make_team(const std::string& ws) {
  auto log = events::EventLog::open(ws + "/.team/events", events::LogOptions{"demo"});
  REQUIRE_MESSAGE(log.ok(), (log.ok() ? "" : log.error().message));
  events::SendFailed failed;
  failed.message_id = "msg_3";
  failed.to = "frontend";
  failed.reason = "the pane is in copy mode";
  failed.stage = "gate";
  auto r = (*log)->append({accepted_draft("msg_1", "backend"), accepted_draft("msg_2", "backend"),
                           accepted_draft("msg_3", "frontend"),
                           events::to_draft(events::SendSubmitted{"msg_1", "backend", 1, "token", 1}),
                           events::to_draft(failed),
                           events::to_draft(events::PaneStateChanged{"backend", "starting", "idle"}),
                           events::to_draft(events::WorkerFirstInteraction{"backend", kStatusFirstSend,
                                                                           "msg_1"})});
  REQUIRE(r.ok());
  write_text(ws + "/.team/team.json", R"({"team": "demo", "leader": {"id": "leader", "provider": "fake"},
    "agents": [{"id": "backend", "provider": "fake"}, {"id": "frontend", "provider": "fake"},
               {"id": "tester", "provider": "fake"}]})");
}

using ta::test::contains;

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
  CHECK(j["last_seq"] == 7);
  std::vector<std::string> ids;
  for (const auto& a : j["agents"]) ids.push_back(a["agent_id"]);
  CHECK(ids == std::vector<std::string>{"backend", "frontend", "leader", "tester"});
  auto& backend = j["agents"][0];
  CHECK(backend["queued"] == 1);
  CHECK(backend["delivered"] == 1);
  CHECK(backend["pane_state"] == "idle");
  CHECK(backend["first_send_at"] == kStatusFirstSend);
  CHECK(backend["last_outcome"] == "submitted");
  CHECK(backend["last_outcome_message_id"] == "msg_1");
  auto& frontend = j["agents"][1];
  CHECK(frontend["queued"] == 0);
  CHECK(frontend["last_outcome"] == "failed");
  CHECK(frontend["last_failure_reason"] == "the pane is in copy mode");
  CHECK(frontend["first_send_at"].is_null());
  auto& tester = j["agents"][3];
  CHECK(tester["pane_state"].is_null());
  CHECK(tester["last_outcome"].is_null());
  CHECK(tester["queued"] == 0);

  auto& sup = j["supervisor"];
  CHECK(sup["pid"].is_null());
  CHECK(sup["started_at"].is_null());
  CHECK(sup["uptime_s"].is_null());
  CHECK(sup["run_id"].is_null());
  CHECK(sup["stale_record"].is_null());
}

TEST_CASE("status shows each agent's pane, queue depth, first send and last outcome in a table") {
  TempDir ws;
  make_team(ws.path());
  auto r = team_agent(ws.path(), {"status"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  INFO(r.out);
  auto lines = split_lines(r.out);
  auto row = [&](const std::string& first_cell) -> std::vector<std::string> {
    for (const auto& l : lines) {
      std::istringstream in(l);
      std::vector<std::string> cells{std::istream_iterator<std::string>(in), {}};
      if (!cells.empty() && cells[0] == first_cell) return cells;
    }
    return {};
  };
  CHECK(row("AGENT") == std::vector<std::string>{"AGENT", "PANE", "QUEUED", "DELIVERED", "FAILED",
                                                  "FIRST", "SEND", "LAST", "OUTCOME"});
  auto backend = row("backend");
  REQUIRE(backend.size() >= 11);
  CHECK(backend[1] == "idle");
  CHECK(backend[2] == "1");  // queue depth: msg_2
  CHECK(backend[3] == "1");
  CHECK(backend[4] == "0");
  // The first send, to the second (more than a day ago: no "ago"), and who made it.
  CHECK(backend[5] + "T" + backend[6] + ".000000Z" == kStatusFirstSend);
  CHECK(backend[7] == "by");
  CHECK(backend[8] == "leader");
  CHECK(backend[9] == "submitted");
  CHECK(backend[10] == "msg_1");
  auto frontend = row("frontend");
  REQUIRE(frontend.size() >= 8);
  CHECK(frontend[1] == "unknown");
  CHECK(frontend[4] == "1");
  CHECK(frontend[5] == "-");
  CHECK(frontend[6] == "failed");
  CHECK(frontend[7] == "msg_3");
  // Its reason: in the table as far as 100 columns allow, whole in the failed list.
  CHECK(contains(r.out, "msg_3  leader -> frontend  the pane is in copy mode (stage gate)  "));
  CHECK(row("tester") == std::vector<std::string>{"tester", "unknown", "0", "0", "0", "-", "-"});
  for (const auto& l : lines) CHECK_MESSAGE(ta::text_columns(l) <= 100, l);
}

TEST_CASE("status names a running supervisor's pid, uptime and run, and a dead one's stale record") {
  TempDir ws;
  make_team(ws.path());
  auto paths = ta::config::Paths::for_workspace(ws.path());
  int pid = 0;
  {
    // Holds the lock as `run` does; SIGKILL leaves its record behind, as a crash would.
    Background holder({helper_bin("supervisor_lock_holder"), ws.path(), "ignore-term"});
    REQUIRE(holder.wait_for("locked", 10s).has_value());
    pid = holder.pid();
    auto record = ta::config::read_supervisor_record(paths);
    REQUIRE((record.ok() && record->has_value()));
    const auto run_id = (*record)->run_id;

    auto text = team_agent(ws.path(), {"status"});
    REQUIRE_MESSAGE(text.exit_code == 0, text.err);
    INFO(text.out);
    auto first = split_lines(text.out).at(1);
    CHECK(first.rfind("supervisor: running (pid " + std::to_string(pid) + ", up ", 0) == 0);
    CHECK(contains(first, "s, run " + run_id + ")"));

    auto r = team_agent(ws.path(), {"status", "--json"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto sup = nlohmann::json::parse(r.out)["supervisor"];
    INFO(sup.dump());
    CHECK(sup["running"] == true);
    CHECK(sup["pid"] == pid);
    CHECK(sup["run_id"] == run_id);
    CHECK(sup["started_at"] == (*record)->started_at);
    REQUIRE(sup["uptime_s"].is_number_integer());
    CHECK(sup["uptime_s"].get<long>() >= 0);
    CHECK(sup["uptime_s"].get<long>() < 600);
    CHECK(sup["stale_record"].is_null());

    holder.signal(SIGKILL);
    REQUIRE(holder.wait(10s) == 128 + SIGKILL);
  }
  auto text = team_agent(ws.path(), {"status"});
  REQUIRE_MESSAGE(text.exit_code == 0, text.err);
  INFO(text.out);
  CHECK(contains(text.out, "supervisor: not running"));
  CHECK(contains(text.out, "stale supervisor record of pid " + std::to_string(pid)));
  CHECK(contains(text.out, "'team-agent doctor --fix' removes it"));

  auto r = team_agent(ws.path(), {"status", "--json"});
  auto sup = nlohmann::json::parse(r.out)["supervisor"];
  CHECK(sup["running"] == false);
  CHECK(sup["pid"].is_null());
  CHECK(sup["stale_record"]["pid"] == pid);

  team_agent(ws.path(), {"doctor", "--fix"});
  auto fixed = team_agent(ws.path(), {"status"});
  CHECK_FALSE(contains(fixed.out, "stale"));
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

TEST_CASE("a supervisor killed with kill -9 is shown as not running, its record as stale") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  run.proc().signal(SIGKILL);
  REQUIRE(run.proc().wait(std::chrono::seconds(10)) == 128 + SIGKILL);
  auto r = team_agent(ws.path(), {"status", "--json"});
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["supervisor"]["running"] == false);
  CHECK(j["supervisor"]["stale_record"].is_object());
  auto text = team_agent(ws.path(), {"status"});
  CHECK_MESSAGE(text.out.find("supervisor: not running") != std::string::npos, text.out);
}

TEST_CASE("a supervisor killed with kill -9 whose lock a forked child still holds is not running") {
  TempDir ws;
  REQUIRE(team_agent(ws.path(), {"init", "--demo"}).exit_code == 0);
  Background holder({helper_bin("supervisor_lock_holder"), ws.path(), "fork-child"});
  REQUIRE(holder.wait_for("locked", std::chrono::seconds(10)).has_value());
  auto child_line = holder.wait_for("child", std::chrono::seconds(10));
  REQUIRE(child_line.has_value());
  const int child = std::stoi(child_line->substr(child_line->find(' ') + 1));
  holder.signal(SIGKILL);
  REQUIRE(holder.wait(std::chrono::seconds(10)) == 128 + SIGKILL);

  auto j = nlohmann::json::parse(team_agent(ws.path(), {"status", "--json"}).out);
  CHECK(j["supervisor"]["running"] == false);
  auto text = team_agent(ws.path(), {"status"});
  CHECK_MESSAGE(text.out.find("supervisor: not running") != std::string::npos, text.out);
  // run cannot take the lock, and says who holds it instead of "already running".
  auto run = team_agent(ws.path(), {"run"});
  CHECK(run.exit_code != 0);
  CHECK_MESSAGE(run.err.find("held, but not by a supervisor") != std::string::npos, run.err);
  ::kill(child, SIGKILL);
}
