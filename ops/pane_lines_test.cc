#include "ops/pane_lines.h"

#include <doctest/doctest.h>

using namespace ta::ops;
using Lines = std::vector<std::string>;

TEST_CASE("last_lines drops the blank rows below the text and keeps the last n") {
  const std::string capture = "banner\n$ make\nbuilding   \nok\n\n\n   \n";
  CHECK(last_lines(capture, 40) == Lines{"banner", "$ make", "building", "ok"});
  CHECK(last_lines(capture, 2) == Lines{"building", "ok"});
  CHECK(last_lines("", 5).empty());
  CHECK(last_lines("\n\n", 5).empty());
}

TEST_CASE("last_lines redacts a secret the pane shows") {
  const std::string key = "sk-proj-Fk3Qz9Lm2Rt7Wx4Vb8Nc1Hj6Ps5Dg0YaEu2Ki7Ol4Mn9Bv3Cx8Za1Sd6Fg5";
  auto lines = last_lines("export OPENAI_API_KEY=" + key + "\n$\n", 10);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].find("Fk3Qz9Lm2Rt7") == std::string::npos);
  CHECK(lines[0].find("export") == 0);
}

TEST_CASE("new_lines: appended lines, and the lines past a scroll") {
  CHECK(new_lines({"a", "b"}, {"a", "b", "c", "d"}) == Lines{"c", "d"});
  CHECK(new_lines({"a", "b", "c"}, {"b", "c", "d"}) == Lines{"d"});
  CHECK(new_lines({"a", "b", "c"}, {"c", "d", "e"}) == Lines{"d", "e"});
  CHECK(new_lines({"a", "b"}, {"a", "b"}).empty());
  CHECK(new_lines({}, {"x", "y"}) == Lines{"x", "y"});
}

TEST_CASE("new_lines: text inserted above a footer that stays") {
  Lines before = {"banner", "> fix the build", "", "footer: model x"};
  Lines after = {"banner", "> fix the build", "working on it", "done", "", "footer: model x"};
  CHECK(new_lines(before, after) == Lines{"working on it", "done"});
}

TEST_CASE("new_lines: a screen redrawn in place gives the rows that changed") {
  // A full-screen CLI: the spinner row changes, the input box stays.
  Lines before = {"banner", "* Working (1s)", "> "};
  Lines after = {"banner", "* Working (2s)", "> "};
  CHECK(new_lines(before, after) == Lines{"* Working (2s)"});
  // The last line was completed where it stood (a prompt got its command).
  CHECK(new_lines({"$ ls", "$"}, {"$ ls", "$ make"}) == Lines{"$ make"});
  // Cleared: only what is not blank.
  CHECK(new_lines({"a", "b"}, {"", "c"}) == Lines{"c"});
}
