#include "sessions/codex_rollout.h"

#include <doctest/doctest.h>

#include <fstream>

#include "tests/support/temp_dir.h"
#include "util/clock.h"
#include "util/fs.h"
#include "tests/support/text_helpers.h"

using namespace ta::sessions;

namespace {

const std::string kRolloutFixture =
    std::string(TEAM_AGENT_SOURCE_DIR) + "/tests/fixtures/sessions/codex-0.171.0-rollout.jsonl";

std::int64_t at(const char* rfc3339) { return *ta::parse_rfc3339(rfc3339); }

std::string meta_line(const std::string& id, const std::string& cwd, const std::string& ts,
                      const std::string& originator = "codex-tui") {
  return R"({"timestamp":")" + ts + R"(","type":"session_meta","payload":{"id":")" + id +
         R"(","timestamp":")" + ts + R"(","cwd":")" + cwd + R"(","originator":")" + originator +
         R"("}})";
}

using ta::test::write_text_file;

}  // namespace

TEST_CASE("the first line of a real Codex 0.171.0 rollout is its session metadata") {
  auto text = ta::read_file(kRolloutFixture);
  REQUIRE(text.ok());
  auto meta = parse_session_meta(text->substr(0, text->find('\n')));
  REQUIRE(meta);
  CHECK(meta->id == "01a23bfa-fc75-7771-bd1c-d850a6d5c036");
  CHECK(meta->cwd == "/tmp/sess/x/work");
  CHECK(meta->timestamp == "2026-12-03T12:57:20.162Z");  // the start, not the first write
  CHECK(meta->originator == "codex-tui");
  // The older layout, and what is not session metadata.
  auto old = parse_session_meta(
      R"({"session_meta":{"payload":{"id":"a","cwd":"/w","timestamp":"2026-01-01T00:00:00Z"}}})");
  REQUIRE(old);
  CHECK(old->id == "a");
  CHECK_FALSE(parse_session_meta(R"({"type":"event_msg","payload":{"type":"task_started"}})"));
  CHECK_FALSE(parse_session_meta(R"({"type":"session_meta","payload":{"id":"a","cwd":"/w"}})"));
  CHECK_FALSE(parse_session_meta("not json"));
}

TEST_CASE("an agent's rollout: same cwd, started around its spawn, not held, earliest first") {
  std::vector<RolloutMeta> all;
  auto add = [&](const char* id, const char* cwd, const char* ts, const char* orig = "codex-tui") {
    all.push_back(*parse_session_meta(meta_line(id, cwd, ts, orig)));
  };
  add("early", "/w", "2026-12-03T10:00:00Z");     // long before the spawn
  add("other-dir", "/x", "2026-12-03T12:00:01Z");
  add("b", "/w", "2026-12-03T12:00:02Z");
  add("a", "/w", "2026-12-03T12:00:01Z");
  add("future", "/w", "2026-12-03T12:10:00Z");    // after now + 5 s
  RolloutQuery q{"/w", at("2026-12-03T12:00:00Z"), at("2026-12-03T12:00:30Z"), {}};
  auto m = match_rollout(all, q);
  REQUIRE(m);
  CHECK(m->meta.id == "a");
  CHECK(m->confidence == "high");
  q.held_ids = {"a"};  // the agent started a second earlier holds it
  CHECK(match_rollout(all, q)->meta.id == "b");
  q.held_ids = {"a", "b"};
  CHECK_FALSE(match_rollout(all, q));
  // Two seconds of slack before the spawn (clocks, a slow exec) but no more.
  q = RolloutQuery{"/w", at("2026-12-03T12:00:03Z"), at("2026-12-03T12:00:30Z"), {}};
  CHECK(match_rollout(all, q)->meta.id == "a");
  q.spawned_us = at("2026-12-03T12:00:03.5Z");
  CHECK(match_rollout(all, q)->meta.id == "b");
  all.clear();
  add("exec", "/w", "2026-12-03T12:00:01Z", "some_wrapper");
  CHECK(match_rollout(all, RolloutQuery{"/w", at("2026-12-03T12:00:00Z"),
                                        at("2026-12-03T12:00:30Z"), {}})
            ->confidence == "medium");
}

