#include "fake_agent/session_layout.h"
#include "sessions/claude_transcript.h"

#include <doctest/doctest.h>

#include <regex>

#include "util/fs.h"

using namespace ta;
using namespace ta::fake;

namespace {

std::string lines_of(const std::vector<nlohmann::ordered_json>& records) {
  std::string out;
  for (const auto& r : records) out += r.dump() + "\n";
  return out;
}

}  // namespace

TEST_CASE("new_uuid4: a random version 4 uuid, valid as a session id") {
  std::string a = new_uuid4(), b = new_uuid4();
  static const std::regex v4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  CHECK(std::regex_match(a, v4));
  CHECK(a != b);
  CHECK(ta::sessions::is_session_id(a));
  CHECK_FALSE(ta::sessions::is_session_id(""));
  CHECK_FALSE(ta::sessions::is_session_id("../etc/passwd"));
  CHECK_FALSE(ta::sessions::is_session_id("abc/def"));
}

TEST_CASE("session file paths: Claude's transcript and Codex's dated rollout") {
  CHECK(claude_transcript_path("/c", "/tmp/w_1", "11-22") == "/c/projects/-tmp-w-1/11-22.jsonl");
  std::string p = codex_rollout_path("/h", *parse_rfc3339("2026-12-03T12:57:20Z"), "ab-cd");
  std::smatch m;
  static const std::regex shape(
      "/h/sessions/(\\d{4})/(\\d{2})/(\\d{2})/"
      "rollout-(\\d{4})-(\\d{2})-(\\d{2})T\\d{2}-\\d{2}-\\d{2}-ab-cd\\.jsonl");
  REQUIRE(std::regex_match(p, m, shape));
  // The day directory is the day of the name (both in local time).
  CHECK(m[1] == m[4]);
  CHECK(m[2] == m[5]);
  CHECK(m[3] == m[6]);
}

TEST_CASE("claude records: bookkeeping first, user text as a string, end_turn answers") {
  SessionRecords r{Mode::claude, "sid", "/w"};
  auto open = r.opening(1, 2);
  REQUIRE(open.size() == 2);
  CHECK(open[0]["type"] == "mode");
  CHECK(open[1]["type"] == "permission-mode");
  CHECK_FALSE(open[0].contains("cwd"));  // as the real ones: no cwd before the first message
  auto user = r.user("hello", "u1", "", 3);
  REQUIRE(user.size() == 1);
  CHECK(user[0]["type"] == "user");
  CHECK(user[0]["message"]["content"] == "hello");
  CHECK(user[0]["cwd"] == "/w");
  CHECK(user[0]["sessionId"] == "sid");
  CHECK(user[0]["parentUuid"].is_null());
  auto end = r.turn_end("done", "a1", "u1", 4);
  CHECK(end["type"] == "assistant");
  CHECK(end["message"]["stop_reason"] == "end_turn");
  CHECK(end["message"]["content"][0]["text"] == "done");
  CHECK(end["parentUuid"] == "u1");
}

TEST_CASE("codex records: session_meta names the start, each turn is started and completed") {
  SessionRecords r{Mode::codex, "sid", "/w"};
  auto start = *parse_rfc3339("2026-12-03T12:00:00Z");
  auto open = r.opening(start, start + 5000000);
  REQUIRE(open.size() == 1);
  CHECK(open[0]["type"] == "session_meta");
  CHECK(open[0]["payload"]["id"] == "sid");
  CHECK(open[0]["payload"]["originator"] == "codex-tui");
  CHECK(parse_rfc3339(open[0]["payload"]["timestamp"].get<std::string>()) == start);
  auto user = r.user("hi", "t1", "", start);
  REQUIRE(user.size() == 2);
  CHECK(user[0]["payload"]["type"] == "task_started");
  CHECK(user[0]["payload"]["turn_id"] == "t1");
  CHECK(user[1]["payload"]["content"][0]["text"] == "hi");
  auto end = r.turn_end("ok", "t1", "", start);
  CHECK(end["payload"]["type"] == "task_complete");
  CHECK(end["payload"]["turn_id"] == "t1");
}

TEST_CASE("earlier_user_texts: what was written comes back, oldest first") {
  for (Mode mode : {Mode::claude, Mode::codex}) {
    SessionRecords r{mode, "sid", "/w"};
    std::string file = lines_of(r.opening(1, 1)) + lines_of(r.user("first", "a", "", 2)) +
                       r.turn_end("x", "a", "a", 3).dump() + "\n" + "{torn\n" +
                       lines_of(r.user("second\nline", "b", "a", 4));
    CHECK(earlier_user_texts(mode, file) == std::vector<std::string>{"first", "second\nline"});
  }
}

