#include "actors/pane_state.h"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace ta::actors;
using S = PaneState;
using I = PaneInput;

TEST_CASE("pane state: nothing is pasted until the composer is drawn and steady") {
  CHECK(next_pane_state(S::starting, I::screen_starting) == S::starting);
  CHECK(next_pane_state(S::starting, I::screen_unclear) == S::starting);
  CHECK(next_pane_state(S::starting, I::screen_busy) == S::starting);
  CHECK(next_pane_state(S::starting, I::submitted) == S::starting);
  CHECK(next_pane_state(S::starting, I::screen_ready) == S::ready);
  CHECK(pane_takes_input(S::ready));
  CHECK_FALSE(pane_takes_input(S::starting));
  // An idle screen that has not been steady yet is still a starting screen.
  CHECK(screen_input("idle", false) == I::screen_starting);
  CHECK(screen_input("idle", true) == I::screen_ready);
  CHECK(screen_input("starting", true) == I::screen_starting);
}

TEST_CASE("pane state: a trust prompt at start is handled, then the CLI starts again") {
  auto s = next_pane_state(S::starting, I::screen_trust);
  CHECK(s == S::blocked);
  s = next_pane_state(s, I::trust_started);
  CHECK(s == S::awaiting_trust);
  CHECK(next_pane_state(s, I::screen_ready) == S::awaiting_trust);  // our own keys on screen
  s = next_pane_state(s, I::trust_ended);
  CHECK(s == S::starting);  // the answered CLI must draw its composer before a paste
  CHECK(next_pane_state(S::starting, I::trust_started) == S::awaiting_trust);
}

TEST_CASE("pane state: a delivery ignores screens until its outcome") {
  auto s = next_pane_state(S::ready, I::delivery_started);
  CHECK(s == S::delivering);
  CHECK(next_pane_state(s, I::screen_ready) == S::delivering);
  CHECK(next_pane_state(s, I::screen_busy) == S::delivering);
  CHECK(next_pane_state(s, I::submitted) == S::busy);
  CHECK(next_pane_state(s, I::delivery_failed) == S::blocked);
  CHECK(next_pane_state(S::busy, I::screen_ready) == S::ready);
  CHECK(next_pane_state(S::ready, I::screen_busy) == S::busy);
  CHECK(next_pane_state(S::busy, I::delivery_started) == S::delivering);  // --now
}

TEST_CASE("pane state: a dead pane is exited whatever it showed, until a new process") {
  for (auto s : {S::starting, S::ready, S::busy, S::blocked, S::delivering, S::awaiting_trust})
    CHECK(next_pane_state(s, I::died) == S::exited);
  CHECK(screen_input("exited", true) == I::died);
  CHECK(next_pane_state(S::exited, I::screen_trust) == S::exited);  // the dead pane's last screen
  CHECK(next_pane_state(S::exited, I::screen_ready) == S::exited);
  CHECK(next_pane_state(S::exited, I::trust_started) == S::exited);
  CHECK(next_pane_state(S::exited, I::delivery_started) == S::exited);
  CHECK(next_pane_state(S::exited, I::respawned) == S::starting);
  CHECK_FALSE(screen_input("unknown", true).has_value());
}

TEST_CASE("pane state: non-input screens block, and leave only for a steady composer") {
  CHECK(screen_input("numbered_menu", true) == I::screen_blocked);
  CHECK(screen_input("first_run_auth", true) == I::screen_blocked);
  CHECK(next_pane_state(S::ready, I::screen_blocked) == S::blocked);
  CHECK(next_pane_state(S::blocked, I::screen_unclear) == S::blocked);
  CHECK(next_pane_state(S::blocked, I::screen_starting) == S::blocked);
  CHECK(next_pane_state(S::blocked, I::screen_ready) == S::ready);
  CHECK(next_pane_state(S::ready, I::screen_unclear) == S::ready);
}

TEST_CASE("pane state: every state has a name") {
  for (auto s : {S::starting, S::ready, S::busy, S::blocked, S::delivering, S::awaiting_trust,
                 S::exited})
    CHECK(std::string(pane_state_name(s)).size() > 0);
  CHECK(std::string(pane_state_name(S::awaiting_trust)) == "awaiting_trust");
}

TEST_CASE("pane state: a lost tmux server makes any pane gone, for the rest of the run") {
  for (auto s : {S::starting, S::ready, S::busy, S::blocked, S::delivering, S::awaiting_trust,
                 S::exited}) {
    CHECK(next_pane_state(s, I::server_lost) == S::gone);
  }
  // Nothing brings a gone pane back within the run: not a screen, not a
  // respawn, not even a death.
  for (auto in : {I::screen_ready, I::screen_busy, I::delivery_started, I::submitted,
                  I::trust_started, I::died, I::respawned}) {
    CHECK(next_pane_state(S::gone, in) == S::gone);
  }
  CHECK_FALSE(pane_takes_input(S::gone));
  CHECK(std::string(pane_state_name(S::gone)) == "gone");
}

TEST_CASE("pane safety poll: stretches while the pane stays quiet, within its bounds") {
  using std::chrono::milliseconds;
  const milliseconds base{2000}, max{6000};
  std::vector<long> waits;
  for (int quiet = 0; quiet < 8; ++quiet) waits.push_back(quiet_poll_interval(base, max, quiet).count());
  CHECK(waits == std::vector<long>{2000, 2000, 4000, 4000, 6000, 6000, 6000, 6000});
  CHECK(quiet_poll_interval(base, max, -3) == base);
  CHECK(quiet_poll_interval(base, max, 1000000) == max);
  // A maximum below the base never makes the poll faster than the base.
  CHECK(quiet_poll_interval(base, milliseconds{500}, 5) == base);
}
