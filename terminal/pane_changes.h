#pragma once
// Which panes have new output: the control client's reader thread bumps a
// pane's version on every %output, and a delivery waits for the version to
// move instead of polling the screen in a tight loop.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace ta::terminal {

class PaneChanges {
 public:
  using Clock = std::chrono::steady_clock;

  // Called from the control client's output callback; cheap and non-blocking.
  void notify(const std::string& pane_id);
  std::uint64_t version(const std::string& pane_id) const;
  // Waits until the pane's version is above `seen` or `deadline` passes;
  // returns the version then.
  std::uint64_t wait(const std::string& pane_id, std::uint64_t seen, Clock::time_point deadline) const;

 private:
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  std::map<std::string, std::uint64_t> versions_;
};

}  // namespace ta::terminal
