// The control-mode connection on a real private tmux server: replies matched
// under concurrency, %output signals, pause/continue, client flags, server
// restart and reconnect, and the errors for a missing or old tmux.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <atomic>
#include <thread>

#include "tests/e2e/support.h"
#include "tests/e2e/tmux_control_fixture.h"

using namespace ta;
using namespace ta::terminal;
using namespace ta::test::tmux_control;
using ta::test::TempDir;

TEST_CASE("tmux control: commands from many threads each get their own reply") {
  TmuxControlFixture f;
  constexpr int kThreads = 8, kPerThread = 150;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::string tag = "t" + std::to_string(t) + "-" + std::to_string(i);
        Result<std::vector<std::string>> r = make_error("unset");
        if (i % 3 == 0) r = f.ctl->command_async("display-message -p " + tag).get();
        else r = f.ctl->run({"display-message", "-p", "#{session_name} " + tag});
        std::string want = i % 3 == 0 ? tag : "main " + tag;
        if (!r || r->size() != 1 || r->front() != want) ++wrong;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(wrong == 0);
  // Errors come back to the command that caused them, in order too.
  auto bad = f.ctl->command("capture-pane -p -t %999");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.find("capture-pane") != std::string::npos);
  CHECK(bad.error().message.find("can't find pane") != std::string::npos);
  auto good = f.ctl->command("display-message -p still-in-step");
  REQUIRE(good);
  CHECK(good->front() == "still-in-step");
}

TEST_CASE("tmux control: a line holding several commands is refused, keeping replies in step") {
  TmuxControlFixture f;
  CHECK_FALSE(f.ctl->command("display-message -p a ; display-message -p b"));
  CHECK_FALSE(f.ctl->command(""));
  CHECK_FALSE(f.ctl->command("FOO=bar"));
  auto r = f.ctl->command("display-message -p ok");
  REQUIRE(r);
  CHECK(*r == std::vector<std::string>{"ok"});
}

TEST_CASE("tmux control: the client never sizes panes and asks tmux to pause, not buffer") {
  TmuxControlFixture f;
  auto flags = f.ctl->command("display-message -p \"#{client_flags}\"");
  REQUIRE(flags);
  CHECK(flags->front().find("ignore-size") != std::string::npos);
  CHECK(flags->front().find("pause-after=") != std::string::npos);
  auto panes = list_panes(*f.ctl, "main");
  REQUIRE(panes);
  REQUIRE(panes->size() == 1);
  CHECK(panes->front().width == TmuxControlFixture::kWidth);
  CHECK(panes->front().height == TmuxControlFixture::kHeight);
}

TEST_CASE("tmux control: a pane that prints is signalled with its id") {
  TmuxControlFixture f;
  auto pane = f.spawn({"sh", "-c", "echo signal-from-pane; exec cat"});
  REQUIRE(f.signals.wait_until([&] { return f.signals.count(pane) > 0; }, 10s));
  CHECK(f.wait_for_text(pane, "signal-from-pane"));
  // Typing into it echoes: more signals for the same pane.
  int before = f.signals.count(pane);
  REQUIRE(send_text(*f.ctl, pane, "typed"));
  CHECK(f.signals.wait_until([&] { return f.signals.count(pane) > before; }, 10s));
}

TEST_CASE("tmux control: a pane tmux paused because we fell behind is signalled and resumed") {
  auto options = TmuxControlFixture::control_options();
  options.pause_after_seconds = 1;
  TmuxControlFixture f(options);
  // While every attached client is a control client that is behind, tmux
  // simply stops reading the pane; a second, prompt client (as a human's
  // terminal would be) keeps the pane flowing, so ours falls behind.
  auto prompt_client = TmuxControl::connect(*f.server, options);
  REQUIRE(prompt_client);
  // A consumer that stalls our reader thread once, for well over
  // pause-after, while a pane prints far more than a pipe holds.
  std::atomic<int> seen{0};
  f.ctl->on_output([&](const std::string&) {
    if (++seen == 5) std::this_thread::sleep_for(3000ms);
  });
  auto pane = f.spawn({"sh", "-c", "while :; do seq 1 50000; sleep 0.02; done"});
  REQUIRE(f.signals.wait_until([&] { return f.ctl->pauses() > 0; }, 20s));
  // Resumed: output keeps being signalled after the pause.
  int after_pause = f.signals.count(pane);
  CHECK(f.signals.wait_until([&] { return f.signals.count(pane) > after_pause; }, 10s));
  auto r = f.ctl->command("display-message -p alive");
  REQUIRE(r);
  CHECK(r->front() == "alive");
  CHECK(kill_pane(*f.ctl, pane));
}

