#include "util/hash.h"

#include <doctest/doctest.h>

using namespace ta;

TEST_CASE("fnv1a: the empty text is the basis; bytes fold in xor-then-multiply") {
  CHECK(fnv1a("") == kFnv1aBasis);
  // Worked by hand from the basis and prime (values derived before this
  // helper existed must not change).
  CHECK(fnv1a("a") == 0x44bd8ad473cd9906ull);
  CHECK(fnv1a("team") == 0x978704681a60a24aull);
}

TEST_CASE("fnv1a: hashing piece by piece equals hashing the whole") {
  CHECK(fnv1a("am", fnv1a("te")) == fnv1a("team"));
  CHECK(fnv1a("b") != fnv1a("a"));
}

TEST_CASE("fnv1a: bytes above 0x7f count as unsigned") {
  std::uint64_t by_hand = (kFnv1aBasis ^ 0xffu) * kFnv1aPrime;
  CHECK(fnv1a(std::string_view("\xff", 1)) == by_hand);
}

TEST_CASE("hex16: sixteen lowercase digits, most significant first, zero padded") {
  CHECK(hex16(0) == "0000000000000000");
  CHECK(hex16(0xabcull) == "0000000000000abc");
  CHECK(hex16(0x44bd8ad473cd9906ull) == "44bd8ad473cd9906");
}
