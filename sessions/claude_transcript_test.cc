#include "sessions/claude_transcript.h"

#include <sys/stat.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <fstream>

#include "tests/support/temp_dir.h"
#include "util/fs.h"
#include "tests/support/text_helpers.h"

using namespace ta::sessions;

namespace {

const std::string kTranscriptFixture =
    std::string(TEAM_AGENT_SOURCE_DIR) + "/tests/fixtures/sessions/claude-2.1.332-transcript.jsonl";

std::string fixture_text() {
  auto text = ta::read_file(kTranscriptFixture);
  REQUIRE(text.ok());
  return *text;
}

// The fixture with its recorded cwd replaced by `cwd`.
std::string with_cwd(std::string text, const std::string& cwd) {
  const std::string from = "/tmp/sess/c/work";
  for (std::size_t at; (at = text.find(from)) != std::string::npos;) text.replace(at, from.size(), cwd);
  return text;
}

using ta::test::write_text_file;

}  // namespace

TEST_CASE("claude names a project directory after the cwd, one dash per character") {
  CHECK(claude_project_name("/tmp/sess/c/work") == "-tmp-sess-c-work");
  CHECK(claude_project_name("/home/me/my_app.v2") == "-home-me-my-app.v2");
  CHECK(claude_project_name("/home/me/my_app.v2", true) == "-home-me-my_app.v2");
  // Two-byte and three-byte characters are one character; an astral one is
  // two UTF-16 units, as Claude counts.
  CHECK(claude_project_name("/a/é/知识") == "-a-----");
  CHECK(claude_project_name("/a/😀") == "-a---");
  auto c = claude_transcript_candidates("/cfg", "/w/my_app", "id");
  REQUIRE(c.size() == 2);
  CHECK(c[0] == "/cfg/projects/-w-my-app/id.jsonl");
  CHECK(c[1] == "/cfg/projects/-w-my_app/id.jsonl");
  CHECK(claude_transcript_candidates("/cfg", "/w/app", "id").size() == 1);
}

TEST_CASE("a real Claude 2.1.332 transcript of the same cwd verifies") {
  ta::test::TempDir tmp;
  std::string cwd = tmp.path() + "/work";
  REQUIRE(ta::make_dirs(cwd, 0700).ok());
  std::string id = "11111111-2222-4333-8444-555555555555";
  std::string path = tmp.path() + "/cfg/projects/" + claude_project_name(cwd) + "/" + id + ".jsonl";
  write_text_file(path, with_cwd(fixture_text(), cwd));
  auto check = find_claude_transcript(tmp.path() + "/cfg", cwd, id);
  CHECK(check.verdict == TranscriptVerdict::verified);
  CHECK(check.path == path);

  SUBCASE("a link to the cwd is the same cwd") {
    REQUIRE(::symlink(cwd.c_str(), (tmp.path() + "/link").c_str()) == 0);
    CHECK(find_claude_transcript(tmp.path() + "/cfg", tmp.path() + "/link", id).ok());
  }
  SUBCASE("a transcript of another directory does not") {
    write_text_file(path, with_cwd(fixture_text(), "/elsewhere"));
    auto other = check_claude_transcript(path, cwd);
    CHECK(other.verdict == TranscriptVerdict::cwd_mismatch);
    CHECK(other.detail == "/elsewhere");
  }
  SUBCASE("found under another project name by its id") {
    std::string moved = tmp.path() + "/cfg/projects/-renamed/" + id + ".jsonl";
    write_text_file(moved, with_cwd(fixture_text(), cwd));
    REQUIRE(::unlink(path.c_str()) == 0);
    CHECK(find_claude_transcript(tmp.path() + "/cfg", cwd, id).path == moved);
  }
  SUBCASE("an id that is not a uuid is never joined into a path") {
    CHECK(find_claude_transcript(tmp.path() + "/cfg", cwd, "../x").verdict ==
          TranscriptVerdict::missing);
  }
}

TEST_CASE("a transcript without a message a person typed is blank, not context") {
  ta::test::TempDir tmp;
  std::string path = tmp.path() + "/t.jsonl";
  const std::string head =
      R"({"type":"mode","mode":"normal","sessionId":"s"})" "\n"
      R"({"type":"permission-mode","permissionMode":"auto","sessionId":"s"})" "\n";
  auto user = [](const std::string& extra, const std::string& content) {
    return R"({"type":"user",)" + extra + R"("message":{"role":"user","content":)" + content +
           R"(},"cwd":"/w","sessionId":"s"})" "\n";
  };
  write_text_file(path, head);
  CHECK(check_claude_transcript(path, "/w").verdict == TranscriptVerdict::blank);
  write_text_file(path, head + user("", R"("   \n ")"));
  CHECK(check_claude_transcript(path, "/w").verdict == TranscriptVerdict::blank);
  write_text_file(path, head + user("", R"([{"type":"text","text":"[Request interrupted by user]"}])"));
  CHECK(check_claude_transcript(path, "/w").verdict == TranscriptVerdict::blank);
  write_text_file(path, head + user("", R"([{"type":"tool_result","tool_use_id":"t","content":"ok"}])"));
  CHECK(check_claude_transcript(path, "/w").verdict == TranscriptVerdict::blank);
  write_text_file(path, head + user(R"("isMeta":true,)", R"("<command-name>/clear</command-name>")"));
  CHECK(check_claude_transcript(path, "/w").verdict == TranscriptVerdict::blank);
  write_text_file(path, head + user("", R"([{"type":"text","text":"fix the build"}])"));
  CHECK(check_claude_transcript(path, "/w").verdict == TranscriptVerdict::verified);
  // A torn last line (no newline yet) and garbage lines are skipped.
  write_text_file(path, "not json\n" + head + user("", R"("fix it")") + R"({"type":"user","mess)");
  CHECK(check_claude_transcript(path, "/w").verdict == TranscriptVerdict::verified);
  write_text_file(path, "garbage\n\x01\x02\n");
  CHECK(check_claude_transcript(path, "/w").verdict == TranscriptVerdict::unreadable);
  CHECK(check_claude_transcript(tmp.path() + "/none.jsonl", "/w").verdict ==
        TranscriptVerdict::missing);
}

TEST_CASE("a FIFO or directory in place of a transcript is never read") {
  ta::test::TempDir tmp;
  std::string fifo = tmp.path() + "/f.jsonl";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(check_claude_transcript(fifo, "/w").verdict == TranscriptVerdict::unreadable);
  CHECK(check_claude_transcript(tmp.path(), "/w").verdict == TranscriptVerdict::unreadable);
}
