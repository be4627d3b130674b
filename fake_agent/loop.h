#pragma once
// Runs the fake agent in the current terminal until it exits; returns its
// exit code (0 normal, --exit-code when dying on purpose, 128+N on signal N).
#include "fake_agent/options.h"
#include "fake_agent/session.h"
#include "fake_agent/transcript.h"

namespace ta::fake {

int run_event_loop(const Options& opts, Transcript& transcript, SessionFile& session);

}  // namespace ta::fake
