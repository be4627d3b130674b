// `team-agent replay`, driven as a user would: events appended to a real log,
// projections built by `status`, state.db edited behind the tool's back.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "events/log.h"
#include "events/types.h"
#include "tests/e2e/support.h"
#include "util/fs.h"
#include "tests/support/text_helpers.h"

using namespace ta::test;
namespace events = ta::events;

namespace {

events::MessageAccepted accepted_event(const std::string& id, const std::string& to) {
  events::MessageAccepted m;
  m.message_id = id;
  m.from = "leader";
  m.to = to;
  m.content = "please do " + id;
  return m;
}

// seq 1-3: msg_a accepted, attempted, submitted; seq 4-5: msg_b accepted, failed.
void append_story(const std::string& ws) {
  auto log = events::EventLog::open(ws + "/.team/events", events::LogOptions{"demo"});
  REQUIRE_MESSAGE(log.ok(), (log.ok() ? "" : log.error().message));
  events::SendFailed failed;
  failed.message_id = "msg_b";
  failed.to = "frontend";
  failed.reason = "pane shows a trust prompt";
  failed.stage = "gate";
  auto r = (*log)->append({events::to_draft(accepted_event("msg_a", "backend"), "msg_a"),
                           events::to_draft(events::SendDeliverAttempt{"msg_a", "backend", 1}),
                           events::to_draft(events::SendSubmitted{"msg_a", "backend", 1, "token", 1}),
                           events::to_draft(accepted_event("msg_b", "frontend"), "msg_b"),
                           events::to_draft(failed)});
  REQUIRE(r.ok());
}

void exec_sql(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  REQUIRE_MESSAGE(rc == SQLITE_OK, msg);
}

std::string message_state(const std::string& db_path, const std::string& id) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT state FROM messages WHERE message_id = ?1", -1, &st,
                             nullptr) == SQLITE_OK);
  sqlite3_bind_text(st, 1, id.c_str(), -1, SQLITE_TRANSIENT);
  std::string state = "<no row>";
  if (sqlite3_step(st) == SQLITE_ROW)
    state = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return state;
}

using ta::test::contains;

}  // namespace

TEST_CASE("replay --verify is quiet on honest projections and names a hand-edited row") {
  TempDir ws;
  append_story(ws.path());
  REQUIRE(team_agent(ws.path(), {"status"}).exit_code == 0);
  std::string db = ws.path() + "/.team/state.db";

  auto clean = team_agent(ws.path(), {"replay", "--verify"});
  CHECK_MESSAGE(clean.exit_code == 0, clean.err);
  CHECK(contains(clean.out, "matches a replay of the log through seq 5"));

  exec_sql(db, "UPDATE messages SET state = 'failed' WHERE message_id = 'msg_a'");
  auto drift = team_agent(ws.path(), {"replay", "--verify"});
  CHECK(drift.exit_code == 1);
  CHECK_MESSAGE(contains(drift.out, R"(messages msg_a: state: live "failed" vs replay "submitted")"),
                drift.out);
  CHECK(split_lines(drift.err).size() == 1);
  CHECK(contains(drift.err, "team-agent replay"));
  CHECK(message_state(db, "msg_a") == "failed");  // --verify never repairs

  auto json = team_agent(ws.path(), {"replay", "--verify", "--json"});
  CHECK(json.exit_code == 1);
  auto j = nlohmann::json::parse(json.out);
  CHECK(j["identical"] == false);
  CHECK(j["differences"].size() == 1);

  auto rebuilt = team_agent(ws.path(), {"replay"});
  CHECK_MESSAGE(rebuilt.exit_code == 0, rebuilt.err);
  CHECK(contains(rebuilt.out, "rebuilt"));
  CHECK(message_state(db, "msg_a") == "submitted");
  CHECK(team_agent(ws.path(), {"replay", "--verify"}).exit_code == 0);
}

TEST_CASE("replay --verify compares read-only while another process is the projector") {
  TempDir ws;
  append_story(ws.path());
  REQUIRE(team_agent(ws.path(), {"status"}).exit_code == 0);
  auto lock = ta::FileLock::acquire(ws.path() + "/.team/state.lock");
  REQUIRE(lock.ok());

  auto verify = team_agent(ws.path(), {"replay", "--verify"});
  CHECK_MESSAGE(verify.exit_code == 0, verify.err);

  auto rebuild = team_agent(ws.path(), {"replay"});
  CHECK(rebuild.exit_code == 1);
  CHECK(contains(rebuild.err, "team-agent shutdown"));
  CHECK(split_lines(rebuild.err).size() == 1);
}

