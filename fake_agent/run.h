#pragma once
// `team-agent fake-agent` once its command line is read.
#include "fake_agent/resolve.h"

namespace ta::fake {

// Resolves `flags` against this process's environment and working
// directory, opens the transcript, leaves a daemon behind when asked, and
// runs the agent in the current terminal until it exits. Returns the exit
// code (a usage error: kFakeExitUsage, printed to stderr first).
int run_fake_agent(const Flags& flags);

}  // namespace ta::fake
