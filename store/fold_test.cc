#include "store/fold.h"

#include <doctest/doctest.h>

#include <random>

#include "store/replay.h"
#include "store/schema.h"
#include "tests/support/store_support.h"

using namespace ta;
using namespace ta::store;
using namespace ta::store::testing;

namespace {

std::unique_ptr<Database> memory_db() {
  auto db = Database::open(":memory:");
  REQUIRE(db.ok());
  REQUIRE(create_schema(**db).ok());
  return std::move(*db);
}

// The first column of the first row of `sql`, as text ("NULL" for null).
std::string query_text(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
  auto row = st->step();
  REQUIRE(row.ok());
  if (!*row) return "<no row>";
  return st->column_is_null(0) ? "NULL" : st->column_text(0);
}

std::int64_t int_of(Database& db, const std::string& sql) {
  auto v = db.query_int(sql, -1);
  REQUIRE_MESSAGE(v.ok(), (v.ok() ? "" : v.error().message));
  return *v;
}

events::SendFailed failure(std::string id, std::string to, std::string reason, std::string stage,
                           int attempt) {
  events::SendFailed f;
  f.message_id = std::move(id);
  f.to = std::move(to);
  f.reason = std::move(reason);
  f.stage = std::move(stage);
  f.detected = "trust_prompt";
  f.attempt = attempt;
  return f;
}

}  // namespace

TEST_CASE("the fold turns a hand-built event sequence into the expected rows") {
  auto db = memory_db();
  auto fold = Fold::prepare(*db);
  REQUIRE(fold.ok());
  std::uint64_t seq = 0;
  auto apply = [&](const events::Event& e) {
    auto st = (*fold)->apply(e);
    REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
  };

  apply(make_event(++seq, events::SupervisorStarted{"run1", 4242, "0.1.0"}));
  apply(make_event(++seq, events::PaneStarted{"backend", "%3", "codex", 777, false, 0, "0.171.0"}));
  apply(make_event(++seq, events::PaneStateChanged{"backend", "started", "idle"}));
  apply(make_event(++seq, accepted("msg_000000000001", "leader", "backend", "do the thing")));
  apply(make_event(++seq, events::SendDeliverAttempt{"msg_000000000001", "backend", 1}));
  apply(make_event(++seq, events::SendSubmitted{"msg_000000000001", "backend", 1, "token", 1}));
  apply(make_event(++seq, events::WorkerFirstInteraction{"backend", "2026-01-01T00:00:06.000000Z",
                                                         "msg_000000000001"}));
  apply(make_event(++seq, accepted("msg_000000000002", "leader", "backend", "second")));
  apply(make_event(++seq, events::SendDeferredBusy{"msg_000000000002", "backend", "working"}));
  apply(make_event(++seq, accepted("msg_000000000003", "leader", "frontend", "third")));
  apply(make_event(++seq, events::SendDeliverAttempt{"msg_000000000003", "frontend", 1}));
  apply(make_event(++seq, failure("msg_000000000003", "frontend", "pane shows a trust prompt",
                                  "gate", 1)));
  apply(make_event(++seq, events::ResultReported{"res_1", "T1", "backend", "success", "done"}));
  apply(make_event(++seq, events::MessageAcknowledged{"msg_000000000001", "res_1"}));
  apply(make_event(++seq, events::ScheduleCreated{"sch_1", "trust_retry", "frontend",
                                                  "2026-01-01T00:01:00Z",
                                                  {{"message_id", "msg_000000000003"}}}));
  apply(make_event(++seq, events::ScheduleCreated{"sch_2", "trust_retry", "frontend", "x", {}}));
  apply(make_event(++seq, events::ScheduleFired{"sch_1"}));
  apply(make_event(++seq, events::LeaderApiError{"Overloaded", "claude", "API Error 529", false,
                                                 true}));
  events::Event unknown = make_event(++seq, events::ScheduleFired{"sch_2"});
  unknown.type = "something.new";  // a type from a newer binary: ignored
  apply(unknown);
  apply(make_event(++seq, events::PaneExited{"backend", "%3", 1}));
  apply(make_event(++seq, events::SupervisorStopped{"run1", "signal", 130}));

  Database& d = *db;
  CHECK(query_text(d, "SELECT state FROM messages WHERE message_id='msg_000000000001'") ==
        "acknowledged");
  CHECK(query_text(d, "SELECT result_id FROM messages WHERE message_id='msg_000000000001'") ==
        "res_1");
  CHECK(query_text(d, "SELECT verified_by FROM messages WHERE message_id='msg_000000000001'") ==
        "token");
  CHECK(int_of(d, "SELECT accepted_seq FROM messages WHERE message_id='msg_000000000001'") == 4);
  CHECK(query_text(d, "SELECT state FROM messages WHERE message_id='msg_000000000002'") ==
        "deferred");
  CHECK(query_text(d, "SELECT detected FROM messages WHERE message_id='msg_000000000002'") ==
        "working");
  CHECK(query_text(d, "SELECT state FROM messages WHERE message_id='msg_000000000003'") == "failed");
  CHECK(query_text(d, "SELECT reason || '/' || stage FROM messages WHERE "
                   "message_id='msg_000000000003'") == "pane shows a trust prompt/gate");
  CHECK(int_of(d, "SELECT content_bytes FROM messages WHERE message_id='msg_000000000002'") == 6);
  CHECK(int_of(d, "SELECT count(*) FROM messages") == 3);

  CHECK(int_of(d, "SELECT count(*) FROM deliveries") == 2);
  CHECK(query_text(d, "SELECT outcome FROM deliveries WHERE message_id='msg_000000000001' AND "
                   "attempt=1") == "submitted");
  CHECK(query_text(d, "SELECT outcome || ':' || reason FROM deliveries WHERE "
                   "message_id='msg_000000000003'") == "failed:pane shows a trust prompt");

  CHECK(query_text(d, "SELECT first_send_at FROM agents WHERE agent_id='backend'") ==
        "2026-01-01T00:00:06.000000Z");
  CHECK(query_text(d, "SELECT last_outcome FROM agents WHERE agent_id='backend'") == "submitted");
  CHECK(query_text(d, "SELECT pane_state FROM agents WHERE agent_id='backend'") == "exited");
  CHECK(query_text(d, "SELECT last_outcome || ':' || last_failure_reason FROM agents WHERE "
                   "agent_id='frontend'") == "failed:pane shows a trust prompt");
  CHECK(query_text(d, "SELECT state || ':' || exit_code FROM panes WHERE pane_id='%3'") ==
        "exited:1");

  CHECK(query_text(d, "SELECT state FROM scheduled WHERE schedule_id='sch_1'") == "fired");
  CHECK(query_text(d, "SELECT state FROM scheduled WHERE schedule_id='sch_2'") == "pending");
  CHECK(query_text(d, "SELECT payload FROM scheduled WHERE schedule_id='sch_1'") ==
        R"({"message_id":"msg_000000000003"})");
  CHECK(query_text(d, "SELECT status FROM results WHERE result_id='res_1'") == "success");
  CHECK(query_text(d, "SELECT error_class FROM api_errors") == "Overloaded");
  CHECK(int_of(d, "SELECT worker_dispatch_just_before FROM api_errors") == 1);
  CHECK(query_text(d, "SELECT state || ':' || exit_code FROM supervisors WHERE run_id='run1'") ==
        "stopped:130");
}

