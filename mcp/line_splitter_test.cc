#include "mcp/line_splitter.h"

#include <doctest/doctest.h>

using namespace ta::mcp;

TEST_CASE("lines are cut at newlines, across reads") {
  LineSplitter s(100);
  auto a = s.feed("ab");
  CHECK(a.empty());
  auto b = s.feed("c\nde\n\nf");
  REQUIRE(b.size() == 3);
  CHECK(b[0].text == "abc");
  CHECK(b[1].text == "de");
  CHECK(b[2].text == "");
  auto end = s.finish();
  REQUIRE(end.size() == 1);
  CHECK(end[0].text == "f");
  CHECK(s.finish().empty());
}

TEST_CASE("a line over the limit is dropped as it streams and told with its size") {
  LineSplitter s(10);
  CHECK(s.feed("0123456789").empty());  // exactly the limit: kept
  CHECK(s.feed("abc").empty());         // over: dropping begins
  CHECK(s.feed(std::string(1000, 'x')).empty());
  auto r = s.feed("yz\nok\n");
  REQUIRE(r.size() == 2);
  CHECK(r[0].oversized == 1015);
  CHECK(r[0].text.empty());
  CHECK(r[1].oversized == 0);
  CHECK(r[1].text == "ok");
  auto l = s.feed("0123456789\n");
  REQUIRE(l.size() == 1);
  CHECK(l[0].text == "0123456789");
}
