#include "util/regex.h"

#include <doctest/doctest.h>

using ta::Regex;

TEST_CASE("regexes are UTF-8 aware, case folding is opt-in, bad input is survivable") {
  auto r = Regex::compile("^[›❯]\\s");
  REQUIRE(r.ok());
  CHECK(r->search("› hello"));
  CHECK(r->search("❯ hello"));
  CHECK_FALSE(r->search("> hello"));
  auto ci = Regex::compile("pasted text", true);
  REQUIRE(ci.ok());
  CHECK(ci->search("[Pasted Text #1]"));
  CHECK(ci->count("pasted text, Pasted Text") == 2);
  CHECK_FALSE(r->search(std::string("\xff\xfe")));
  auto bad = Regex::compile("(oops");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.rfind("invalid regular expression at offset 5", 0) == 0);
  auto m = Regex::compile("b+")->find("aabbbc");
  REQUIRE(m);
  CHECK(m->begin == 2);
  CHECK(m->text == "bbb");
}

TEST_CASE("capture groups come back in order, an unset one empty") {
  auto re = Regex::compile("^(\\w+) — (.+?)(?: (x))? \\(MCP\\)$");
  REQUIRE(re);
  auto m = re->find("team_agent — Send Message (MCP)");
  REQUIRE(m);
  REQUIRE(m->groups.size() == 3);
  CHECK(m->groups[0] == "team_agent");
  CHECK(m->groups[1] == "Send Message");
  CHECK(m->groups[2].empty());
  CHECK(Regex::compile("plain")->find("a plain text")->groups.empty());
}
