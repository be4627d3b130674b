#include "actors/pane_actor.h"

#include <algorithm>
#include <stdexcept>

#include <caf/actor_cast.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/append_blocking.h"
#include "actors/pane_actor_steps.h"
#include "actors/pane_failures.h"
#include "actors/timer_kind.h"
#include "events/types.h"

namespace ta::actors {

namespace {

using self_ptr = pane_actor::stateful_pointer<PaneActorState>;
using Clock = std::chrono::steady_clock;

using namespace pane_steps;

void start_delivery(self_ptr self);
void start_trust(self_ptr self, int attempt);

// The message to work on next: one in hand that is neither on the I/O
// thread nor parked, else the first waiting one (moved into hand).
CurrentMessage* next_in_hand(self_ptr self) {
  auto& st = self->state;
  if (st.current) return st.current->in_io || st.current->parked_attempt > 0 ? nullptr : &*st.current;
  if (st.waiting.empty()) return nullptr;
  st.current = CurrentMessage{std::move(st.waiting.front())};
  st.waiting.pop_front();
  return &*st.current;
}

void note_deferral(self_ptr self, const Delivery& m, const char* why) {
  auto& st = self->state;
  if (!st.deferral_noted.insert(m.message_id + ":" + why).second) return;
  if (std::string(why) == "busy")
    append(self, {events::to_draft(events::SendDeferredBusy{m.message_id, m.to, st.screen})});
  else
    append(self, {events::to_draft(events::SendDeferredStarting{m.message_id, m.to, st.screen})});
}

void try_deliver(self_ptr self) {
  auto& st = self->state;
  if (st.stopping || st.state == PaneState::exited || st.state == PaneState::gone) return;
  // Our connection to tmux is down: the server may be gone, which the
  // supervisor is finding out. Nothing is attempted meanwhile; the next
  // read after it is back (output, the safety poll) comes here again.
  if (!tmux_reachable(*st.cfg.pane.tmux)) return;
  auto* cur = next_in_hand(self);
  if (!cur) return;
  Delivery& m = cur->message;
  if (m.trust_resume_attempt > 0) {
    int attempt = m.trust_resume_attempt;
    m.trust_resume_attempt = 0;
    return start_trust(self, attempt);
  }
  if (m.trust_attempt_pending > 0) {
    // A retry scheduled by an earlier run; its timer resumes this message.
    cur->parked_attempt = m.trust_attempt_pending;
    cur->parked_timer = trust_timer_id(m.message_id, m.trust_attempt_pending);
    m.trust_attempt_pending = 0;
    return;
  }
  if (!st.state_fresh) {
    // While the agent gets its moment to react, the timer brings the next read.
    if (!st.awaiting_reaction) read_screen(self);
    return;
  }
  switch (st.state) {
    case PaneState::starting:
      return note_deferral(self, m, "starting");
    case PaneState::busy:
      if (!m.now) return note_deferral(self, m, "busy");
      return start_delivery(self);
    case PaneState::blocked:
      if (st.screen == "trust_prompt") return start_trust(self, 1);
      return start_delivery(self);  // its gate records why the pane cannot take it
    case PaneState::ready:
      return start_delivery(self);
    default:
      return;
  }
}

// Handles the trust prompt in front of the message in hand on the I/O
// thread; the outcome comes back as trusted_atom.
void start_trust(self_ptr self, int attempt) {
  auto& st = self->state;
  CurrentMessage& cur = *st.current;
  cur.in_io = true;
  cur.parked_attempt = 0;
  cur.parked_timer.clear();
  st.state_fresh = false;
  ++st.screen_gen;
  move(self, PaneInput::trust_started);
  caf::weak_actor_ptr weak{self->ctrl()};
  auto* sys = &self->system();
  st.io->post([weak, sys, writer = st.writer, pane = st.cfg.pane, policy = st.cfg.trust,
               next = cur.message, attempt] {
    if (attempt > 1)
      (void)append_blocking(*sys, writer, {events::to_draft(events::TrustRetryAttempted{
                                             pane.agent_id, next.message_id, attempt})});
    auto step = handle_trust_prompt(*sys, writer, pane, policy, next, attempt);
    tell(weak, trusted_atom::value, next.message_id, static_cast<int>(step), attempt);
  });
}

void start_delivery(self_ptr self) {
  auto& st = self->state;
  CurrentMessage& cur = *st.current;
  cur.in_io = true;
  st.state_fresh = false;
  ++st.screen_gen;
  move(self, PaneInput::delivery_started);
  DeliveryJob job;
  job.message = cur.message;
  job.stamp_first_interaction = st.first_interaction_pending && cur.message.from == "leader";
  caf::weak_actor_ptr weak{self->ctrl()};
  auto* sys = &self->system();
  st.io->post([weak, sys, writer = st.writer, pane = st.cfg.pane, job] {
    auto out = deliver_message(*sys, writer, pane, job);
    tell(weak, delivered_atom::value, job.message.message_id, out.submitted);
  });
}

// The I/O thread handed the message in hand back; false when it is not the
// one the reply is about.
bool take_back(self_ptr self, const std::string& message_id) {
  auto& st = self->state;
  if (!st.current || !st.current->in_io || st.current->message.message_id != message_id)
    return false;
  st.current->in_io = false;
  return true;
}

// What a screen read says about the pane: its death, or the next move of
// its state machine.
void take_screen(self_ptr self, const std::string& screen, bool dead, int exit_code,
                 std::uint64_t gen, std::uint64_t hash) {
  auto& st = self->state;
  st.reading = false;
  if (st.state == PaneState::gone) return;  // whatever answers now is not our pane
  if (dead) {
    // Newly dead, or dead again right after the restart policy's attempt.
    if (st.examining_death) return;  // already being looked at
    if (st.state != PaneState::exited || st.restarting_agent) on_death(self, exit_code);
    return;
  }
  if (screen == "unknown") return;  // tmux could not be asked: nothing about the pane
  st.screen = screen;
  if (st.state == PaneState::exited) {
    // The policy's restart, or a process started in the pane by hand.
    st.restarting_agent = false;
    st.ever_ready = false;  // a new program: its start is watched afresh
    move(self, PaneInput::respawned);
  }
  if (gen != st.screen_gen || st.awaiting_reaction) return;  // began before our own input
  bool steady = true;
  if (screen == "idle") {
    if (st.state == PaneState::starting || st.state == PaneState::blocked)
      steady = idle_is_steady(self, hash);
  } else {
    st.idle.seen = false;
  }
  if (auto in = screen_input(screen, steady)) move(self, *in);
  st.state_fresh = true;
}

void on_deliver(self_ptr self, const Delivery& d) {
  auto& st = self->state;
  if (!st.seen.insert(d.message_id).second) return;
  st.quiet_polls = 0;
  st.waiting.push_back(d);
  if (gone(self)) return fail_all(self, "pane_exited");
  try_deliver(self);
}

// A pane with nothing in hand and no output since the last poll is read
// less and less often (quiet_poll_interval).
std::chrono::milliseconds next_safety_poll(PaneActorState& st) {
  if (st.current || !st.waiting.empty()) st.quiet_polls = 0;
  const auto wait = quiet_poll_interval(st.cfg.safety_poll, st.cfg.quiet_poll_max, st.quiet_polls);
  if (wait < st.cfg.quiet_poll_max) ++st.quiet_polls;
  return wait;
}

// Output is read after a short quiet spell, not on every %output line; a
// working agent's output with nothing waiting for it, at most every
// busy_read_interval (a pane streaming a build log would otherwise cost a
// screen read per line).
std::chrono::milliseconds output_read_delay(const PaneActorState& st) {
  if (st.state != PaneState::busy || st.current || !st.waiting.empty()) return st.cfg.debounce;
  const auto due = st.last_read + st.cfg.busy_read_interval;
  return std::max(st.cfg.debounce,
                  std::chrono::duration_cast<std::chrono::milliseconds>(due - Clock::now()));
}

void on_output(self_ptr self) {
  auto& st = self->state;
  st.quiet_polls = 0;
  if (st.read_scheduled) return;
  st.read_scheduled = true;
  self->delayed_send(self, output_read_delay(st), classify_atom::value, false);
}

void on_classify(self_ptr self, bool from_poll) {
  auto& st = self->state;
  if (st.state == PaneState::gone) return;  // nothing to read for the rest of the run
  if (from_poll) {
    self->delayed_send(self, next_safety_poll(st), classify_atom::value, true);
  } else {
    st.read_scheduled = false;
    st.steady_check_scheduled = false;
  }
  if (st.awaiting_reaction && Clock::now() >= st.reaction_due) {
    st.awaiting_reaction = false;
    ++st.screen_gen;  // only reads from now on show the agent's reaction
  }
  read_screen(self);
}

void on_classified(self_ptr self, const std::string& screen, bool dead, int exit_code,
                   std::uint64_t gen, std::uint64_t hash) {
  auto& st = self->state;
  take_screen(self, screen, dead, exit_code, gen, hash);
  if (st.read_again && !st.reading) {
    st.read_again = false;
    read_screen(self);
  }
  try_deliver(self);
}

// The message in hand came back from the I/O thread settled: quit if
// stopping, fail what waits if the pane is gone, else go on with the next.
void after_settled(self_ptr self) {
  if (self->state.stopping) return self->quit();
  if (gone(self)) return fail_all(self, "pane_exited");
  try_deliver(self);
}

void on_delivered(self_ptr self, const std::string& message_id, bool submitted) {
  auto& st = self->state;
  if (!take_back(self, message_id)) return;
  if (submitted && st.current->message.from == "leader") st.first_interaction_pending = false;
  st.current.reset();  // its outcome is in the log
  ++st.screen_gen;
  move(self, submitted ? PaneInput::submitted : PaneInput::delivery_failed);
  if (submitted) {
    st.awaiting_reaction = true;
    st.reaction_due = Clock::now() + st.cfg.submit_reaction;
    self->delayed_send(self, st.cfg.submit_reaction, classify_atom::value, false);
    st.read_scheduled = true;
  }
  after_settled(self);
}

void on_stop(self_ptr self) {
  auto& st = self->state;
  st.stopping = true;
  if (!st.current || !st.current->in_io) return self->quit();
  self->delayed_send(self, st.cfg.stop_bound, deadline_atom::value);
}

// A trust_retry timer resumes the message parked for it.
void on_fired(self_ptr self, const std::string& kind, const std::string& payload) {
  auto& st = self->state;
  if (parse_timer_kind(kind) != TimerKind::trust_retry || !st.current ||
      st.current->parked_attempt == 0)
    return;
  auto p = events::Json::parse(payload, nullptr, false);
  if (!p.is_object() || p.value("message_id", "") != st.current->message.message_id) return;
  int attempt = p.value("attempt", st.current->parked_attempt);
  st.current->parked_attempt = 0;
  st.current->parked_timer.clear();
  if (st.stopping) return;  // the next run resumes after this fired attempt
  if (gone(self)) return fail_all(self, "pane_exited");
  // Restarting, or the server is gone: the message waits in hand.
  if (st.state == PaneState::exited || st.state == PaneState::gone) return;
  start_trust(self, attempt);
}

// The team's tmux server is gone: the pane with it. What the actor holds
// stays held (not failed): it was never attempted, so the next run of the
// team delivers it. A delivery on the I/O thread ends by itself (tmux
// refuses it) and records its outcome.
void on_server_lost(self_ptr self) { move(self, PaneInput::server_lost); }

void on_trusted(self_ptr self, const std::string& message_id, TrustStep step, int attempt) {
  auto& st = self->state;
  if (!take_back(self, message_id)) return;
  switch (step) {
    case TrustStep::parked:
      st.current->parked_attempt = attempt + 1;
      st.current->parked_timer = trust_timer_id(message_id, attempt + 1);
      break;
    case TrustStep::exhausted:
      st.current.reset();  // its failure is in the log
      move(self, PaneInput::trust_ended);
      break;
    case TrustStep::not_answered:
      // Skipped or refused: the delivery goes on and its gate records
      // that the prompt is in the way. Never handled twice.
      if (!st.stopping && st.state != PaneState::exited && st.state != PaneState::gone)
        return start_delivery(self);
      break;
    case TrustStep::pane_exited:
      st.state_fresh = false;  // the next read sees the death and acts on it
      break;
    default:
      // Answered or gone: the CLI goes on starting; the message waits
      // for a steady composer.
      move(self, PaneInput::trust_ended);
      st.state_fresh = false;
  }
  after_settled(self);
}

}  // namespace

pane_actor::behavior_type pane_actor_behaviour(self_ptr self, PaneActorConfig cfg,
                                               store_writer_actor writer) {
  auto& st = self->state;
  st.cfg = std::move(cfg);
  st.writer = std::move(writer);
  st.first_interaction_pending = st.cfg.first_interaction_pending;
  st.io = std::make_unique<BlockingWorker>("pane " + st.cfg.pane.agent_id);
  read_screen(self);
  self->delayed_send(self, st.cfg.safety_poll, classify_atom::value, true);
  return {
    [self](deliver_atom, const Delivery& d) { on_deliver(self, d); },
    [self](interrupt_atom, const std::string& request_id) {
      pane_steps::interrupt_turn(self, request_id);
    },
    [self](output_atom) { on_output(self); },
    [self](classify_atom, bool from_poll) { on_classify(self, from_poll); },
    [self](classified_atom, const std::string& screen, bool dead, int exit_code, std::uint64_t gen,
           std::uint64_t hash) { on_classified(self, screen, dead, exit_code, gen, hash); },
    [self](examined_atom, bool retried, int exit_code, const std::vector<int>& escaped) {
      on_examined(self, retried, exit_code, escaped);
      try_deliver(self);
    },
    [self](delivered_atom, const std::string& message_id, bool submitted) {
      on_delivered(self, message_id, submitted);
    },
    [self](stop_atom) { on_stop(self); },
    [self](deadline_atom) { self->quit(); },
    [self](fired_atom, const std::string&, const std::string& kind, const std::string&,
           const std::string& payload) { on_fired(self, kind, payload); },
    [self](trusted_atom, const std::string& message_id, int step, int attempt) {
      on_trusted(self, message_id, static_cast<TrustStep>(step), attempt);
    },
    [self](gone_atom) { on_server_lost(self); },
    [self](fault_atom) -> void {
      throw std::runtime_error("test fault injected into pane_actor " +
                               self->state.cfg.pane.agent_id);
    },
  };
}

}  // namespace ta::actors
