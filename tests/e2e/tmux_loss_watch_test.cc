// The supervisor's watch over its tmux control connection (supervisor/
// tmux_loss_watch.h) against a real private tmux server: a control client
// that is detached and attaches again is a hiccup, never reported; a killed
// server, or the team's session gone from a server that lives on, is
// reported once, quickly.
#include <doctest/doctest.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "supervisor/tmux_loss_watch.h"
#include "tests/e2e/tmux_control_fixture.h"

using namespace ta::test::tmux_control;
using ta::supervisor::TmuxLossWatch;
using Clock = std::chrono::steady_clock;

namespace {

// What the watch reported, awaited on a condition variable.
class Reports {
 public:
  void note(const std::string& why) {
    {
      std::lock_guard<std::mutex> g(mu_);
      whys_.push_back(why);
    }
    cv_.notify_all();
  }
  bool await_one(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lk(mu_);
    return cv_.wait_for(lk, timeout, [&] { return !whys_.empty(); });
  }
  std::vector<std::string> all() {
    std::lock_guard<std::mutex> g(mu_);
    return whys_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> whys_;
};

// The connection's own ups and downs, awaited. Shared with the callback,
// which the connection keeps (and calls when it closes) after the test.
class States {
 public:
  static std::shared_ptr<States> watch(ta::terminal::TmuxControl& ctl) {
    auto s = std::make_shared<States>();
    ctl.on_state([s](bool up, const std::string&) {
      {
        std::lock_guard<std::mutex> g(s->mu_);
        s->seen_.push_back(up);
      }
      s->cv_.notify_all();
    });
    return s;
  }
  bool await(const std::vector<bool>& want, std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lk(mu_);
    return cv_.wait_for(lk, timeout, [&] { return seen_ == want; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<bool> seen_;
};

}  // namespace

TEST_CASE("tmux loss watch: a control client that attaches again is no loss; a killed server is") {
  TmuxControlFixture f;
  auto states = States::watch(*f.ctl);
  Reports reports;
  TmuxLossWatch watch(*f.ctl, "main", [&](const std::string& why) { reports.note(why); });

  // A hiccup: tmux drops our client, which attaches again by itself.
  REQUIRE(f.server->run_text({"detach-client", "-s", "=main"}));
  REQUIRE(states->await({false, true}, 10s));
  // The watch only ever reports a server that refuses or lost the session,
  // and this one has neither happened to it.
  CHECK(reports.all().empty());

  const auto killed_at = Clock::now();
  REQUIRE(f.server->kill());
  REQUIRE(reports.await_one(10s));
  CHECK(Clock::now() - killed_at < 2s);
  auto whys = reports.all();
  REQUIRE(whys.size() == 1);
  CHECK(whys[0].find(f.server->socket_name()) != std::string::npos);

  // Once only: a server started again under the same name is not news.
  REQUIRE(f.server->start(TmuxControlFixture::start_options()));
  REQUIRE(f.ctl->wait_connected(10s));
  CHECK(reports.all().size() == 1);
}

TEST_CASE("tmux loss watch: the team's session gone from a server that lives on is a loss") {
  TmuxControlFixture f;
  Reports reports;
  TmuxLossWatch watch(*f.ctl, "main", [&](const std::string& why) { reports.note(why); });
  // Another session keeps the server alive without ours.
  REQUIRE(f.server->run_text({"new-session", "-d", "-s", "other"}));
  REQUIRE(f.server->run_text({"kill-session", "-t", "=main"}));
  REQUIRE(reports.await_one(10s));
  CHECK(f.server->running());
  CHECK(reports.all().size() == 1);
}
