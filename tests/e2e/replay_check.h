#pragma once
// The check most end-to-end tests end with: the workspace's log replays
// clean (`team-agent replay --verify` exits 0).
#include <doctest/doctest.h>

#include "tests/e2e/run_fixture.h"

namespace ta::test {

inline void check_replay(const TeamWorkspace& ws) {
  auto verify = team_agent(ws.path(), {"replay", "--verify"});
  CHECK_MESSAGE(verify.exit_code == 0, (verify.out + verify.err));
}

}  // namespace ta::test