TEST_CASE("the fold rejects an event whose data does not match its type") {
  auto db = memory_db();
  auto fold = Fold::prepare(*db);
  REQUIRE(fold.ok());
  events::Event bad = make_event(7, accepted("msg_1", "a", "b", "c"));
  bad.data["message_id"] = 42;
  auto st = (*fold)->apply(bad);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message.find("7") != std::string::npos);
  CHECK(st.error().message.find("message.accepted") != std::string::npos);
}

TEST_CASE("a supervisor that never said it stopped is marked lost when the next one starts") {
  auto db = memory_db();
  auto fold = Fold::prepare(*db);
  REQUIRE(fold.ok());
  REQUIRE((*fold)->apply(make_event(1, events::SupervisorStarted{"run1", 10, "0.1.0"})).ok());
  REQUIRE((*fold)->apply(make_event(2, events::SupervisorStarted{"run2", 11, "0.1.0"})).ok());
  CHECK(query_text(*db, "SELECT state FROM supervisors WHERE run_id='run1'") == "lost");
  CHECK(query_text(*db, "SELECT state FROM supervisors WHERE run_id='run2'") == "running");
}

// A few thousand events of every kind, generated from a fixed seed.
std::vector<events::Draft> mixed_events(int messages) {
  std::mt19937 rng(12345);
  std::vector<events::Draft> out;
  const char* agents[] = {"backend", "frontend", "tester"};
  out.push_back(events::to_draft(events::SupervisorStarted{"run1", 100, "0.1.0"}));
  for (const char* a : agents)
    out.push_back(events::to_draft(events::PaneStarted{a, std::string("%") + a, "fake", 200, false, 0, ""}));
  for (int i = 0; i < messages; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "msg_%012x", i);
    const char* to = agents[rng() % 3];
    out.push_back(events::to_draft(accepted(id, "leader", to, "content " + std::to_string(i)), id));
    switch (rng() % 5) {
      case 0:
        break;  // still queued
      case 1:
        out.push_back(events::to_draft(events::SendDeferredBusy{id, to, "working"}));
        break;
      case 2:
        out.push_back(events::to_draft(events::SendDeliverAttempt{id, to, 1}));
        out.push_back(events::to_draft(failure(id, to, "pane is dead", "gate", 1)));
        break;
      default:
        out.push_back(events::to_draft(events::SendDeliverAttempt{id, to, 1}));
        out.push_back(events::to_draft(events::SendSubmitted{id, to, 1, "fragment", 1}));
        if (rng() % 4 == 0) {
          std::string result = "res_" + std::to_string(i);
          out.push_back(events::to_draft(
              events::ResultReported{result, "T" + std::to_string(i), to, "success", "ok"}));
          out.push_back(events::to_draft(events::MessageAcknowledged{id, result}));
        }
    }
    if (i % 97 == 0)
      out.push_back(events::to_draft(events::PaneStateChanged{to, "idle", "working"}));
    if (i % 251 == 0)
      out.push_back(events::to_draft(
          events::LeaderApiError{"RateLimit", "claude", "429 " + std::to_string(i), false, false}));
    if (i % 113 == 0) {
      std::string sid = "sch_" + std::to_string(i);
      out.push_back(events::to_draft(
          events::ScheduleCreated{sid, "trust_retry", to, "2026-01-01T00:00:00Z", {{"n", i}}}));
      if (i % 2) out.push_back(events::to_draft(events::ScheduleFired{sid}));
    }
  }
  out.push_back(events::to_draft(events::SupervisorStopped{"run1", "signal", 130}));
  return out;
}

