#include "ops/inspect_screen.h"

#include <doctest/doctest.h>

using namespace ta;

TEST_CASE("a capture is read with the named provider's profile, or with every real CLI's patterns") {
  ops::InspectRequest request;
  request.capture = "$ ls\nREADME.md\n";
  auto any = ops::inspect_screen(request);
  REQUIRE(any);
  CHECK_FALSE(any->api_error);
  CHECK_FALSE(any->placeholder);

  request.provider = "claude";
  auto claude = ops::inspect_screen(request);
  REQUIRE(claude);
  CHECK(claude->provider == "claude");
}

TEST_CASE("an unknown provider is an error, not a guess") {
  ops::InspectRequest request;
  request.capture = "anything\n";
  request.provider = "no-such-cli";
  auto r = ops::inspect_screen(request);
  REQUIRE_FALSE(r);
  CHECK(r.error().message.find("no-such-cli") != std::string::npos);
}
