#include "supervisor/tmux_loss_watch.h"

namespace ta::supervisor {

TmuxLossWatch::TmuxLossWatch(terminal::TmuxControl& control, std::string session,
                             OnLost on_lost, std::chrono::milliseconds recheck)
    : control_(control),
      session_(std::move(session)),
      on_lost_(std::move(on_lost)),
      recheck_(recheck),
      shared_(std::make_shared<Shared>()) {
  control_.on_state([shared = shared_](bool connected, const std::string& why) {
    {
      std::lock_guard<std::mutex> g(shared->mu);
      shared->down = !connected;
      if (!connected) shared->why = why;
    }
    shared->cv.notify_all();
  });
  // Lost between the connect and now: the callback above came too late.
  if (!control_.connected()) {
    std::lock_guard<std::mutex> g(shared_->mu);
    shared_->down = true;
    shared_->why = control_.last_error();
  }
  thread_ = std::thread([this] { run(); });
}

TmuxLossWatch::~TmuxLossWatch() {
  {
    std::lock_guard<std::mutex> g(shared_->mu);
    shared_->closing = true;
  }
  shared_->cv.notify_all();
  if (thread_.joinable()) thread_.join();
}

void TmuxLossWatch::run() {
  for (;;) {
    std::string why;
    {
      std::unique_lock<std::mutex> lk(shared_->mu);
      shared_->cv.wait(lk, [&] { return shared_->down || shared_->closing; });
      if (shared_->closing) return;
      shared_->down = false;  // a new drop while judging sets it again
      why = shared_->why;
    }
    switch (judge()) {
      case Verdict::closing: return;
      case Verdict::back: continue;
      case Verdict::gone:
        if (why.empty()) why = "the tmux control connection ended";
        on_lost_(why);
        return;
    }
  }
}

// The connection is down: back once it is attached again; gone once the
// server refuses connections or no longer has the team's session. A server
// that answers and keeps the session while our client cannot attach is
// looked at again until one of the two.
TmuxLossWatch::Verdict TmuxLossWatch::judge() {
  const auto& server = control_.server();
  for (;;) {
    if (control_.connected()) return Verdict::back;
    if (!server.running() || !server.has_session(session_)) {
      // The reader may have attached to a new server under the same name
      // meanwhile; the panes it knew are gone all the same.
      return Verdict::gone;
    }
    if (!pause(recheck_)) return Verdict::closing;
  }
}

bool TmuxLossWatch::pause(std::chrono::milliseconds d) {
  std::unique_lock<std::mutex> lk(shared_->mu);
  return !shared_->cv.wait_for(lk, d, [&] { return shared_->closing; });
}

}  // namespace ta::supervisor
