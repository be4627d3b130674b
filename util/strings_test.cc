#include "util/strings.h"

#include <doctest/doctest.h>

using namespace ta;

TEST_CASE("join: items in order, the separator only between two") {
  CHECK(join({}) == "");
  CHECK(join({"codex"}) == "codex");
  CHECK(join({"codex", "claude", "plain"}) == "codex, claude, plain");
  CHECK(join({"a", "b"}, "|") == "a|b");
}

TEST_CASE("split_fields: at most N fields, the last keeps the rest") {
  using V = std::vector<std::string>;
  CHECK(split_fields("a\tb\tc", '\t', 3) == V{"a", "b", "c"});
  CHECK(split_fields("a\tb\tc\td", '\t', 3) == V{"a", "b", "c\td"});
  CHECK(split_fields("a\t\tc", '\t', 5) == V{"a", "", "c"});
  CHECK(split_fields("", '\t', 2) == V{""});
  CHECK(split_fields("a", '\t', 0).empty());
}
