#include "actors/pane_actor.h"

#include <stdexcept>

#include <caf/actor_cast.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <thread>

#include <spdlog/spdlog.h>

#include "actors/append_blocking.h"
#include "actors/leader_inbox.h"
#include "events/types.h"
#include "terminal/tmux_ops.h"

namespace ta::actors {

namespace {

using self_ptr = pane_actor::stateful_pointer<PaneActorState>;

template <class... Ts>
void tell(const caf::weak_actor_ptr& weak, Ts&&... xs) {
  if (auto strong = weak.lock())
    caf::anon_send(caf::actor_cast<pane_actor>(strong), std::forward<Ts>(xs)...);
}

void append(self_ptr self, std::vector<events::Draft> drafts) {
  // Fire and forget: the store_writer reports its own failures, and these
  // events (state changes, deferrals) are observations, not decisions.
  self->request(self->state.writer, caf::infinite, append_atom::value, std::move(drafts))
    .then([](const std::vector<std::uint64_t>&) {});
}

void read_screen(self_ptr self) {
  auto& st = self->state;
  if (st.reading) {
    st.read_again = true;
    return;
  }
  st.reading = true;
  caf::weak_actor_ptr weak{self->ctrl()};
  auto* sys = &self->system();
  st.io->post([weak, sys, writer = st.writer, pane = st.cfg.pane, gen = st.screen_gen] {
    auto s = read_pane_screen(pane);
    watch_leader_screen(*sys, writer, pane, s);
    tell(weak, classified_atom::value, s.state, s.dead, s.exit_code, gen);
  });
}

void fail_queued(self_ptr self, const std::string& reason) {
  auto& st = self->state;
  std::vector<events::Draft> drafts;
  for (auto& m : st.queue) {
    drafts.push_back(failed_without_inject(m, reason, "gate"));
  }
  if (auto leader = st.cfg.pane.leader) {
    // Written on the I/O thread, which owns the inbox file's blocking writes.
    auto* sys = &self->system();
    st.io->post([sys, writer = st.writer, leader, queue = st.queue, reason,
                 drafts = std::move(drafts)]() mutable {
      for (auto& m : queue)
        drafts.push_back(leader_inbox_fallback(leader->inbox_path, leader->session, m, reason));
      (void)append_blocking(*sys, writer, std::move(drafts));
    });
  } else if (!drafts.empty()) {
    append(self, std::move(drafts));
  }
  st.queue.clear();
}

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
                                  cfg.provider_version};
      (void)append_blocking(*sys, writer, {events::to_draft(started)});
    }
    auto s = read_pane_screen(pane);
    tell(weak, classified_atom::value, s.state, s.dead, s.exit_code, gen);
  });
  return true;
}

void start_delivery(self_ptr self);

// Handles the trust prompt in front of the queue's first message on the I/O
// thread; the outcome comes back as trusted_atom.
void start_trust(self_ptr self, int attempt) {
  auto& st = self->state;
  const Delivery& next = st.queue.front();
  st.in_flight = next.message_id;
  st.state_fresh = false;
  ++st.screen_gen;
  caf::weak_actor_ptr weak{self->ctrl()};
  auto* sys = &self->system();
  st.io->post([weak, sys, writer = st.writer, pane = st.cfg.pane, policy = st.cfg.trust, next,
               attempt] {
    if (attempt > 1)
      (void)append_blocking(*sys, writer, {events::to_draft(events::TrustRetryAttempted{
                                             pane.agent_id, next.message_id, attempt})});
    auto step = handle_trust_prompt(*sys, writer, pane, policy, next, attempt);
    tell(weak, trusted_atom::value, next.message_id, static_cast<int>(step));
  });
}

void try_deliver(self_ptr self) {
  auto& st = self->state;
  if (st.stopping || !st.in_flight.empty() || st.queue.empty() || st.exited) return;
  if (!st.parked.empty()) return;  // FIFO: nothing overtakes a parked message
  const Delivery& next = st.queue.front();
  if (next.trust_resume_attempt > 0) {
    int attempt = next.trust_resume_attempt;
    st.queue.front().trust_resume_attempt = 0;
    return start_trust(self, attempt);
  }
  if (next.trust_attempt_pending > 0) {
    // A retry scheduled by an earlier run; its timer resumes this message.
    st.parked = next.message_id;
    st.parked_attempt = next.trust_attempt_pending;
    return;
  }
  if (!st.state_fresh) {
    // While the agent gets its moment to react, the timer brings the next read.
    if (!st.awaiting_reaction) read_screen(self);
    return;
  }
  if (st.state == "trust_prompt") return start_trust(self, 1);
  if (state_is_busy(st.state) && !next.now) {
    if (st.deferral_noted.insert(next.message_id).second)
      append(self, {events::to_draft(events::SendDeferredBusy{next.message_id, next.to, st.state})});
    return;  // the next screen read that shows the agent idle resumes
  }
  start_delivery(self);
}

void start_delivery(self_ptr self) {
  auto& st = self->state;
  const Delivery& next = st.queue.front();
  st.in_flight = next.message_id;
  st.state_fresh = false;
  ++st.screen_gen;
  DeliveryJob job;
  job.message = next;
  job.stamp_first_interaction = st.cfg.first_interaction_pending && next.from == "leader";
  caf::weak_actor_ptr weak{self->ctrl()};
  auto* sys = &self->system();
  st.io->post([weak, sys, writer = st.writer, pane = st.cfg.pane, job] {
    auto out = deliver_message(*sys, writer, pane, job);
    tell(weak, delivered_atom::value, job.message.message_id, out.submitted);
  });
}

}  // namespace