TEST_CASE("earlier_user_texts: the pinned CLIs' own files") {
  const std::string dir = std::string(TEAM_AGENT_SOURCE_DIR) + "/tests/fixtures/sessions/";
  auto claude = read_file(dir + "claude-2.1.332-transcript.jsonl");
  auto codex = read_file(dir + "codex-0.171.0-rollout.jsonl");
  REQUIRE(claude.ok());
  REQUIRE(codex.ok());
  CHECK(earlier_user_texts(Mode::claude, *claude) ==
        std::vector<std::string>{"hello from the session test"});
  // Codex's <environment_context> message is its own, not a person's.
  CHECK(earlier_user_texts(Mode::codex, *codex) ==
        std::vector<std::string>{"hello from the codex session test"});
}

TEST_CASE("turn-state records: the shapes Claude Code 2.1.332 and Codex 0.171.0 write") {
  ToolCall call{"toolu_1", "git status", "Show the working tree status"};
  SUBCASE("claude") {
    SessionRecords r{Mode::claude, "sid", "/w"};
    auto use = r.tool_call(call, "a1", "u1", 1);
    CHECK(use["type"] == "assistant");
    CHECK(use["message"]["stop_reason"] == "tool_use");
    CHECK(use["message"]["content"][0]["type"] == "tool_use");
    CHECK(use["message"]["content"][0]["id"] == "toolu_1");
    CHECK(use["message"]["content"][0]["input"]["command"] == "git status");
    auto result = r.tool_result(call, "clean", "u2", "a1", 2);
    CHECK(result["type"] == "user");
    CHECK(result["parentUuid"] == "a1");
    CHECK(result["message"]["content"][0]["tool_use_id"] == "toolu_1");
    CHECK(result["message"]["content"][0]["is_error"] == false);
    // As seen from the real CLI when a person declines or interrupts the call.
    auto rejected = r.tool_rejected(call, "u3", "a1", 3);
    CHECK(rejected["type"] == "user");
    CHECK(rejected["message"]["content"][0]["tool_use_id"] == "toolu_1");
    CHECK(rejected["message"]["content"][0]["is_error"] == true);
    CHECK(rejected["toolUseResult"] == "User rejected tool use");
    CHECK(rejected["toolDenialKind"] == "user-rejected");
    CHECK(r.interrupted(false, "u3", "a1", 3)["message"]["content"][0]["text"] ==
          "[Request interrupted by user]");
    CHECK(r.interrupted(true, "u3", "a1", 3)["message"]["content"][0]["text"] ==
          "[Request interrupted by user for tool use]");
    // As seen from the real CLI answering a 529: one synthetic assistant record.
    auto error = r.api_error(api_failure(ApiErrorKind::overloaded, "API Error: Overloaded"), "e1",
                             "u1", 4);
    REQUIRE(error.size() == 1);
    CHECK(error[0]["type"] == "assistant");
    CHECK(error[0]["isApiErrorMessage"] == true);
    CHECK(error[0]["apiErrorStatus"] == 529);
    CHECK(error[0]["error"] == "server_error");
    CHECK(error[0]["message"]["model"] == "<synthetic>");
    CHECK(error[0]["message"]["stop_reason"] == "stop_sequence");
    CHECK(error[0]["message"]["content"][0]["text"] == "API Error: Overloaded");
    auto no_answer = r.api_error(api_failure(ApiErrorKind::network, "x"), "e2", "u1", 5);
    CHECK_FALSE(no_answer[0].contains("apiErrorStatus"));  // no HTTP answer, no status
  }
  SUBCASE("codex") {
    SessionRecords r{Mode::codex, "sid", "/w"};
    call.id = "call_1";
    auto fn = r.tool_call(call, "t1", "", 1);
    CHECK(fn["type"] == "response_item");
    CHECK(fn["payload"]["type"] == "function_call");
    CHECK(fn["payload"]["call_id"] == "call_1");
    auto ask = r.approval_request(call, "t1", 2);
    CHECK(ask["type"] == "event_msg");
    CHECK(ask["payload"]["type"] == "exec_approval_request");
    CHECK(ask["payload"]["turn_id"] == "t1");
    CHECK(ask["payload"]["call_id"] == "call_1");
    CHECK(ask["payload"]["command"].back() == "git status");
    CHECK(r.tool_result(call, "clean", "t1", "", 3)["payload"]["type"] == "function_call_output");
    auto rejected = r.tool_rejected(call, "t1", "", 4);
    CHECK(rejected["payload"]["type"] == "function_call_output");
    CHECK(rejected["payload"]["output"] == "aborted by user");
    auto aborted = r.interrupted(true, "t1", "", 4);
    CHECK(aborted["payload"]["type"] == "turn_aborted");
    CHECK(aborted["payload"]["turn_id"] == "t1");
    CHECK(aborted["payload"]["reason"] == "interrupted");
    auto failed = r.api_error(api_failure(ApiErrorKind::rate_limit, "429"), "t1", "", 5);
    // As seen from the real CLI answering a 400: only the turn's end carries
    // the error (no separate error event).
    REQUIRE(failed.size() == 1);
    CHECK(failed[0]["payload"]["type"] == "task_complete");
    CHECK(failed[0]["payload"]["turn_id"] == "t1");
    CHECK(failed[0]["payload"]["last_agent_message"].is_null());
    CHECK(failed[0]["payload"]["error"]["message"] == "429");
  }
}
