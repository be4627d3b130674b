#pragma once
// The steps of the pane actor that keep its state machine and its books:
// recording a move, reading the screen on the I/O thread, an exited agent
// (restart or fail what it held), and whether an idle composer stood still.
// Split from pane_actor.cc, which decides what to deliver and when.
#include <cstdint>
#include <string>
#include <vector>

#include <caf/actor_cast.hpp>
#include <caf/send.hpp>

#include "actors/pane_actor.h"

namespace ta::actors::pane_steps {

using self_ptr = pane_actor::stateful_pointer<PaneActorState>;

// Sends to the actor if it still lives (from its I/O thread).
template <class... Ts>
void tell(const caf::weak_actor_ptr& weak, Ts&&... xs) {
  if (auto strong = weak.lock())
    caf::anon_send(caf::actor_cast<pane_actor>(strong), std::forward<Ts>(xs)...);
}

// Appends observations (state changes, deferrals); the writer reports failures.
void append(self_ptr self, std::vector<events::Draft> drafts);
// The one place the state machine moves; a change is recorded.
void move(self_ptr self, PaneInput in);
// Reads and classifies the screen on the I/O thread (classified_atom back).
void read_screen(self_ptr self);
// Exited for good: no restart of the agent is under way.
bool gone(self_ptr self);
// Fails the message in hand (unless the I/O thread owns it) and everything
// waiting, once; cancels their trust retries.
void fail_all(self_ptr self, const std::string& reason);
// The agent's process exited: the I/O thread records why (pane_death.h)
// and answers with examined_atom.
void on_death(self_ptr self, int exit_code);
// After that: started again already, or restart it under the policy, or
// fail what the pane held.
void on_examined(self_ptr self, bool retried, int exit_code, const std::vector<int>& escaped);
// Whether an idle screen stood still for the settle time; if not yet, a
// read is scheduled for when it would have.
bool idle_is_steady(self_ptr self, std::uint64_t hash);

// `team-agent cancel`: sends the provider's interrupt keys on the I/O thread
// and records agent.cancelled and the request's completion.
void interrupt_turn(self_ptr self, const std::string& request_id);

}  // namespace ta::actors::pane_steps
