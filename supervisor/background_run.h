#pragma once
// `team-agent run` started in the background, as `restart` and the quick
// start (`team-agent claude`) do: this very binary in a session of its own
// (no terminal, stdin /dev/null), its output appended to a log file under
// .team/logs/; and the event log watched until the new run has got far
// enough, it exited, or a deadline passed.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/paths.h"
#include "events/event.h"
#include "util/result.h"

namespace ta::supervisor {

// Starts `team-agent --workspace WS run RUN_ARGS…` detached, its stdout and
// stderr appended to `log_path` (made private, as .team/logs/ is).
Result<pid_t> start_background_run(const config::Paths& paths,
                                   const std::vector<std::string>& run_args,
                                   const std::string& log_path);

// The last lines of `path` (at most ~600 bytes), for an error sentence.
std::string log_tail(const std::string& path);

// What one awaited event means: read on, or stop (successfully, or with an error).
enum class Awaited { more, done };
using EventStep = std::function<Result<Awaited>(const events::Event&)>;

struct AwaitRun {
  std::uint64_t after = 0;  // events with a greater seq are read
  pid_t pid = 0;            // the background run; its exit ends the wait (0: none)
  std::string log_path;     // its output, quoted when it exits
  std::string who;          // "the restarted supervisor", for the sentences
  // Nothing: wait as long as it takes.
  std::optional<std::chrono::seconds> timeout;
  std::string waiting_for;  // "its leader's pane", for the timeout's sentence
};

// Reads the log from `after` and hands each event to `step` until it says
// done (or fails); an Error (exit 1) when the run exits first or the
// deadline passes before.
Status await_run(const config::Paths& paths, const AwaitRun& what, const EventStep& step);

}  // namespace ta::supervisor
