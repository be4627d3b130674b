#include "events/pane_text.h"

#include <doctest/doctest.h>

#include "events/log.h"
#include "events/reader.h"
#include "events/types.h"
#include "tests/support/temp_dir.h"

using namespace ta;
using namespace ta::events;

namespace {
const std::string kKey = "sk-ant-api03-Zx81kPq0LmN3vB7cT5rW";
}

TEST_CASE("pane text is known by the field's name") {
  for (const char* f : {"pane_capture_tail", "matched_pattern_snippet", "screen", "last_screen",
                        "evidence", "screen_excerpt", "prompt_path"})
    CHECK(is_pane_text_field(f));
  for (const char* f : {"content", "summary", "details", "message_id", "reason", "to"})
    CHECK_FALSE(is_pane_text_field(f));
}

TEST_CASE("only pane-text fields are redacted; a user's message content stays hers") {
  Json data{{"pane_capture_tail", "ANTHROPIC_API_KEY: " + kKey},
            {"evidence", {{"lines", {"key " + kKey}}}},
            {"content", "use " + kKey}};
  auto copy = redacted_pane_text(data);
  REQUIRE(copy);
  CHECK((*copy)["pane_capture_tail"] == "ANTHROPIC_API_KEY: [REDACTED:provider_key]");
  CHECK((*copy)["evidence"]["lines"][0] == "key [REDACTED:provider_key]");
  CHECK((*copy)["content"] == "use " + kKey);
  CHECK(data["pane_capture_tail"] == "ANTHROPIC_API_KEY: " + kKey);  // the copy, not the original
  CHECK_FALSE(redacted_pane_text(Json{{"pane_capture_tail", "idle"}}));
  CHECK_FALSE(redacted_pane_text(Json{{"content", kKey}}));
}

TEST_CASE("the event log redacts screen text whoever appends it") {
  test::TempDir dir;
  auto log = EventLog::open(dir.path(), {"t1"});
  REQUIRE(log);
  SendFailed f;
  f.message_id = "msg_0123456789ab";
  f.reason = "non_input_screen";
  f.pane_capture_tail = "│" + kKey + "│";
  MessageAccepted m;
  m.message_id = "msg_00000000000b";
  m.content = "the key is " + kKey;
  REQUIRE((*log)->append({to_draft(f), to_draft(m)}));
  std::string stored;
  LogReader reader(dir.path());
  Event e;
  while (reader.next(e) == LogReader::Next::event) stored += reader.raw_line() + "\n";
  CHECK(stored.find("│[REDACTED:provider_key]│") != std::string::npos);
  CHECK(stored.find("\"the key is " + kKey + "\"") != std::string::npos);  // message content as sent
  CHECK(stored.find("msg_0123456789ab") != std::string::npos);
}
