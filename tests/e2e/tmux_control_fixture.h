#pragma once
// A real private tmux server per test: its socket name comes from the test's
// temporary directory (unique), it is killed when the test ends, pass or
// fail, and a control-mode connection to its session counts %output signals
// per pane so tests wait on tmux's own notifications instead of sleeping.
#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "terminal/tmux_control.h"
#include "terminal/tmux_ops.h"
#include "terminal/tmux_server.h"
#include "tests/support/temp_dir.h"

// Nested so that these inline helpers never meet another test's of the same name.
namespace ta::test::tmux_control {

using namespace std::chrono_literals;

// Kills the server it was given when it goes out of scope.
class TmuxServerKiller {
 public:
  explicit TmuxServerKiller(const terminal::TmuxServer* server) : server_(server) {}
  ~TmuxServerKiller() {
    if (server_) (void)server_->kill();
  }
  TmuxServerKiller(const TmuxServerKiller&) = delete;
  TmuxServerKiller& operator=(const TmuxServerKiller&) = delete;

 private:
  const terminal::TmuxServer* server_;
};

// %output signals, counted per pane.
class OutputSignals {
 public:
  void note(const std::string& pane) {
    {
      std::lock_guard<std::mutex> g(mu_);
      ++per_pane_[pane];
      ++total_;
    }
    cv_.notify_all();
  }
  int count(const std::string& pane) {
    std::lock_guard<std::mutex> g(mu_);
    auto it = per_pane_.find(pane);
    return it == per_pane_.end() ? 0 : it->second;
  }
  // Checks `ready` now and again after every output signal, until it holds
  // or `timeout` passes.
  bool wait_until(const std::function<bool()>& ready, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      std::uint64_t seen;
      {
        std::lock_guard<std::mutex> g(mu_);
        seen = total_;
      }
      if (ready()) return true;
      std::unique_lock<std::mutex> lk(mu_);
      if (!cv_.wait_until(lk, deadline, [&] { return total_ != seen; })) {
        lk.unlock();
        return ready();
      }
    }
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, int> per_pane_;
  std::uint64_t total_ = 0;
};

// For conditions tmux announces no event for (a pane's program exiting under
// remain-on-exit, the server's process being gone): a bounded poll.
inline bool poll_condition_until(const std::function<bool()>& ready,
                                 std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!ready()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

struct TmuxControlFixture {
  static constexpr int kWidth = 100;
  static constexpr int kHeight = 30;

  static terminal::ControlOptions control_options() {
    terminal::ControlOptions o;
    o.session = "main";
    return o;
  }
  static terminal::StartOptions start_options() {
    terminal::StartOptions o;
    o.session = "main";
    o.width = kWidth;
    o.height = kHeight;
    o.command = {"cat"};
    return o;
  }

  explicit TmuxControlFixture(terminal::ControlOptions options = control_options()) {
    terminal::ServerOptions so;
    so.socket_name = terminal::socket_name_for_workspace(dir.path());
    auto s = terminal::TmuxServer::locate(so);
    REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().message));
    server.emplace(std::move(*s));
    guard = std::make_unique<TmuxServerKiller>(&*server);
    auto st = server->start(start_options());
    REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
    auto c = terminal::TmuxControl::connect(*server, options);
    REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().message));
    ctl = std::move(*c);
    ctl->on_output([this](const std::string& pane) { signals.note(pane); });
  }

  // A new window in the main session running `argv`; returns its pane id.
  std::string spawn(std::vector<std::string> argv) {
    terminal::SpawnSpec spec;
    spec.argv = std::move(argv);
    auto pane = terminal::new_window(*ctl, "main", spec);
    REQUIRE_MESSAGE(pane.ok(), (pane.ok() ? "" : pane.error().message));
    return *pane;
  }

  std::string capture(const std::string& pane, terminal::CaptureOptions o = {}) {
    auto c = terminal::capture_pane(*ctl, pane, o);
    return c.ok() ? *c : std::string();
  }

  // Waits, on output signals, for `needle` to be on the pane's screen.
  bool wait_for_text(const std::string& pane, const std::string& needle,
                     std::chrono::milliseconds timeout = 10s) {
    return signals.wait_until(
        [&] { return capture(pane).find(needle) != std::string::npos; }, timeout);
  }

  ta::test::TempDir dir;
  std::optional<terminal::TmuxServer> server;
  std::unique_ptr<TmuxServerKiller> guard;  // destroyed after ctl: kills the server
  OutputSignals signals;                   // outlives ctl, whose callback uses it
  std::unique_ptr<terminal::TmuxControl> ctl;
};

}  // namespace ta::test::tmux_control
