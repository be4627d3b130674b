#include "terminal/message_text.h"

#include <doctest/doctest.h>

using namespace ta::terminal;

TEST_CASE("a message renders with its header, content and token") {
  CHECK(render_message("leader", "", "hello", "msg_0123456789ab") ==
        "Team Agent message from leader:\n\nhello\n\n[team-agent-token:msg_0123456789ab]");
  CHECK(render_message("backend", "T-7", "x", "msg_0123456789ab") ==
        "Team Agent message from backend for T-7:\n\nx\n\n[team-agent-token:msg_0123456789ab]");
}

TEST_CASE("the bracketed-paste end marker and escape sequences become visible text") {
  auto out = neutralise("a\x1b[201~b\x1b]0;title\x07" "c");
  CHECK(out == "a\u241b[201~b\u241b]0;title\u2407c");
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find('\x07') == std::string::npos);
}

TEST_CASE("8-bit controls, NUL and DEL are replaced; text, tabs and newlines are kept") {
  CHECK(neutralise(std::string("x\xc2\x9b" "31my", 7)) == "x\ufffd31my");
  CHECK(neutralise(std::string("a\0b", 3)) == "a\u2400b");
  CHECK(neutralise("del\x7f") == "del\u2421");
  CHECK(neutralise("tab\there\nnext ünïcödé ✓") == "tab\there\nnext ünïcödé ✓");
  CHECK(neutralise("© é") == "© é");  // U+00A9 and U+00E9 are printable, not C1
}

TEST_CASE("carriage returns become newlines, so a paste cannot submit early") {
  CHECK(neutralise("one\r\ntwo\rthree") == "one\ntwo\nthree");
}

TEST_CASE("a sender or task id cannot smuggle controls into the header") {
  auto out = render_message("a\x1b[2J", "t\r", "c", "msg_0123456789ab");
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find('\r') == std::string::npos);
}
