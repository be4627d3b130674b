#pragma once
// Every actor interface of the supervisor (SPEC §1.3), as typed actor
// handles. Messages marked "internal" are sent by threads the actor owns
// (blocking I/O never runs on CAF worker threads) and by no one else.
#include <cstdint>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "actors/atoms.h"
#include "actors/messages.h"
#include "events/event.h"

namespace ta::actors {

// Receives the event bus: every event of the log exactly once, in seq order,
// whoever appended it.
using event_subscriber_actor = caf::typed_actor<
  // A batch of consecutive events, in seq order.
  caf::reacts_to<event_atom, std::vector<events::Event>>>;

// The live log `run` prints: an event subscriber whose lines go out on a
// thread of its own; `drain` replies once every line it was given is
// written, so a run that ends prints all of its events first.
using live_log_actor = event_subscriber_actor::extend<
  caf::replies_to<drain_atom>::with<bool>,
  // Internal: the printing thread wrote everything posted before drain N.
  caf::reacts_to<drained_atom, std::uint64_t>>;

// The run's display: an event subscriber that keeps the team's panes where
// the layout puts them and each pane's border label current; the control
// connection tells it of layout changes (a resized terminal) by window id.
using display_actor = event_subscriber_actor::extend<
  caf::reacts_to<layout_atom, std::string>>;

using store_writer_actor = caf::typed_actor<
  // Appends the drafts as one atomic batch (group-committed with whatever
  // else is pending); replies with one seq per draft (the original seq for a
  // duplicate key) once the batch is durable and published.
  caf::replies_to<append_atom, std::vector<events::Draft>>::with<std::vector<std::uint64_t>>,
  // Adds a subscriber to the event bus; it gets events appended from now on.
  caf::reacts_to<subscribe_atom, event_subscriber_actor>,
  // Commits what is pending, stops the I/O thread and quits.
  caf::reacts_to<stop_atom>,
  // Starts committing and publishing when spawned paused: subscribers added
  // before it see every event after the projection's snapshot.
  caf::reacts_to<start_atom>,
  // Internal: events the I/O thread read from the log (folded already).
  caf::reacts_to<followed_atom, std::vector<events::Event>>,
  // Internal: outcome of append request `id`: its seqs, or an error sentence.
  caf::reacts_to<committed_atom, std::uint64_t, std::vector<std::uint64_t>, std::string>>;

// Receives fired timers.
using timer_owner_actor = caf::typed_actor<
  // Timer fired: schedule_id, kind, owner name, payload JSON text. Sent
  // after schedule.fired is durable.
  caf::reacts_to<fired_atom, std::string, std::string, std::string, std::string>>;

using scheduler_actor = caf::typed_actor<
  // Creates a durable timer (appends schedule.created): id, kind, owner name,
  // due_at (RFC 3339 UTC), payload JSON text. Replies with the event's seq.
  caf::replies_to<schedule_atom, std::string, std::string, std::string, std::string,
                  std::string>::with<std::uint64_t>,
  // Cancels a pending timer (appends schedule.cancelled with the reason).
  caf::reacts_to<cancel_atom, std::string, std::string>,
  // Internal: timer `schedule_id` is due (sent by the scheduler to itself).
  caf::reacts_to<fire_atom, std::string>,
  // The event bus: arms on schedule.created, disarms on fired/cancelled,
  // whichever process appended them.
  caf::reacts_to<event_atom, std::vector<events::Event>>,
  // Stops without firing anything else; pending timers stay in the log.
  caf::reacts_to<stop_atom>>;

using pane_actor = caf::typed_actor<
  // Queues an accepted message for delivery to this pane (FIFO; a message
  // already queued or delivered by this actor is ignored).
  caf::reacts_to<deliver_atom, Delivery>,
  // tmux reported output for this pane (%output): re-classify, debounced.
  caf::reacts_to<output_atom>,
  // Finishes the in-flight delivery (bounded) and quits.
  caf::reacts_to<stop_atom>,
  // Test-only: crash (throws), to exercise the supervisor's restarts.
  caf::reacts_to<fault_atom>,
  // Internal: read the screen now; true from the safety poll (which re-arms
  // itself), false from the output debounce.
  caf::reacts_to<classify_atom, bool>,
  // Internal, from the pane's I/O thread: what the screen shows (idle,
  // working, starting, trust_prompt, …, exited), whether the pane is dead,
  // its exit status (-1 unknown), the screen generation the read began in,
  // and a hash of the screen's text (an idle composer must stand still).
  caf::reacts_to<classified_atom, std::string, bool, int, std::uint64_t, std::uint64_t>,
  // Internal, from the pane's I/O thread: message_id's delivery ended; its
  // outcome events are durable already.
  caf::reacts_to<delivered_atom, std::string, bool>,
  // Internal: the bounded wait for the in-flight delivery at stop ran out.
  caf::reacts_to<deadline_atom>,
  // A durable timer this pane owns fired (kind trust_retry: answer the trust
  // prompt again for the parked message): id, kind, owner, payload JSON.
  caf::reacts_to<fired_atom, std::string, std::string, std::string, std::string>,
  // Internal, from the pane's I/O thread: handling the trust prompt in front
  // of message_id ended with this TrustStep; the attempt it made.
  caf::reacts_to<trusted_atom, std::string, int, int>,
  // Internal, from the pane's I/O thread: the exited program was examined
  // (pane.exited is durable): whether the pane was started again, the exit
  // status, and the pids now recorded as escaped.
  caf::reacts_to<examined_atom, bool, int, std::vector<int>>,
  // Interrupts the agent's running turn with its provider's interrupt keys
  // for request `id` (agent.cancel_requested); appends agent.cancelled and
  // agent.request_completed.
  caf::reacts_to<interrupt_atom, std::string>,
  // The team's tmux server is gone (tmux.server_lost): the pane is `gone`
  // for the rest of the run; nothing is delivered and nothing it holds is
  // failed (the next run delivers it). Sent by the supervisor.
  caf::reacts_to<gone_atom>>;

// The leader_watcher (SPEC §1.3) has no interface of its own: it is the
// leader pane's pane_actor in leader mode (PaneTarget::leader set): the same
// FIFO and injection path deliver worker messages and result notifications,
// and in addition each screen read looks for API errors (leader.api_error,
// once per error until a clean screen) and a message the pane cannot take
// goes to .team/leader-inbox.log. One actor per pane keeps deliveries to the
// leader strictly one at a time.

// Records which CLI session holds each agent's context: looks for the
// session after each launch and each submitted message, and appends
// session.captured or session.capture_missing (actors/session_keeper.h).
using session_keeper_actor = caf::typed_actor<
  // The event bus: session.launched, send.submitted,
  // leader_receiver.submitted, session.captured, session.discarded.
  caf::reacts_to<event_atom, std::vector<events::Event>>,
  // A last, bounded look for the sessions not captured yet; then quits.
  caf::reacts_to<stop_atom>,
  // Internal: look for the named agent's session again.
  caf::reacts_to<capture_atom, std::string>,
  // Internal, from the I/O thread: outcomes are ready to be taken.
  caf::reacts_to<captured_atom>,
  // Internal: the last look ran out of time; quit.
  caf::reacts_to<deadline_atom>>;

// Watches the team's health (actors/health_watch.h): each agent's turn
// state from its CLI's session file and its pane, the leader's idle
// reminder, stuck and faulted agents, approvals waiting on a person.
using health_watch_actor = caf::typed_actor<
  // The event bus: panes, sessions, messages, idle acknowledgements.
  caf::reacts_to<event_atom, std::vector<events::Event>>,
  // Quits (nothing is pending that must be recorded).
  caf::reacts_to<stop_atom>,
  // Internal: look at the team now.
  caf::reacts_to<tick_atom>,
  // Internal, from the I/O thread: its readings are ready.
  caf::reacts_to<observed_atom>>;

// What a pane host (docs/scale-out.md) reaches of the run over the network:
// published by `run` when the spec places agents on pane hosts. The pane
// host's pane actors record through the run's store writer like local ones,
// and the supervisor routes their messages to them.
using pane_host_gate_actor = caf::typed_actor<
  // A pane host introduces itself by name; replies with the writer its pane
  // actors record through, the run's id, and the workers a leader message
  // reached already (worker.first_interaction).
  caf::replies_to<hello_atom, std::string>::with<store_writer_actor, std::string,
                                                 std::vector<std::string>>,
  // The pane host's pane actor for an agent is up: host, agent, actor.
  caf::reacts_to<attach_atom, std::string, std::string, pane_actor>>;

// A pane host's keeper (supervisor/pane_host.cc): watches the run's gate
// and the host's pane actors; the host process ends with it.
using pane_host_keeper_actor = caf::typed_actor<
  // A signal: stop the pane actors (bounded, as a run's stop) and quit.
  caf::reacts_to<stop_atom>>;

using supervisor_actor = caf::typed_actor<
  // A signal from the signal thread: the first SIGINT/SIGTERM/SIGHUP starts
  // a graceful stop (the second one never reaches the actor: the signal
  // thread exits the process at once).
  caf::reacts_to<signal_atom, int>,
  // Starts a graceful stop, as the first signal would.
  caf::reacts_to<stop_atom>,
  // The event bus: routes message.accepted to the recipient's pane_actor
  // and tracks what each pane still owes.
  caf::reacts_to<event_atom, std::vector<events::Event>>,
  // tmux reported output for pane `pane_id` (from the control client's
  // reader thread); forwarded to that pane's actor.
  caf::reacts_to<output_atom, std::string>,
  // Test-only: crash the named child ("pane_actor:<agent>", the leader's
  // included), when the run has test hooks enabled.
  caf::reacts_to<fault_atom, std::string>,
  // Internal: start the named crashed child again after its backoff.
  caf::reacts_to<restart_atom, std::string>,
  // Internal: the graceful stop's bound ran out; finish without waiting.
  caf::reacts_to<finish_atom>,
  // Internal, from the lifecycle worker: the blocking part of per-agent
  // request `id` (agent.<verb>_requested) is done; its result is waiting.
  caf::reacts_to<lifecycle_atom, std::string>,
  // A durable timer fired; routed to its owner by name.
  caf::reacts_to<fired_atom, std::string, std::string, std::string, std::string>,
  // The team's tmux server no longer answers (from the run's loss watch,
  // which tells a control-client hiccup from a dead server): socket,
  // session, why. Records tmux.server_lost once, makes every pane `gone`
  // and, under runtime.restart "on-failure", stops the run so that it
  // restarts the team (supervisor/run.cc).
  caf::reacts_to<tmux_lost_atom, std::string, std::string, std::string>,
  // From the pane host gate, delegated: a pane host introduces itself
  // (pane_host_gate_actor's hello).
  caf::replies_to<hello_atom, std::string>::with<store_writer_actor, std::string,
                                                 std::vector<std::string>>,
  // From the pane host gate: a pane host's pane actor for `agent` is up
  // (host, agent, actor); the supervisor monitors it, routes the agent's
  // messages to it and hands it what the agent is owed. Its loss is
  // pane_host.lost, never a restart (the pane host owns the pane).
  caf::reacts_to<attach_atom, std::string, std::string, pane_actor>>;

}  // namespace ta::actors
