#include "terminal/screen.h"

#include <doctest/doctest.h>

#include "terminal/text.h"

using namespace ta::terminal;

TEST_CASE("escape sequences and control characters are removed") {
  CHECK(strip_terminal_sequences("\x1b[1mbold\x1b[0m") == "bold");
  CHECK(strip_terminal_sequences("\x1b]0;title\x07text") == "text");
  CHECK(strip_terminal_sequences("\x1b]8;;https://x\x1b\\link\x1b]8;;\x1b\\") == "link");
  CHECK(strip_terminal_sequences("\x1bP1$r0m\x1b\\after") == "after");
  CHECK(strip_terminal_sequences("a\x1b(Bb\x1b"
                                 "7c") == "abc");
  CHECK(strip_terminal_sequences("crlf\r\nnext\ttab\x07") == "crlf\nnext\ttab");
  CHECK(strip_terminal_sequences("cut at the end \x1b[3") == "cut at the end ");
}

TEST_CASE("normalising keeps the last 15 non-blank lines without trailing blanks") {
  std::string capture;
  for (int i = 1; i <= 20; ++i) capture += "line " + std::to_string(i) + "   \n\n";
  capture += "❯\u00a0\n   \n\t\n";
  auto s = normalise_capture(capture);
  REQUIRE(s.lines.size() == kScreenLines);
  CHECK(s.lines.front() == "line 7");
  CHECK(s.lines[13] == "line 20");
  CHECK(s.lines.back() == "❯");
  CHECK(normalise_capture("").empty());
  CHECK(normalise_capture("\n  \n\x1b[0m\n").empty());
  CHECK(normalise_capture("a\nb", 1).text() == "b");
}

TEST_CASE("text is measured in characters and columns") {
  CHECK(char_count("›❯ab") == 4);
  CHECK(display_width("ab") == 2);
  CHECK(display_width("总体") == 4);
  CHECK(display_width("e\u0301") == 1);
  CHECK(head_chars("总体判断", 2) == "总体");
  CHECK(tail_chars("总体判断", 3) == "体判断");
  CHECK(mid_chars("abcdef", 2, 2) == "cd");
  CHECK(remove_whitespace(" a\u00a0b\u3000c\n") == "abc");
  CHECK(trim_right_blanks("x \u00a0\t") == "x");
  CHECK(trim_blanks("  x y  ") == "x y");
  CHECK(cjk_ideograph_count("投A：时间感太泛") == 6);
  // A truncated multi-byte character counts as one and never crashes.
  CHECK(char_count(std::string("a\xe2\x80")) == 3);
}