TEST_CASE("two rebuilds of the same log are byte-identical, and equal the incremental fold") {
  ScratchDir dir;
  std::string events_dir = dir.path() + "/events";
  {
    auto log = open_test_log(events_dir);
    auto drafts = mixed_events(3000);  // enough to engage the read-ahead thread
    // Several appends, so the log has the shape of real traffic.
    for (size_t i = 0; i < drafts.size(); i += 700) {
      std::vector<events::Draft> batch(drafts.begin() + static_cast<long>(i),
                                       drafts.begin() + static_cast<long>(std::min(i + 700, drafts.size())));
      append_all(*log, std::move(batch));
    }
  }
  auto first = rebuild(events_dir, dir.path() + "/a.db");
  auto second = rebuild(events_dir, dir.path() + "/b.db");
  REQUIRE_MESSAGE(first.ok(), (first.ok() ? "" : first.error().message));
  REQUIRE(second.ok());
  CHECK(first->folded > 7000);
  CHECK(first->last_seq == second->last_seq);

  auto a = Database::open(dir.path() + "/a.db");
  auto b = Database::open(dir.path() + "/b.db");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  auto dump_a = dump_tables(**a);
  auto dump_b = dump_tables(**b);
  REQUIRE(dump_a.ok());
  REQUIRE(dump_b.ok());
  CHECK(dump_a->size() > 100000);
  CHECK(*dump_a == *dump_b);

  // Folding in many small transactions gives the same rows as one rebuild.
  auto c = Database::open(dir.path() + "/c.db");
  REQUIRE(c.ok());
  REQUIRE(create_schema(**c).ok());
  auto fold = Fold::prepare(**c);
  REQUIRE(fold.ok());
  FoldLimits small;
  small.batch_events = 37;
  auto report = fold_log(**c, **fold, events_dir, small);
  REQUIRE(report.ok());
  auto dump_c = dump_tables(**c);
  REQUIRE(dump_c.ok());
  CHECK(*dump_c == *dump_a);
  auto differences = diff(**a, **c);
  REQUIRE(differences.ok());
  CHECK(differences->empty());
}

TEST_CASE("events about a message before its message.accepted still leave a complete row") {
  auto db = memory_db();
  auto fold = Fold::prepare(*db);
  REQUIRE(fold.ok());
  // A malformed log: the delivery outcome comes first.
  REQUIRE((*fold)->apply(make_event(1, events::SendSubmitted{"msg_x", "backend", 2, "token", 1})).ok());
  CHECK(query_text(*db, "SELECT state || ':' || attempts FROM messages") == "submitted:2");
  CHECK(query_text(*db, "SELECT from_agent FROM messages") == "NULL");
  REQUIRE((*fold)->apply(make_event(2, accepted("msg_x", "leader", "backend", "late"))).ok());
  CHECK(query_text(*db, "SELECT state || ':' || from_agent || ':' || content || ':' || accepted_seq "
                     "FROM messages") == "submitted:leader:late:2");
  // A second acceptance of the same id changes nothing: the first one counts.
  REQUIRE((*fold)->apply(make_event(3, accepted("msg_x", "other", "backend", "again"))).ok());
  CHECK(query_text(*db, "SELECT from_agent FROM messages") == "leader");
  // A deferral after delivery does not pull the message back into the queue.
  REQUIRE((*fold)->apply(make_event(4, events::SendDeferredBusy{"msg_x", "backend", "working"})).ok());
  CHECK(query_text(*db, "SELECT state FROM messages") == "submitted");
  CHECK(int_of(*db, "SELECT count(*) FROM deliveries WHERE attempt = 2") == 1);
}