TEST_CASE("replay --message prints the message's timeline in seq order") {
  TempDir ws;
  append_story(ws.path());
  auto r = team_agent(ws.path(), {"replay", "--message", "msg_a"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  auto lines = split_lines(r.out);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].rfind("1  ", 0) == 0);
  CHECK(contains(lines[0], "message.accepted"));
  CHECK(lines[1].rfind("2  ", 0) == 0);
  CHECK(contains(lines[1], "send.deliver_attempt"));
  CHECK(lines[2].rfind("3  ", 0) == 0);
  CHECK(contains(lines[2], "send.submitted"));

  auto agent = team_agent(ws.path(), {"replay", "--agent", "frontend", "--json"});
  REQUIRE(agent.exit_code == 0);
  auto j = nlohmann::json::parse(agent.out);
  REQUIRE(j["events"].size() == 2);
  CHECK(j["events"][0]["seq"] == 4);
  CHECK(j["events"][1]["event"] == "send.failed");

  auto unknown = team_agent(ws.path(), {"replay", "--message", "msg_nope"});
  CHECK(unknown.exit_code == 1);
  CHECK(contains(unknown.err, "msg_nope"));
}

TEST_CASE("replay --until SEQ shows the earlier state, and --output keeps that database") {
  TempDir ws;
  append_story(ws.path());
  auto early = team_agent(ws.path(), {"replay", "--until", "2", "--json"});
  REQUIRE_MESSAGE(early.exit_code == 0, early.err);
  auto j = nlohmann::json::parse(early.out);
  CHECK(j["last_seq"] == 2);
  CHECK(j["messages"]["counts"]["accepted"] == 1);
  CHECK(j["messages"]["counts"]["submitted"] == 0);

  auto text = team_agent(ws.path(), {"replay", "--until", "4"});
  REQUIRE(text.exit_code == 0);
  CHECK(contains(text.out, "through seq 4"));
  CHECK(contains(text.out, "1 accepted"));
  CHECK(contains(text.out, "1 submitted"));
  CHECK(contains(text.out, "0 failed"));

  std::string out = ws.path() + "/at3.db";
  REQUIRE(team_agent(ws.path(), {"replay", "--until", "3", "--output", out}).exit_code == 0);
  CHECK(message_state(out, "msg_a") == "submitted");
  CHECK(message_state(out, "msg_b") == "<no row>");
  CHECK_FALSE(ta::file_exists(ws.path() + "/.team/state.db"));  // the live db was not made

  auto before = team_agent(ws.path(), {"replay", "--until", "2000-01-01T00:00:00Z", "--json"});
  REQUIRE_MESSAGE(before.exit_code == 0, before.err);
  CHECK(nlohmann::json::parse(before.out)["messages"]["total"] == 0);
  auto now = team_agent(ws.path(), {"replay", "--until", "0s", "--json"});
  REQUIRE(now.exit_code == 0);
  CHECK(nlohmann::json::parse(now.out)["last_seq"] == 5);

  auto bad = team_agent(ws.path(), {"replay", "--until", "yesterday-ish"});
  CHECK(bad.exit_code == 2);
  CHECK(split_lines(bad.err).size() == 1);
}

TEST_CASE("a corrupt line mid-segment stops replay with its segment, line and seq") {
  TempDir ws;
  append_story(ws.path());
  std::string seg = ws.path() + "/.team/events/00000001.jsonl";
  auto lines = split_lines(read_text(seg));
  REQUIRE(lines.size() == 5);
  std::string text;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i == 2) text += "{\"seq\": garbage\n";
    text += lines[i] + "\n";
  }
  write_text(seg, text);

  auto r = team_agent(ws.path(), {"replay"});
  CHECK(r.exit_code == 1);
  REQUIRE(split_lines(r.err).size() == 1);
  CHECK_MESSAGE(contains(r.err, "00000001.jsonl"), r.err);
  CHECK(contains(r.err, "line 3"));
  CHECK(contains(r.err, "seq 3"));

  for (const auto& name : ta::list_dir(ws.path() + "/.team"))
    CHECK_MESSAGE(name.rfind(".replay", 0) != 0, name);  // no temp database left behind

  auto skipped = team_agent(ws.path(), {"replay", "--skip-corrupt"});
  CHECK_MESSAGE(skipped.exit_code == 0, skipped.err);
  CHECK(contains(skipped.err, "line 3"));
  CHECK(contains(skipped.out, "through seq 5"));
}

TEST_CASE("replay rejects unknown flags and conflicting modes") {
  TempDir ws;
  append_story(ws.path());
  CHECK(team_agent(ws.path(), {"replay", "--bogus"}).exit_code == 2);
  CHECK(team_agent(ws.path(), {"replay", "--verify", "--until", "3"}).exit_code == 2);
  CHECK(team_agent(ws.path(), {"replay", "--message", "a", "--agent", "b"}).exit_code == 2);
}
