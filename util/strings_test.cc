#include "util/strings.h"

#include <doctest/doctest.h>

using namespace ta;

TEST_CASE("join: items in order, the separator only between two") {
  CHECK(join({}) == "");
  CHECK(join({"codex"}) == "codex");
  CHECK(join({"codex", "claude", "plain"}) == "codex, claude, plain");
  CHECK(join({"a", "b"}, "|") == "a|b");
}
