#pragma once
// A running supervisor notices when its team's tmux server dies. The
// control connection tells it at once that it dropped (TmuxControl's state
// callback, on tmux's reader thread, which must not block); a thread of this
// watch then decides whether the server is really gone (it refuses
// connections, or the team's session is no longer on it) or whether only
// the control client hiccuped (it attaches again by itself). Only the first
// is reported, once: pane ids die with the server, so the run's panes are
// gone for good.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "terminal/tmux_control.h"

namespace ta::supervisor {

class TmuxLossWatch {
 public:
  using OnLost = std::function<void(const std::string& why)>;
  // Watches `control` (attached to the team's `session`; it must outlive
  // this watch) from now on. `on_lost(why)` is called at most once, on the
  // watch's own thread: post, never wait. `recheck` is how often a dropped
  // connection is looked at again until it is back or the server is found
  // gone.
  TmuxLossWatch(terminal::TmuxControl& control, std::string session, OnLost on_lost,
                std::chrono::milliseconds recheck = std::chrono::milliseconds(100));
  // Stops watching (before the control connection is closed on purpose).
  ~TmuxLossWatch();
  TmuxLossWatch(const TmuxLossWatch&) = delete;
  TmuxLossWatch& operator=(const TmuxLossWatch&) = delete;

 private:
  // What the state callback and the thread share; the callback outlives
  // this object (TmuxControl keeps its callbacks), so it holds this only.
  struct Shared {
    std::mutex mu;
    std::condition_variable cv;
    bool down = false;  // the connection dropped and nobody has looked yet
    std::string why;
    bool closing = false;
  };
  enum class Verdict { back, gone, closing };

  void run();
  Verdict judge();
  // Waits `d` unless closing; false when closing.
  bool pause(std::chrono::milliseconds d);

  terminal::TmuxControl& control_;
  std::string session_;
  OnLost on_lost_;
  std::chrono::milliseconds recheck_;
  std::shared_ptr<Shared> shared_;
  std::thread thread_;
};

}  // namespace ta::supervisor