pane_actor::behavior_type pane_actor_behaviour(self_ptr self, PaneActorConfig cfg,
                                               store_writer_actor writer) {
  auto& st = self->state;
  st.cfg = std::move(cfg);
  st.writer = std::move(writer);
  st.io = std::make_unique<BlockingWorker>("pane " + st.cfg.pane.agent_id);
  read_screen(self);
  self->delayed_send(self, st.cfg.safety_poll, classify_atom::value, true);
  return {
    [self](deliver_atom, const Delivery& d) {
      auto& st = self->state;
      if (!st.seen.insert(d.message_id).second) return;
      if (st.exited && !st.restarting_agent) {
        st.queue.push_back(d);
        return fail_queued(self, "pane_exited");
      }
      st.queue.push_back(d);
      try_deliver(self);
    },
    [self](output_atom) {
      auto& st = self->state;
      if (st.read_scheduled) return;
      st.read_scheduled = true;
      self->delayed_send(self, st.cfg.debounce, classify_atom::value, false);
    },
    [self](classify_atom, bool from_poll) {
      auto& st = self->state;
      if (from_poll) {
        self->delayed_send(self, st.cfg.safety_poll, classify_atom::value, true);
      } else {
        st.read_scheduled = false;
      }
      if (st.awaiting_reaction && std::chrono::steady_clock::now() >= st.reaction_due) {
        st.awaiting_reaction = false;
        ++st.screen_gen;  // only reads from now on show the agent's reaction
      }
      read_screen(self);
    },
    [self](classified_atom, const std::string& state, bool dead, int exit_code,
           std::uint64_t gen) {
      auto& st = self->state;
      st.reading = false;
      // "unknown" means tmux could not be asked; it is not a state of the pane.
      if (state != "unknown") {
        if (state != st.state)
          append(self, {events::to_draft(
                         events::PaneStateChanged{st.cfg.pane.agent_id, st.state, state})});
        st.state = state;
        if (gen == st.screen_gen && !st.awaiting_reaction) st.state_fresh = true;
      }
      if (dead) {
        // Newly dead, or dead again right after the restart policy's attempt.
        if (!st.exited || st.restarting_agent) {
          st.exited = true;
          st.restarting_agent = false;
          append(self, {events::to_draft(events::PaneExited{st.cfg.pane.agent_id,
                                                            st.cfg.pane.pane_id, exit_code})});
          if (restart_agent(self, exit_code)) {
            st.reading = true;  // the restart job reports the new screen
            st.restarting_agent = true;
          } else if (st.in_flight.empty()) {
            fail_queued(self, "pane_exited");
          }
        }
      } else if (state != "unknown") {
        st.exited = false;
        st.restarting_agent = false;
      }
      if (st.read_again) {
        st.read_again = false;
        read_screen(self);
      }
      try_deliver(self);
    },
    [self](delivered_atom, const std::string& message_id, bool submitted) {
      auto& st = self->state;
      if (message_id != st.in_flight) return;
      st.in_flight.clear();
      if (!st.queue.empty() && st.queue.front().message_id == message_id) {
        if (submitted && st.queue.front().from == "leader") st.cfg.first_interaction_pending = false;
        st.queue.pop_front();
      }
      ++st.screen_gen;
      if (submitted) {
        st.awaiting_reaction = true;
        st.reaction_due = std::chrono::steady_clock::now() + st.cfg.submit_reaction;
        self->delayed_send(self, st.cfg.submit_reaction, classify_atom::value, false);
        st.read_scheduled = true;
      }
      if (st.stopping) return self->quit();
      if (st.exited) return fail_queued(self, "pane_exited");
      try_deliver(self);
    },
    [self](stop_atom) {
      auto& st = self->state;
      st.stopping = true;
      if (st.in_flight.empty()) return self->quit();
      self->delayed_send(self, st.cfg.stop_bound, deadline_atom::value);
    },
    [self](deadline_atom) { self->quit(); },
    [self](fired_atom, const std::string&, const std::string& kind, const std::string&,
           const std::string& payload) {
      auto& st = self->state;
      if (kind != "trust_retry") return;
      auto p = events::Json::parse(payload, nullptr, false);
      if (!p.is_object() || st.parked.empty() || p.value("message_id", "") != st.parked) return;
      int attempt = p.value("attempt", st.parked_attempt);
      st.parked.clear();
      if (st.stopping) return;  // the next run resumes after this fired attempt
      st.queue.front().trust_attempt_pending = 0;
      start_trust(self, attempt);
    },
    [self](trusted_atom, const std::string& message_id, int step) {
      auto& st = self->state;
      if (message_id != st.in_flight || st.queue.empty()) return;
      st.in_flight.clear();
      switch (static_cast<TrustStep>(step)) {
        case TrustStep::parked:
          st.parked = message_id;
          break;
        case TrustStep::exhausted:
          st.queue.pop_front();
          break;
        default:
          // Answered, gone, or not answered: deliver now; the gate records
          // a refusal if the prompt is still there.
          if (!st.stopping && !st.exited) return start_delivery(self);
      }
      if (st.stopping) return self->quit();
      try_deliver(self);
    },
    [self](fault_atom) -> void {
      throw std::runtime_error("test fault injected into pane_actor " +
                               self->state.cfg.pane.agent_id);
    },
  };
}

}  // namespace ta::actors
