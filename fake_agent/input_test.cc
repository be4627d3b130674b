#include "fake_agent/input.h"

#include <doctest/doctest.h>

using namespace ta::fake;
using T = Key::Type;

namespace {

std::vector<Key> parse(InputParser& p, std::string_view bytes) {
  std::vector<Key> out;
  p.feed(bytes, out);
  return out;
}

}  // namespace

TEST_CASE("input: typed text, then control bytes as keys") {
  InputParser p;
  auto keys = parse(p, "hi\tyo\r\n\x7f\x08\x03\x04\x01");
  REQUIRE(keys.size() == 8);
  CHECK(keys[0].type == T::text);
  CHECK(keys[0].text == "hi\tyo");
  CHECK(keys[1].type == T::enter);
  CHECK(keys[2].type == T::ctrl_j);
  CHECK(keys[3].type == T::backspace);
  CHECK(keys[4].type == T::backspace);
  CHECK(keys[5].type == T::ctrl_c);
  CHECK(keys[6].type == T::ctrl_d);
  CHECK(keys[7].type == T::other);
  CHECK(keys[7].text == "\x01");
}

TEST_CASE("input: CSI and SS3 arrows; another CSI keeps its bytes") {
  InputParser p;
  auto keys = parse(p, "\x1b[A\x1b[B\x1bOC\x1bOD\x1b[5~");
  REQUIRE(keys.size() == 5);
  CHECK(keys[0].type == T::up);
  CHECK(keys[1].type == T::down);
  CHECK(keys[2].type == T::right);
  CHECK(keys[3].type == T::left);
  CHECK(keys[4].type == T::other);
  CHECK(keys[4].text == "\x1b[5~");
}

TEST_CASE("input: a paste split across reads, its end marker split too, is one key") {
  InputParser p;
  CHECK(parse(p, "a\x1b[200~line one\r").size() == 1);  // the typed "a"
  CHECK(p.in_paste());
  CHECK(parse(p, "line two\x1b[20").empty());
  auto keys = parse(p, "1~b");
  REQUIRE(keys.size() == 2);
  CHECK(keys[0].type == T::paste);
  CHECK(keys[0].text == "line one\nline two");
  CHECK(keys[1].type == T::text);
  CHECK(keys[1].text == "b");
  CHECK_FALSE(p.in_paste());
}

TEST_CASE("input: a lone ESC waits, then flushes as Esc followed by what came after it") {
  InputParser p;
  CHECK(parse(p, "x\x1b").size() == 1);
  CHECK(p.has_pending_escape());
  std::vector<Key> out;
  p.flush_pending(out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].type == T::esc);
  CHECK_FALSE(p.has_pending_escape());
  auto keys = parse(p, "\x1b[201~");
  REQUIRE(keys.size() == 1);
  CHECK(keys[0].type == T::stray_paste_end);
}
