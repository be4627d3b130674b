// Projections ahead of their log (SPEC §1.4): a log that lost complete
// events after they were folded (a lost write cache, a restored backup) or a
// projection_meta edited past the log. The projections notice on their next
// fold (the event they folded last is gone or differs), are rebuilt from the
// log (projection.rebuilt, reason ahead_of_log), and the seqs they had seen
// are never given to other events: the log numbers on after them, naming the
// lost range in log.recovered.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "tests/e2e/run_fixture.h"

using namespace ta::test;

namespace {

std::string segment(const TeamWorkspace& ws) { return ws.events_dir() + "/00000001.jsonl"; }

std::vector<std::string> file_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// Rewrites the segment without its last `n` lines, as a lost write cache would.
void drop_last_lines(const TeamWorkspace& ws, std::size_t n) {
  auto lines = file_lines(segment(ws));
  REQUIRE(lines.size() > n);
  lines.resize(lines.size() - n);
  std::ofstream out(segment(ws), std::ios::trunc);
  for (const auto& l : lines) out << l << "\n";
}

void sql(const TeamWorkspace& ws, const std::string& statement) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((ws.path() + "/.team/state.db").c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  REQUIRE_MESSAGE(rc == SQLITE_OK, msg);
}

nlohmann::json status_json(const TeamWorkspace& ws) {
  auto r = team_agent(ws.path(), {"status", "--json"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.out << r.err);
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  REQUIRE(j.is_object());
  return j;
}

std::set<std::string> queued_ids(const nlohmann::json& status) {
  std::set<std::string> out;
  for (const auto& m : status["messages"].value("open", nlohmann::json::array()))
    out.insert(m.value("message_id", ""));
  return out;
}

std::string queue(const TeamWorkspace& ws, const std::string& text) {
  auto s = send_message(ws, "w1", text, {"--from", "leader"});
  REQUIRE_MESSAGE(s.exit_code == 3, s.out << s.err);  // accepted, no supervisor
  return s.message_id;
}

// Every seq in the log once, in order; a jump only where log.recovered names it.
void check_seqs_never_reused(const TeamWorkspace& ws) {
  std::uint64_t last = 0;
  for (const auto& e : events_of(ws)) {
    CAPTURE(e.seq);
    CHECK(e.seq > last);
    if (e.seq != last + 1) {
      CHECK(e.type == "log.recovered");
      CHECK(e.data.value("lost_from", std::uint64_t{0}) == last + 1);
      CHECK(e.data.value("lost_to", std::uint64_t{0}) == e.seq - 1);
    }
    last = e.seq;
  }
}

void check_verify_clean(const TeamWorkspace& ws) {
  auto verify = team_agent(ws.path(), {"replay", "--verify"});
  CHECK_MESSAGE(verify.exit_code == 0, verify.out << verify.err);
}

}  // namespace

TEST_CASE("a log that lost folded events: projections rebuilt, no seq reused, no stale message") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  const std::string kept = queue(ws, "kept");
  const std::string lost = queue(ws, "lost with the tail");
  auto before = status_json(ws);  // folds both
  REQUIRE(queued_ids(before).count(lost) == 1);
  const auto folded_to = events_of(ws).back().seq;

  drop_last_lines(ws, 1);  // message.accepted of `lost`
  const std::string after = queue(ws, "sent after the loss");

  auto now = status_json(ws);
  auto ids = queued_ids(now);
  CHECK(ids.count(kept) == 1);
  CHECK(ids.count(after) == 1);
  CHECK_MESSAGE(ids.count(lost) == 0, "a message the log lost is still queued: " << now.dump(2));

  auto rebuilt = events_of(ws, "projection.rebuilt");
  REQUIRE(rebuilt.size() == 1);
  CHECK(rebuilt[0].data.value("reason", "").rfind("ahead_of_log", 0) == 0);
  auto recovered = events_of(ws, "log.recovered");
  REQUIRE(recovered.size() == 1);
  CHECK(recovered[0].data.value("lost_from", std::uint64_t{0}) == folded_to);
  CHECK(recovered[0].data.value("lost_to", std::uint64_t{0}) == folded_to);
  for (const auto& e : events_of(ws, "message.accepted"))
    if (e.data.value("message_id", "") == after) CHECK(e.seq > folded_to);
  check_seqs_never_reused(ws);
  check_verify_clean(ws);
  auto doctor = team_agent(ws.path(), {"doctor"});
  CHECK_MESSAGE(doctor.out.find("corrupt") == std::string::npos, doctor.out);
}

TEST_CASE("a log rewritten under the projections (same seq, another event) is noticed") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  queue(ws, "first");
  const std::string replaced = queue(ws, "replaced");
  status_json(ws);
  // The tail lost and a different event written at the same seq, before any
  // projector looked (as by a process that never read the projections).
  drop_last_lines(ws, 1);
  auto lines = file_lines(segment(ws));
  auto last = nlohmann::json::parse(lines.back());
  last["seq"] = last["seq"].get<std::uint64_t>() + 1;
  last["ts"] = "2030-01-01T00:00:00.000000Z";
  last["key"] = "other-event";
  last["data"]["message_id"] = "msg_0123456789ab";
  {
    std::ofstream out(segment(ws), std::ios::app);
    out << last.dump() << "\n";
  }
  auto now = status_json(ws);
  CHECK(queued_ids(now).count(replaced) == 0);
  auto rebuilt = events_of(ws, "projection.rebuilt");
  REQUIRE(rebuilt.size() == 1);
  CHECK(rebuilt[0].data.value("reason", "").find("not the one the projections folded") !=
        std::string::npos);
  check_verify_clean(ws);
}

TEST_CASE("projection_meta edited ahead of the log: rebuilt, and new messages are seen") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  queue(ws, "one");
  status_json(ws);
  sql(ws, "UPDATE projection_meta SET last_seq = last_seq + 5 WHERE id = 1");
  const std::string fresh = queue(ws, "after the edit");
  auto now = status_json(ws);
  CHECK_MESSAGE(queued_ids(now).count(fresh) == 1, now.dump(2));
  auto rebuilt = events_of(ws, "projection.rebuilt");
  REQUIRE(rebuilt.size() == 1);
  CHECK(rebuilt[0].data.value("reason", "").rfind("ahead_of_log", 0) == 0);
  check_seqs_never_reused(ws);
  check_verify_clean(ws);
}
