#include "actors/pane_actor_steps.h"

#include <thread>

#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <spdlog/spdlog.h>

#include "actors/append_blocking.h"
#include "actors/pane_approval.h"
#include "actors/pane_death.h"
#include "actors/pane_failures.h"
#include "events/types.h"
#include "terminal/tmux_ops.h"
#include "util/strings.h"

namespace ta::actors::pane_steps {

using Clock = std::chrono::steady_clock;

void append(self_ptr self, std::vector<events::Draft> drafts) {
  // Fire and forget: these events (state changes, deferrals) are
  // observations, not decisions, so a failed append is logged and the pane
  // goes on (without the handler CAF's default would kill the actor).
  self->request(self->state.writer, caf::infinite, append_atom::value, std::move(drafts))
    .then([](const std::vector<std::uint64_t>&) {},
          [self](const caf::error& e) {
            spdlog::warn("pane_actor {}: cannot record events: {}", self->state.cfg.pane.agent_id,
                         self->system().render(e));
          });
}

// The one place the state machine moves. A change is recorded, and so is a
// blocked pane's screen turning into another non-input screen.
void move(self_ptr self, PaneInput in) {
  auto& st = self->state;
  PaneState next = next_pane_state(st.state, in);
  bool screen_news = next == PaneState::blocked && st.screen != st.recorded_screen;
  if (next == st.state && !screen_news) return;
  append(self, {events::to_draft(events::PaneStateChanged{
                 st.cfg.pane.agent_id, pane_state_name(st.state), pane_state_name(next), st.screen})});
  st.state = next;
  st.recorded_screen = st.screen;
  if (next == PaneState::ready) st.ever_ready = true;
}

void read_screen(self_ptr self) {
  auto& st = self->state;
  if (st.reading) {
    st.read_again = true;
    return;
  }
  st.reading = true;
  st.last_read = std::chrono::steady_clock::now();
  caf::weak_actor_ptr weak{self->ctrl()};
  auto* sys = &self->system();
  st.io->post([weak, sys, writer = st.writer, pane = st.cfg.pane, gen = st.screen_gen] {
    auto s = read_pane_screen(pane);
    watch_leader_screen(*sys, writer, pane, s);
    if (handle_tool_approval(*sys, writer, pane, s)) s = read_pane_screen(pane);
    tell(weak, classified_atom::value, s.state, s.dead, s.exit_code, gen, s.screen_hash);
  });
}

// Exited for good: no restart of the agent is under way.
bool gone(self_ptr self) {
  auto& st = self->state;
  return st.state == PaneState::exited && !st.restarting_agent && !st.examining_death;
}

// Fails the message in hand (unless the I/O thread still owns it: its job
// records the outcome) and everything waiting, once; cancels their trust
// retries.
void fail_all(self_ptr self, const std::string& reason) {
  auto& st = self->state;
  std::vector<Delivery> doomed;
  std::vector<std::string> timers;
  if (st.current && !st.current->in_io) {
    if (!st.current->parked_timer.empty()) timers.push_back(st.current->parked_timer);
    doomed.push_back(st.current->message);
    st.current.reset();
  }
  for (auto& m : st.waiting) {
    if (m.trust_attempt_pending > 0)
      timers.push_back(trust_timer_id(m.message_id, m.trust_attempt_pending));
    doomed.push_back(std::move(m));
  }
  st.waiting.clear();
  if (doomed.empty() && timers.empty()) return;
  auto drafts = cancelled_timers(timers, reason);
  if (auto leader = st.cfg.pane.leader) {
    // Written on the I/O thread, which owns the inbox file's blocking writes.
    auto* sys = &self->system();
    st.io->post([sys, writer = st.writer, leader, doomed = std::move(doomed), reason,
                 drafts = std::move(drafts)]() mutable {
      for (auto& d : failed_messages(doomed, reason, leader.get())) drafts.push_back(std::move(d));
      (void)append_blocking(*sys, writer, std::move(drafts));
    });
    return;
  }
  for (auto& d : failed_messages(doomed, reason, nullptr)) drafts.push_back(std::move(d));
  append(self, std::move(drafts));
}

namespace {

// Whether the policy starts the exited agent again; if so, it is scheduled.
bool restart_agent(self_ptr self, int exit_code) {
  auto& st = self->state;
  if (!st.cfg.restart_on_failure || exit_code == 0 || st.stopping ||
      st.agent_restarts >= st.cfg.max_agent_restarts)
    return false;
  auto delay = std::chrono::seconds(1 << st.agent_restarts);
  ++st.agent_restarts;
  caf::weak_actor_ptr weak{self->ctrl()};
  auto* sys = &self->system();
  auto cfg = st.cfg;
  int restarts = st.agent_restarts;
  // The I/O thread sleeps through the delay: nothing else can use the pane.
  st.io->post([weak, sys, cfg, delay, restarts, writer = st.writer, gen = st.screen_gen] {
    std::this_thread::sleep_for(delay);
    auto& pane = cfg.pane;
    if (auto r = terminal::respawn_pane(*pane.tmux, pane.pane_id, cfg.launch); !r) {
      spdlog::error("cannot restart the agent {}: {}", pane.agent_id, r.error().message);
    } else {
      auto info = terminal::pane_info(*pane.tmux, pane.pane_id);
      events::PaneStarted started{pane.agent_id, pane.pane_id, cfg.provider,
                                  info ? info->pid : 0, false, restarts,
                                  cfg.provider_version, start_ticks_of(info ? info->pid : 0),
                                  cfg.host};
      (void)append_blocking(*sys, writer, {events::to_draft(started)});
    }
    auto s = read_pane_screen(pane);
    tell(weak, classified_atom::value, s.state, s.dead, s.exit_code, gen, s.screen_hash);
  });
  return true;
}

}  // namespace

void on_death(self_ptr self, int exit_code) {
  auto& st = self->state;
  st.restarting_agent = false;
  st.examining_death = true;
  st.idle.seen = false;
  st.screen = "exited";
  move(self, PaneInput::died);
  DeathContext in;
  in.pane = st.cfg.pane;
  in.workspace = st.cfg.workspace;
  in.tmux_socket = st.cfg.tmux_socket;
  in.launch = st.cfg.launch;
  in.provider = st.cfg.provider;
  in.provider_version = st.cfg.provider_version;
  in.host = st.cfg.host;
  in.exit_code = exit_code;
  in.during_start = !st.ever_ready;
  in.may_retry = !st.start_retried && !st.stopping;
  in.noted = st.escaped_noted;
  in.restarts = st.agent_restarts;
  caf::weak_actor_ptr weak{self->ctrl()};
  auto* sys = &self->system();
  st.io->post([weak, sys, writer = st.writer, in = std::move(in), gen = st.screen_gen] {
    auto report = examine_death(*sys, writer, in);
    tell(weak, examined_atom::value, report.retried, in.exit_code, report.escaped);
    if (!report.retried) return;
    auto s = read_pane_screen(in.pane);
    tell(weak, classified_atom::value, s.state, s.dead, s.exit_code, gen, s.screen_hash);
  });
}

void on_examined(self_ptr self, bool retried, int exit_code, const std::vector<int>& escaped) {
  auto& st = self->state;
  st.examining_death = false;
  st.escaped_noted.insert(escaped.begin(), escaped.end());
  // The death was the server's: its messages wait for the next run.
  if (st.state == PaneState::gone) return;
  if (retried) {
    // The I/O thread started the pane again and reports its first screen.
    st.start_retried = true;
    st.reading = true;
    st.restarting_agent = true;
    return;
  }
  if (restart_agent(self, exit_code)) {
    st.reading = true;  // the restart job reports the new screen
    st.restarting_agent = true;
    return;
  }
  fail_all(self, "pane_exited");
}

// Whether an idle screen has stood still for the settle time; if not yet,
// a read is scheduled for when it would have.
bool idle_is_steady(self_ptr self, std::uint64_t hash) {
  auto& st = self->state;
  auto now = Clock::now();
  if (!st.idle.seen || st.idle.hash != hash) st.idle = SteadyScreen{true, hash, now};
  auto settle = std::chrono::milliseconds(std::max(st.cfg.pane.profile->settle_ms, 100));
  auto left = st.idle.since + settle - now;
  if (left <= Clock::duration::zero()) return true;
  if (!st.steady_check_scheduled) {
    st.steady_check_scheduled = true;
    self->delayed_send(self, std::chrono::duration_cast<std::chrono::milliseconds>(left) +
                               std::chrono::milliseconds(1),
                       classify_atom::value, false);
  }
  return false;
}

void interrupt_turn(self_ptr self, const std::string& request_id) {
  auto& st = self->state;
  auto* sys = &self->system();
  st.io->post([sys, writer = st.writer, pane = st.cfg.pane, request_id] {
    const auto keys = pane.profile ? pane.profile->interrupt_keys : std::vector<std::string>{};
    events::AgentCancelled done{request_id, pane.agent_id, keys, false, ""};
    if (keys.empty()) {
      done.error = "the provider's profile names no interrupt keys";
    } else if (auto sent = terminal::send_keys(*pane.tmux, pane.pane_id, keys); !sent) {
      done.error = sent.error().message;
    } else {
      done.ok = true;
    }
    const std::string message = done.ok ? "sent " + join(keys, " ") + " to " + pane.agent_id
                                        : "cannot interrupt " + pane.agent_id + ": " + done.error;
    (void)append_blocking(*sys, writer,
                          {events::to_draft(done),
                           events::to_draft(events::AgentRequestCompleted{
                             request_id, "cancel", pane.agent_id, done.ok,
                             done.ok ? "done" : "failed", "", "", message})});
  });
}

}  // namespace ta::actors::pane_steps
