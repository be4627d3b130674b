#pragma once
// Asking the running supervisor to stop through the event log, as
// `team-agent shutdown` does: supervisor.shutdown_requested is appended, the
// supervisor sees it on its event bus and stops through its normal path
// (supervisor.stopping, then supervisor.stopped {reason: shutdown, exit 0}).
// A supervisor honours only requests appended after its own
// supervisor.started, so when that start shows up after the request (the
// supervisor was still starting), the request is made again.
#include <chrono>
#include <string>

#include "config/paths.h"
#include "util/result.h"

namespace ta::ops {

struct StopAsk {
  std::string run_id;  // the running supervisor's, from its record
  bool kill_panes = false;
  // How long the supervisor may take to begin stopping before the caller
  // falls back to a signal (an older binary, a wedged actor).
  std::chrono::milliseconds grace{5000};
};

enum class StopAnswer {
  begun,      // it recorded that it is stopping (or stopped) after the request
  gone,       // the lock was released: it has stopped
  no_answer,  // neither within the grace
};

// An error when the request could not be appended (no team spec, a log
// that cannot be written): the caller then falls back to a signal too.
Result<StopAnswer> ask_supervisor_to_stop(const config::Paths& paths, const StopAsk& ask);

}  // namespace ta::ops
