#pragma once
// The pane_actor (SPEC §1.3, §3): owns delivery into one agent's pane. A
// FIFO of accepted messages, one delivery at a time. Its life is the state
// machine of pane_state.h: nothing is pasted while the CLI is starting (no
// steady composer yet: send.deferred_starting once per message) or busy
// (send.deferred_busy once, unless --now); a trust prompt in front of the
// next message is handled first; a dead pane fails what it holds, once. It
// re-reads the screen when tmux reports output for the pane (debounced)
// plus a slow safety poll, and records each move of its state machine as
// pane.state_changed and pane.exited once. Everything blocking runs on the
// pane's own I/O thread.
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "actors/blocking_worker.h"
#include "actors/interfaces.h"
#include "actors/pane_io.h"
#include "actors/pane_state.h"
#include "actors/pane_trust.h"
#include "terminal/tmux_ops.h"

namespace ta::actors {

struct PaneActorConfig {
  PaneTarget pane;
  // A worker no leader message reached yet: its first one stamps
  // worker.first_interaction.
  bool first_interaction_pending = false;
  std::chrono::milliseconds debounce{25};
  // While the agent works and nothing waits for it, its output (a streamed
  // build log, a spinner) only says "still working": it is read at most this
  // often, the cadence of a polling watcher (the read after its last output
  // still comes, this late at most). With a message waiting, output is read
  // after `debounce` as always.
  std::chrono::milliseconds busy_read_interval{500};
  std::chrono::milliseconds safety_poll{2000};
  // A pane that showed no output and got nothing to deliver for a while is
  // looked at less often, up to this: an idle team costs little. Any output
  // or delivery brings the poll back to safety_poll.
  std::chrono::milliseconds quiet_poll_max{6000};
  // How long stop waits for the in-flight delivery.
  std::chrono::milliseconds stop_bound{5000};
  // After a submit, how long the agent gets to show it started working
  // before the screen is trusted again (an idle screen read right after the
  // Enter is usually just the old one).
  std::chrono::milliseconds submit_reaction{150};
  // Restart policy "on-failure": an agent that exits with a non-zero (or
  // unknown) status is started again with its original command, at most
  // max_agent_restarts times per run, after 1 s, 2 s, 4 s …; messages for
  // it wait meanwhile. "never": its queued messages fail as pane_exited.
  bool restart_on_failure = false;
  int max_agent_restarts = 3;
  std::string provider;
  std::string provider_version;  // for pane.started; asked once per run by `run`
  terminal::SpawnSpec launch;  // what the pane runs, for a restart
  TrustPolicy trust;
  // The team's process marker (terminal/pane_processes.h): what the agent's
  // program leaves behind when it exits is found by it.
  std::string workspace;
  std::string tmux_socket;
  // The pane host running this actor (docs/scale-out.md); empty: the run.
  std::string host;
};

// The message the actor is working on: being delivered or having its trust
// prompt handled on the I/O thread, or parked until its trust_retry timer.
// Held apart from the waiting queue, so no handler ever reads the front of
// an empty queue.
struct CurrentMessage {
  Delivery message;
  bool in_io = false;        // a job on the I/O thread owns it now
  int parked_attempt = 0;    // > 0: waiting for the trust_retry timer of this attempt
  std::string parked_timer = {};  // that timer's schedule id
};

// How long an idle screen has looked the same: a composer counts as ready
// only once it stood still for the provider's settle time.
struct SteadyScreen {
  bool seen = false;
  std::uint64_t hash = 0;
  std::chrono::steady_clock::time_point since;
};

struct PaneActorState {
  PaneActorConfig cfg;  // as given at spawn; read only
  store_writer_actor writer;
  // Starts as cfg.first_interaction_pending; ends with the first leader
  // message this actor submits.
  bool first_interaction_pending = false;
  std::unique_ptr<BlockingWorker> io;
  PaneState state = PaneState::starting;
  std::string screen = "unknown";         // what the last read showed
  std::string recorded_screen = "unknown";  // the screen of the last pane.state_changed
  std::deque<Delivery> waiting;           // accepted, not started yet
  std::optional<CurrentMessage> current;
  std::set<std::string> seen;            // message ids queued or delivered here
  std::set<std::string> deferral_noted;  // send.deferred_* appended (per message and reason)
  // Bumped whenever our own input changes the pane (a delivery or a trust
  // answer starts, and again once the agent had time to react to a submit):
  // a read that began in an older generation says nothing about the pane now.
  std::uint64_t screen_gen = 0;
  bool state_fresh = false;  // a read of the current generation decided the state
  bool awaiting_reaction = false;  // a submit happened; give the agent a moment
  std::chrono::steady_clock::time_point reaction_due;
  SteadyScreen idle;
  bool reading = false;         // a screen read is queued or running
  std::chrono::steady_clock::time_point last_read;  // when the last one started
  bool read_again = false;      // output arrived during that read
  bool read_scheduled = false;  // the debounce timer is set
  bool steady_check_scheduled = false;
  int quiet_polls = 0;  // safety polls in a row with no output or delivery between
  int agent_restarts = 0;         // by the restart policy, this run
  bool restarting_agent = false;  // the policy's restart is under way
  bool examining_death = false;   // the I/O thread looks at why it exited
  bool ever_ready = false;        // its program reached a ready composer since it was started
  bool start_retried = false;     // a stale process was ended and the start tried again
  std::set<int> escaped_noted;    // pids recorded as pane.process_escaped
  bool stopping = false;
  static inline const char* name = "pane_actor";
};

pane_actor::behavior_type pane_actor_behaviour(pane_actor::stateful_pointer<PaneActorState> self,
                                               PaneActorConfig cfg, store_writer_actor writer);

}  // namespace ta::actors