TEST_CASE("tmux control: output callbacks cannot wait for replies, and say so") {
  TmuxControlFixture f;
  std::mutex mu;
  std::string error;
  f.ctl->on_output([&](const std::string&) {
    auto r = f.ctl->command("display-message -p x");
    {
      std::lock_guard<std::mutex> g(mu);
      if (!r && error.empty()) error = r.error().message;
    }
    f.signals.note("callback-done");
  });
  f.spawn({"sh", "-c", "echo x; exec cat"});
  auto got_error = [&] {
    std::lock_guard<std::mutex> g(mu);
    return !error.empty();
  };
  REQUIRE(f.signals.wait_until(got_error, 10s));
  std::lock_guard<std::mutex> g(mu);
  CHECK(error.find("post a message") != std::string::npos);
}

TEST_CASE("tmux control: after the server restarts the connection comes back") {
  TmuxControlFixture f;
  std::mutex mu;
  std::vector<bool> states;
  f.ctl->on_state([&](bool up, const std::string&) {
    std::lock_guard<std::mutex> g(mu);
    states.push_back(up);
  });
  auto first_generation = f.ctl->generation();
  REQUIRE(f.server->kill());
  REQUIRE(f.ctl->wait_disconnected(10s));
  auto down = f.ctl->command("display-message -p x");
  REQUIRE_FALSE(down);
  CHECK(down.error().message.find("not connected") != std::string::npos);
  CHECK(down.error().message.find("retry") != std::string::npos);

  REQUIRE(f.server->start(TmuxControlFixture::start_options()));
  REQUIRE(f.ctl->wait_connected(10s));
  CHECK(f.ctl->generation() == first_generation + 1);
  auto back = f.ctl->command("display-message -p back");
  REQUIRE(back);
  CHECK(back->front() == "back");
  auto pane = f.spawn({"sh", "-c", "echo after-restart; exec cat"});
  CHECK(f.wait_for_text(pane, "after-restart"));
  std::lock_guard<std::mutex> g(mu);
  CHECK(states == std::vector<bool>{false, true});
}

TEST_CASE("tmux control: attaching to a session that does not exist fails clearly") {
  TmuxControlFixture f;
  auto options = TmuxControlFixture::control_options();
  options.session = "nosuch";
  auto c = TmuxControl::connect(*f.server, options);
  REQUIRE_FALSE(c);
  CHECK(c.error().message.find("\"nosuch\"") != std::string::npos);
  CHECK(c.error().message.find("can't find session") != std::string::npos);
  CHECK(c.error().message.find('\n') == std::string::npos);
}

TEST_CASE("tmux control: a missing tmux is one sentence saying what to install") {
  ServerOptions o;
  o.socket_name = "team-agent-test-missing";
  o.path = "/nonexistent-dir:/also-not-here";
  auto s = TmuxServer::locate(o);
  REQUIRE_FALSE(s);
  CHECK(s.error().message == "tmux was not found on PATH; install tmux 3.2 or newer "
                             "(e.g. apt-get install tmux)");
}

TEST_CASE("tmux control: a tmux older than 3.2 is refused by name") {
  TempDir dir;
  std::string fake = dir.path() + "/tmux";
  ta::test::write_text(fake, "#!/bin/sh\necho 'tmux 2.9a'\n");
  ::chmod(fake.c_str(), 0755);
  ServerOptions o;
  o.socket_name = "team-agent-test-old";
  o.path = dir.path();
  auto s = TmuxServer::locate(o);
  REQUIRE_FALSE(s);
  CHECK(s.error().message.find("tmux 2.9a is too old") != std::string::npos);
  CHECK(s.error().message.find("3.2 or newer") != std::string::npos);
}
