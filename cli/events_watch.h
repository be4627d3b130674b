#pragma once
// What `team-agent events --follow` sleeps on: inotify on the events
// directory (a write to a segment, a new segment, a file renamed in), Ctrl-C
// via the self-pipe, and the reader of a pipe going away — all in one
// poll(), so an append by any process is seen within microseconds and no
// loop ever polls on a timer. The workspace and .team are watched too, so a
// log that does not exist yet, or is removed and made anew, is noticed.
#include <sys/types.h>

#include <memory>
#include <string>

#include "config/paths.h"
#include "util/fs.h"
#include "util/result.h"

namespace ta::cli {

class LogWatcher {
 public:
  enum class Wake {
    log_changed,    // the log may have grown (or just appeared): read on
    log_replaced,   // the events directory went away (and maybe came back): read from the start
    interrupted,    // SIGINT or SIGTERM
    output_closed,  // stdout is a pipe or socket whose reader has gone
    failed,         // see error()
  };

  // Arms the watches. Call before the first read so no append can slip between.
  static Result<std::unique_ptr<LogWatcher>> create(const config::Paths& paths);

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

  std::string chain_[kLevels];
  int wd_[kLevels] = {-1, -1, -1};
  // Identity of the watched events directory, to tell a new log from the old.
  dev_t log_dev_ = 0;
  ino_t log_ino_ = 0;
  UniqueFd inotify_;
  bool watch_stdout_ = false;
  std::string error_;
};

}  // namespace ta::cli
