#include "store/projector.h"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include "events/reader.h"
#include "store/schema.h"
#include "tests/support/store_support.h"
#include "util/fs.h"

using namespace ta;
using namespace ta::store;
using namespace ta::store::testing;

namespace {

config::Paths workspace_in(const ScratchDir& dir) {
  auto paths = config::Paths::for_workspace(dir.path());
  REQUIRE(config::ensure_team_dir(paths).ok());
  return paths;
}

events::Draft accepted_draft(int n) {
  std::string id = "msg_" + std::to_string(100000000000 + n);
  return events::to_draft(accepted(id, "leader", "backend", "hello " + std::to_string(n)), id);
}

std::int64_t count_messages(Database& db) {
  auto n = db.query_int("SELECT count(*) FROM messages");
  REQUIRE(n.ok());
  return *n;
}

std::uint64_t meta_seq(Database& db) {
  auto meta = read_meta(db);
  REQUIRE(meta.ok());
  REQUIRE(meta->has_value());
  return (*meta)->last_seq;
}

std::vector<events::Event> read_log(const std::string& dir) {
  std::vector<events::Event> out;
  events::LogReader reader(dir);
  events::Event e;
  while (reader.next(e) == events::LogReader::Next::event) out.push_back(e);
  return out;
}

}  // namespace

TEST_CASE("projection_meta.last_seq moves with its rows in one transaction") {
  ScratchDir dir;
  auto paths = workspace_in(dir);
  auto log = open_test_log(paths.events_dir);
  for (int i = 1; i <= 5; ++i) append_all(*log, {accepted_draft(i)});

  ProjectorOptions opts;
  opts.batch_events = 2;
  auto projector = Projector::open(paths, opts);
  REQUIRE(projector.ok());
  auto first = (*projector)->catch_up();
  REQUIRE(first.ok());
  CHECK(first->folded == 5);
  CHECK(meta_seq((*projector)->db()) == 5);
  CHECK(count_messages((*projector)->db()) == 5);

  // Seqs 6 and 7 form a full batch; 8 shares its batch with the bad event 9.
  events::Draft bad{"message.accepted", 1, {{"message_id", 42}}, "", ""};
  append_all(*log, {accepted_draft(6), accepted_draft(7), accepted_draft(8), bad,
                    accepted_draft(10)});
  auto second = (*projector)->catch_up();
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().message.find("event 9") != std::string::npos);
  CHECK(second.error().message.find("stay at seq 7") != std::string::npos);
  CHECK(meta_seq((*projector)->db()) == 7);
  CHECK(count_messages((*projector)->db()) == 7);
  auto msg8 = (*projector)->db().query_int(
      "SELECT count(*) FROM messages WHERE message_id = 'msg_100000000008'");
  REQUIRE(msg8.ok());
  CHECK(*msg8 == 0);
}

TEST_CASE("another fold version rebuilds the projections and appends projection.rebuilt") {
  ScratchDir dir;
  auto paths = workspace_in(dir);
  {
    auto log = open_test_log(paths.events_dir);
    append_all(*log, {accepted_draft(1), accepted_draft(2), accepted_draft(3)});
  }
  {
    auto projector = Projector::open(paths);
    REQUIRE(projector.ok());
    CHECK((*projector)->rebuild_reason().empty());
    REQUIRE((*projector)->catch_up().ok());
  }
  {
    // What an older binary would have left: another fold version, other rows.
    auto db = Database::open(paths.state_db);
    REQUIRE(db.ok());
    REQUIRE((*db)->exec("UPDATE projection_meta SET fold_version = 0; DELETE FROM messages;").ok());
  }
  auto projector = Projector::open(paths);
  REQUIRE_MESSAGE(projector.ok(), (projector.ok() ? "" : projector.error().message));
  CHECK((*projector)->rebuild_reason().find("fold version 0") != std::string::npos);
  CHECK(count_messages((*projector)->db()) == 3);
  CHECK(meta_seq((*projector)->db()) == 3);
  auto meta = read_meta((*projector)->db());
  CHECK((*meta)->fold_version == kFoldVersion);

  auto events = read_log(paths.events_dir);
  REQUIRE(events.size() == 4);
  CHECK(events.back().type == "projection.rebuilt");
  auto rebuilt = events::decode<events::ProjectionRebuilt>(events.back());
  REQUIRE(rebuilt.ok());
  CHECK(rebuilt->from_fold_version == 0);
  CHECK(rebuilt->to_fold_version == kFoldVersion);
  CHECK(rebuilt->last_seq == 3);
  CHECK(events.back().team == "demo");

  auto caught = (*projector)->catch_up();
  REQUIRE(caught.ok());
  CHECK(caught->last_seq == 4);
}

