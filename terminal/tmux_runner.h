#pragma once
// Something that runs tmux commands on one server: the control-mode
// connection (TmuxControl) or one subprocess per call (TmuxServer). The typed
// operations in tmux_ops.h work over either, which is how the benchmark
// compares the two on exactly the same commands.
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace ta::terminal {

class TmuxRunner {
 public:
  virtual ~TmuxRunner() = default;
  // Runs one tmux command given as separate words (never through a shell);
  // returns the lines it printed, or the error tmux reported.
  virtual Result<std::vector<std::string>> run(const std::vector<std::string>& words) = 0;
  // Sets paste buffer `name` to exactly `data` (any bytes, up to a few MiB).
  virtual Status load_buffer(const std::string& name, std::string_view data) = 0;
};

// What every load_buffer answers to empty data, before asking tmux anything.
inline Status refuse_empty_buffer(std::string_view data) {
  if (data.empty())
    return make_error("refusing to load an empty paste buffer: there is nothing to paste");
  return ok_status();
}

}  // namespace ta::terminal
