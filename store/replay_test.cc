#include "store/replay.h"

#include <doctest/doctest.h>

#include "store/queries.h"
#include "store/schema.h"
#include "tests/support/store_support.h"

using namespace ta;
using namespace ta::store;
using namespace ta::store::testing;

namespace {

// A log of two messages to backend and frontend with a delivery each.
std::string small_log(const ScratchDir& dir) {
  std::string events_dir = dir.path() + "/events";
  auto log = open_test_log(events_dir);
  auto with_ts = [](events::Draft d, const char* ts) {
    d.ts = ts;
    return d;
  };
  append_all(*log, {
      with_ts(events::to_draft(accepted("msg_a", "leader", "backend", "one"), "msg_a"),
              "2026-01-01T10:00:00.000000Z"),
      with_ts(events::to_draft(events::SendDeliverAttempt{"msg_a", "backend", 1}),
              "2026-01-01T10:00:01.000000Z"),
      with_ts(events::to_draft(accepted("msg_b", "leader", "frontend", "two"), "msg_b"),
              "2026-01-01T10:00:02.000000Z"),
      with_ts(events::to_draft(events::SendSubmitted{"msg_a", "backend", 1, "token", 1}),
              "2026-01-01T10:05:00.000000Z"),
      with_ts(events::to_draft(events::MessageAcknowledged{"msg_a", "res_1"}),
              "2026-01-01T10:06:00.000000Z"),
  });
  return events_dir;
}

std::unique_ptr<Database> open_db(const std::string& path) {
  auto db = Database::open(path);
  REQUIRE_MESSAGE(db.ok(), (db.ok() ? "" : db.error().message));
  return std::move(*db);
}

}  // namespace

TEST_CASE("diff names every differing column and every row missing on either side") {
  ScratchDir dir;
  auto events_dir = small_log(dir);
  REQUIRE(rebuild(events_dir, dir.path() + "/live.db").ok());
  REQUIRE(rebuild(events_dir, dir.path() + "/fresh.db").ok());
  auto live = open_db(dir.path() + "/live.db");
  auto fresh = open_db(dir.path() + "/fresh.db");
  auto same = diff(*live, *fresh);
  REQUIRE(same.ok());
  CHECK(same->empty());

  REQUIRE(live->exec("UPDATE messages SET state = 'failed' WHERE message_id = 'msg_a';"
                     "DELETE FROM messages WHERE message_id = 'msg_b';"
                     "INSERT INTO deliveries(message_id, attempt, outcome) VALUES ('msg_z', 3, 'x');")
              .ok());
  auto d = diff(*live, *fresh);
  REQUIRE(d.ok());
  std::vector<std::string> expected = {
      R"(messages msg_a: state: live "failed" vs replay "acknowledged")",
      "messages msg_b: row only in replay",
      "deliveries msg_z/3: row only in live",
  };
  CHECK(*d == expected);
}

TEST_CASE("rebuild stops at --until, by seq or by time") {
  ScratchDir dir;
  auto events_dir = small_log(dir);
  FoldLimits by_seq;
  by_seq.until_seq = 3;
  auto r = rebuild(events_dir, dir.path() + "/seq.db", by_seq);
  REQUIRE(r.ok());
  CHECK(r->last_seq == 3);
  auto db = open_db(dir.path() + "/seq.db");
  auto status = query_status(*db);
  REQUIRE(status.ok());
  CHECK(status->counts[0].state == "accepted");
  CHECK(status->counts[0].count == 2);

  FoldLimits by_time;
  by_time.until_time = parse_rfc3339("2026-01-01T10:05:30Z");
  auto t = rebuild(events_dir, dir.path() + "/time.db", by_time);
  REQUIRE(t.ok());
  CHECK(t->last_seq == 4);
  auto tdb = open_db(dir.path() + "/time.db");
  auto state = tdb->prepare("SELECT state FROM messages WHERE message_id = 'msg_a'");
  REQUIRE(state.ok());
  REQUIRE(*state->step());
  CHECK(state->column_text(0) == "submitted");
}

TEST_CASE("timeline lists the events of one message, or of one agent through its messages") {
  ScratchDir dir;
  auto events_dir = small_log(dir);
  auto msg = timeline(events_dir, {TimelineSubject::Kind::message, "msg_a"});
  REQUIRE(msg.ok());
  std::vector<std::uint64_t> seqs;
  for (const auto& e : *msg) seqs.push_back(e.seq);
  CHECK(seqs == std::vector<std::uint64_t>{1, 2, 4, 5});

  // message.acknowledged names no agent; it belongs to backend through msg_a.
  auto agent = timeline(events_dir, {TimelineSubject::Kind::agent, "backend"});
  REQUIRE(agent.ok());
  seqs.clear();
  for (const auto& e : *agent) seqs.push_back(e.seq);
  CHECK(seqs == std::vector<std::uint64_t>{1, 2, 4, 5});

  auto line = timeline_line(msg->front());
  CHECK(line.rfind("1  2026-01-01T10:00:00.000000Z  message.accepted", 0) == 0);
  CHECK(line.find("to=backend") != std::string::npos);
}

TEST_CASE("install_database swaps a rebuilt database in place of the live one") {
  ScratchDir dir;
  auto events_dir = small_log(dir);
  std::string live_path = dir.path() + "/state.db";
  {
    auto live = open_db(live_path);
    REQUIRE(create_schema(*live).ok());
    REQUIRE(live->exec("INSERT INTO messages(message_id, state, updated_seq, updated_at) "
                       "VALUES ('stale', 'accepted', 1, 'x')")
                .ok());
  }
  REQUIRE(rebuild(events_dir, dir.path() + "/next.db").ok());
  REQUIRE(install_database(dir.path() + "/next.db", live_path).ok());
  CHECK_FALSE(file_exists(dir.path() + "/next.db"));
  auto live = open_db(live_path);
  auto n = live->query_int("SELECT count(*) FROM messages WHERE message_id IN ('msg_a', 'msg_b')");
  REQUIRE(n.ok());
  CHECK(*n == 2);
  auto stale = live->query_int("SELECT count(*) FROM messages WHERE message_id = 'stale'");
  CHECK(*stale == 0);
  auto mode = live->prepare("PRAGMA journal_mode");
  REQUIRE(mode.ok());
  REQUIRE(*mode->step());
  CHECK(mode->column_text(0) == "wal");
}
