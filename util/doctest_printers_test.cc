// The printers every test gets (tests/support/doctest_printers.h): what a
// failed check shows for the project's values instead of "{?}".
#include <doctest/doctest.h>

#include "util/result.h"

TEST_CASE("failed checks show optionals, containers and results") {
  using doctest::toString;
  CHECK(toString(std::optional<int>{3}) == "optional(3)");
  CHECK(toString(std::optional<int>{}) == "nullopt");
  CHECK(toString(std::vector<int>{1, 2}) == "[1, 2]");
  CHECK(toString(std::map<std::string, int>{{"a", 1}}) == "{(a, 1)}");
  CHECK(toString(ta::Result<int>(7)) == "ok(7)");
  CHECK(toString(ta::Status(ta::make_error("no team here", 3))) == "error(no team here, exit 3)");
}
