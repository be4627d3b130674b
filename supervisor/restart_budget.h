#pragma once
// How often a supervisor may start its team again by itself after losing
// its tmux server (runtime.restart "on-failure"): at most `max` times within
// a sliding `window`, so a server that keeps dying does not make the
// supervisor restart the team for ever.
#include <chrono>
#include <deque>

namespace ta::supervisor {

class RestartBudget {
 public:
  using Clock = std::chrono::steady_clock;
  RestartBudget(int max, std::chrono::seconds window) : max_(max), window_(window) {}

  // Takes one restart at `now`: false, taking nothing, when `max` were
  // taken within the window before it.
  bool take(Clock::time_point now);
  // Restarts taken within the window before `now`.
  int used(Clock::time_point now);
  int max() const { return max_; }
  std::chrono::seconds window() const { return window_; }

 private:
  void forget_before(Clock::time_point now);

  int max_;
  std::chrono::seconds window_;
  std::deque<Clock::time_point> taken_;
};

}  // namespace ta::supervisor
