#pragma once
// What a follower of the event log (`team-agent events --follow`) sleeps
// on: inotify on the events directory (a write to a segment, a new segment,
// a file renamed in), the caller's stop request (for the CLI, Ctrl-C via its
// self-pipe), and the reader of its output going away — all in one poll(),
// so an append by any process is seen within microseconds and no loop ever
// polls on a timer. The workspace and .team are watched too, so a
// log that does not exist yet, or is removed and made anew, is noticed.
#include <sys/types.h>

#include <functional>
#include <memory>
#include <string>

#include "config/paths.h"
#include "util/fs.h"
#include "util/result.h"

namespace ta::ops {

// What else ends a wait, besides the log.
struct WatchOptions {
  // True once the follower must stop; asked before and after every wait.
  std::function<bool()> stop_requested;
  // Readable when stop_requested() may have become true (a self-pipe); -1: none.
  int stop_fd = -1;
  // The follower's output: when it is a pipe or a socket whose reader goes
  // away, the wait ends with output_closed. -1: none.
  int output_fd = -1;
};

// What a command following the log on stdout waits on besides it: Ctrl-C
// (util/interrupts, which the caller installs) and stdout's reader going away.
WatchOptions stdout_follower_options();

class LogWatcher {
 public:
  enum class Wake {
    log_changed,    // the log may have grown (or just appeared): read on
    log_replaced,   // the events directory went away (and maybe came back): read from the start
    interrupted,    // stop_requested() said so
    output_closed,  // stdout is a pipe or socket whose reader has gone
    failed,         // see error()
  };

  // Arms the watches. Call before the first read so no append can slip between.
  static Result<std::unique_ptr<LogWatcher>> create(const config::Paths& paths,
                                                    WatchOptions options = {});

  // Blocks until one of the above happens.
  Wake wait();
  const std::string& error() const { return error_; }

 private:
  static constexpr int kLevels = 3;  // workspace, .team, .team/events
  static constexpr int kLog = kLevels - 1;

  LogWatcher() = default;
  // (Re)watches every level of the chain that exists, top down.
  Status arm();
  // Reads the queued inotify events; true (with `wake` set) when the caller must act.
  bool drain_inotify(Wake& wake);
  bool stop_requested() const;

  std::string chain_[kLevels];
  int wd_[kLevels] = {-1, -1, -1};
  // Identity of the watched events directory, to tell a new log from the old.
  dev_t log_dev_ = 0;
  ino_t log_ino_ = 0;
  UniqueFd inotify_;
  WatchOptions options_;
  int output_fd_ = -1;  // options_.output_fd when it can report its reader gone
  std::string error_;
};

}  // namespace ta::ops
