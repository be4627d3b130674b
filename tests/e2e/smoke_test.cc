#include <doctest/doctest.h>

#include "tests/e2e/support.h"

using namespace ta::test;

TEST_CASE("team-agent rejects unknown flags with exit 2 and one sentence") {
  TempDir ws;
  auto r = team_agent(ws.path(), {"status", "--no-such-flag"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--no-such-flag") != std::string::npos);
  CHECK(split_lines(r.err).size() == 1);
}