TEST_CASE("the rollout index reads only what is new") {
  ta::test::TempDir tmp;
  const std::string day = tmp.path() + "/sessions/2026/12/03";
  write_text_file(day + "/rollout-2026-12-03T12-00-01-a.jsonl",
        meta_line("a", "/w", "2026-12-03T12:00:01Z") + "\n{\"type\":\"event_msg\"}\n");
  RolloutIndex index(tmp.path());
  index.refresh();
  REQUIRE(index.rollouts().size() == 1);
  auto listed = index.listings();
  auto parsed = index.parses();
  index.refresh();
  CHECK(index.listings() == listed);  // nothing changed: nothing listed or read again
  CHECK(index.parses() == parsed);

  SUBCASE("a new rollout, a torn first line completed later, a foreign file") {
    std::string torn = day + "/rollout-2026-12-03T12-00-05-c.jsonl";
    write_text_file(day + "/rollout-2026-12-03T12-00-02-b.jsonl", meta_line("b", "/w", "2026-12-03T12:00:02Z") + "\n");
    write_text_file(torn, meta_line("c", "/w", "2026-12-03T12:00:05Z").substr(0, 40));
    write_text_file(day + "/notes.txt", "x\n");
    write_text_file(day + "/rollout-2026-12-03T12-00-09-d.jsonl", "{\"type\":\"event_msg\"}\n");
    index.refresh();
    auto r = index.rollouts();
    REQUIRE(r.size() == 2);
    CHECK(r[0].id == "b");  // newest first
    write_text_file(torn, meta_line("c", "/w", "2026-12-03T12:00:05Z") + "\n");
    index.refresh();
    CHECK(index.rollouts().front().id == "c");
  }
  SUBCASE("a new day directory is found") {
    write_text_file(tmp.path() + "/sessions/2026/12/04/rollout-2026-12-04T00-00-01-e.jsonl",
          meta_line("e", "/w", "2026-12-04T00:00:01Z") + "\n");
    index.refresh();
    CHECK(index.rollouts().front().id == "e");
  }
  SUBCASE("only the newest are kept") {
    RolloutIndex small(tmp.path(), 2);
    write_text_file(day + "/rollout-2026-12-03T12-00-02-b.jsonl", meta_line("b", "/w", "2026-12-03T12:00:02Z") + "\n");
    write_text_file(day + "/rollout-2026-12-03T12-00-03-c.jsonl", meta_line("c", "/w", "2026-12-03T12:00:03Z") + "\n");
    small.refresh();
    auto r = small.rollouts();
    REQUIRE(r.size() == 2);
    CHECK(r[0].id == "c");
    CHECK(r[1].id == "b");
  }
}

TEST_CASE("a missing Codex home is no error") {
  RolloutIndex index("/nonexistent/codex-home");
  index.refresh();
  CHECK(index.rollouts().empty());
}

TEST_CASE("a rollout is found by its session id, even past the newest the index keeps") {
  ta::test::TempDir tmp;
  const std::string home = tmp.path() + "/codex";
  const std::string old_path = home + "/sessions/2025/01/02/rollout-2025-01-02T08-00-00-old-id.jsonl";
  write_text_file(old_path, meta_line("old-id", "/w", "2025-01-02T08:00:00Z") + "\n");
  write_text_file(home + "/sessions/2026/12/03/rollout-2026-12-03T08-00-00-new-id.jsonl",
        meta_line("new-id", "/w", "2026-12-03T08:00:00Z") + "\n");
  RolloutIndex index(home, 1);
  index.refresh();
  REQUIRE(index.rollouts().size() == 1);
  auto newest = index.find_by_id("new-id");
  REQUIRE(newest);
  CHECK(newest->cwd == "/w");
  auto old = index.find_by_id("old-id");
  REQUIRE(old);
  CHECK(old->path == old_path);
  CHECK(old->start_us == at("2025-01-02T08:00:00Z"));
  CHECK_FALSE(index.find_by_id("id"));  // a suffix of both names, the id of neither
  CHECK_FALSE(index.find_by_id(""));
}
