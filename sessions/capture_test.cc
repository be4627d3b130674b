#include "sessions/capture.h"

#include <doctest/doctest.h>

#include <fstream>

#include "sessions/claude_transcript.h"
#include "tests/support/temp_dir.h"
#include "util/clock.h"
#include "util/fs.h"
#include "tests/support/text_helpers.h"

using namespace ta::sessions;

namespace {

using ta::test::write_text_file;

std::string rollout_line(const std::string& id, const std::string& cwd, const std::string& ts) {
  return R"({"timestamp":")" + ts + R"(","type":"session_meta","payload":{"id":")" + id +
         R"(","timestamp":")" + ts + R"(","cwd":")" + cwd + R"(","originator":"codex-tui"}})" "\n";
}

}  // namespace

TEST_CASE("a Claude session is captured once its transcript holds a typed message") {
  ta::test::TempDir tmp;
  SessionRoots roots{tmp.path() + "/claude", tmp.path() + "/codex"};
  SessionCapturer capturer(roots);
  CaptureRequest r;
  r.agent_id = "w1";
  r.format = SessionFormat::claude;
  r.cwd = tmp.path();
  r.claude_session_id = "0b5c1d6e-2f3a-4b4c-8d5e-6f7a8b9c0d1e";
  auto missing = capturer.capture(r);
  CHECK_FALSE(missing.captured);
  CHECK(missing.reason == "transcript_missing");

  std::string path = claude_transcript_candidates(roots.claude_config_dir, r.cwd, r.claude_session_id)[0];
  write_text_file(path, R"({"type":"permission-mode","permissionMode":"default","sessionId":"x"})" "\n");
  CHECK(capturer.capture(r).reason == "blank_session");
  write_text_file(path, R"({"type":"user","message":{"role":"user","content":"hi"},"cwd":")" + r.cwd + "\"}\n");
  auto got = capturer.capture(r);
  CHECK(got.captured);
  CHECK(got.session_id == r.claude_session_id);
  CHECK(got.path == path);
  CHECK(got.via == "session_id");
}

TEST_CASE("two Codex agents started a second apart in one directory each capture their own") {
  ta::test::TempDir tmp;
  SessionRoots roots{tmp.path() + "/claude", tmp.path() + "/codex"};
  SessionCapturer capturer(roots);
  const std::string day = roots.codex_home + "/sessions/2026/12/03";
  auto t0 = *ta::parse_rfc3339("2026-12-03T12:00:00Z");
  CaptureRequest a;
  a.agent_id = "a";
  a.format = SessionFormat::codex;
  a.cwd = tmp.path();
  a.spawned_us = t0;
  a.now_us = t0 + 30'000'000;
  CHECK(capturer.capture(a).reason == "no_matching_rollout");
  write_text_file(day + "/rollout-2026-12-03T12-00-00-one.jsonl", rollout_line("one", tmp.path(), "2026-12-03T12:00:00.400Z"));
  write_text_file(day + "/rollout-2026-12-03T12-00-01-two.jsonl", rollout_line("two", tmp.path(), "2026-12-03T12:00:01.300Z"));
  auto first = capturer.capture(a);
  REQUIRE(first.captured);
  CHECK(first.session_id == "one");
  CHECK(first.via == "rollout_scan");
  CHECK(first.confidence == "high");
  CaptureRequest b = a;
  b.agent_id = "b";
  b.spawned_us = t0 + 1'000'000;
  b.held_ids = {first.session_id};
  CHECK(capturer.capture(b).session_id == "two");
}

TEST_CASE("a resumed session is verified by its id, in either format") {
  ta::test::TempDir tmp;
  SessionRoots roots{tmp.path() + "/claude", tmp.path() + "/codex"};
  SessionCapturer capturer(roots);
  CaptureRequest claude;
  claude.agent_id = "w1";
  claude.format = SessionFormat::claude;
  claude.cwd = tmp.path();
  claude.resumed_id = "0b5c1d6e-2f3a-4b4c-8d5e-6f7a8b9c0d1e";
  CHECK(capturer.capture(claude).reason == "transcript_missing");
  write_text_file(claude_transcript_candidates(roots.claude_config_dir, claude.cwd, claude.resumed_id)[0],
        R"({"type":"user","message":{"role":"user","content":"hi"},"cwd":")" + claude.cwd + "\"}\n");
  auto got = capturer.capture(claude);
  CHECK(got.captured);
  CHECK(got.session_id == claude.resumed_id);
  CHECK(got.via == "resumed");

  // A Codex session is found by the id in its rollout's first line.
  CaptureRequest codex;
  codex.agent_id = "w2";
  codex.format = SessionFormat::codex;
  codex.cwd = tmp.path();
  codex.resumed_id = "old";
  CHECK(capturer.capture(codex).reason == "rollout_missing");
  const std::string old_day = roots.codex_home + "/sessions/2025/01/02";
  write_text_file(old_day + "/rollout-2025-01-02T08-00-00-old.jsonl",
        rollout_line("old", tmp.path(), "2025-01-02T08:00:00Z"));
  // A file named for the session whose first line names another is not it.
  write_text_file(old_day + "/rollout-2025-01-02T09-00-00-other.jsonl",
        rollout_line("old2", tmp.path(), "2025-01-02T09:00:00Z"));
  auto found = capturer.capture(codex);
  REQUIRE(found.captured);
  CHECK(found.session_id == "old");
  CHECK(found.via == "resumed");
  CHECK(found.path == old_day + "/rollout-2025-01-02T08-00-00-old.jsonl");
  codex.resumed_id = "other";
  CHECK(capturer.capture(codex).reason == "rollout_missing");

  CaptureRequest elsewhere = codex;
  elsewhere.resumed_id = "old";
  elsewhere.cwd = tmp.path() + "/claude";
  CHECK(capturer.capture(elsewhere).reason == "cwd_mismatch");
}