TEST_CASE("an unreadable state.db is replaced by a rebuild from the log") {
  ScratchDir dir;
  auto paths = workspace_in(dir);
  {
    auto log = open_test_log(paths.events_dir);
    append_all(*log, {accepted_draft(1), accepted_draft(2)});
  }
  REQUIRE(write_file_atomic(paths.state_db, std::string(8192, 'x')).ok());
  auto projector = Projector::open(paths);
  REQUIRE_MESSAGE(projector.ok(), (projector.ok() ? "" : projector.error().message));
  CHECK_FALSE((*projector)->rebuild_reason().empty());
  CHECK(count_messages((*projector)->db()) == 2);
}

TEST_CASE("a corrupt line stops the catch-up with segment, line and seq; earlier events stay") {
  ScratchDir dir;
  auto paths = workspace_in(dir);
  {
    auto log = open_test_log(paths.events_dir);
    for (int i = 1; i <= 5; ++i) append_all(*log, {accepted_draft(i)});
  }
  insert_line(paths.events_dir, 3, "{this is not json");
  {
    auto projector = Projector::open(paths);
    REQUIRE(projector.ok());
    auto r = (*projector)->catch_up();
    REQUIRE_FALSE(r.ok());
    const auto& msg = r.error().message;
    CHECK(msg.find("segment 00000001.jsonl") != std::string::npos);
    CHECK(msg.find("line 4") != std::string::npos);
    CHECK(msg.find("seq 4") != std::string::npos);
    CHECK(meta_seq((*projector)->db()) == 3);
    CHECK(count_messages((*projector)->db()) == 3);
  }
  {
    ProjectorOptions skip;
    skip.skip_corrupt = true;
    auto projector = Projector::open(paths, skip);
    REQUIRE(projector.ok());
    auto r = (*projector)->catch_up();
    REQUIRE(r.ok());
    CHECK(r->skipped.size() == 1);
    CHECK(r->last_seq == 5);
    CHECK(count_messages((*projector)->db()) == 5);
  }
  // Once folded past, the bad line does not stop later catch-ups.
  auto projector = Projector::open(paths);
  REQUIRE(projector.ok());
  auto r = (*projector)->catch_up();
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  CHECK(r->last_seq == 5);
}

TEST_CASE("a reader takes the projections as they are while another process projects") {
  ScratchDir dir;
  auto paths = workspace_in(dir);
  {
    auto log = open_test_log(paths.events_dir);
    append_all(*log, {accepted_draft(1)});
  }
  {
    auto view = open_state_view(paths);
    REQUIRE(view.ok());
    CHECK(view->caught_up());
    CHECK(count_messages(view->db()) == 1);
  }
  {
    auto log = open_test_log(paths.events_dir);
    append_all(*log, {accepted_draft(2)});
  }
  auto held = FileLock::acquire(paths.state_lock);  // flock conflicts across descriptors
  REQUIRE(held.ok());
  auto view = open_state_view(paths);
  REQUIRE(view.ok());
  CHECK_FALSE(view->caught_up());
  CHECK(view->db().read_only());
  CHECK(count_messages(view->db()) == 1);
}

TEST_CASE("state views outside a workspace fail with a sentence saying what to do") {
  ScratchDir dir;
  auto paths = config::Paths::for_workspace(dir.path());
  auto view = open_state_view(paths);
  REQUIRE_FALSE(view.ok());
  CHECK(view.error().message.find("team-agent init") != std::string::npos);
}

TEST_CASE("new database files are private to their owner") {
  ScratchDir dir;
  std::string path = dir.path() + "/new.db";
  auto db = Database::open(path);
  REQUIRE(db.ok());
  REQUIRE(create_schema(**db).ok());
  for (std::string p : {path, path + "-wal", path + "-shm"}) {
    struct stat st {};
    REQUIRE_MESSAGE(::stat(p.c_str(), &st) == 0, p);
    CHECK_MESSAGE((st.st_mode & 0777) == 0600, p);
  }
}
