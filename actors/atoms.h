#pragma once
// Every atom the actors use, in one place. CAF 0.17 atoms are at most 10
// characters (they are packed into a 64-bit atom_value).
#include <caf/atom.hpp>

namespace ta::actors {

// store_writer: append a batch of drafts to the log.
using append_atom = caf::atom_constant<caf::atom("append")>;
// store_writer: add an actor to the event bus.
using subscribe_atom = caf::atom_constant<caf::atom("subscribe")>;
// Event bus: a batch of events, in seq order, sent to each subscriber.
using event_atom = caf::atom_constant<caf::atom("event")>;
// Any actor: finish in-flight work, flush, then quit.
using stop_atom = caf::atom_constant<caf::atom("stop")>;
// store_writer internal: results of one append round from the I/O thread.
using committed_atom = caf::atom_constant<caf::atom("committed")>;
// store_writer internal: events the I/O thread read from the log.
using followed_atom = caf::atom_constant<caf::atom("followed")>;
// scheduler: create / cancel a durable timer; timer due (internal).
using schedule_atom = caf::atom_constant<caf::atom("schedule")>;
using cancel_atom = caf::atom_constant<caf::atom("cancel")>;
using fire_atom = caf::atom_constant<caf::atom("fire")>;
// scheduler -> owner: a timer fired.
using fired_atom = caf::atom_constant<caf::atom("fired")>;
// pane_actor / leader_watcher: tmux reported output for the pane.
using output_atom = caf::atom_constant<caf::atom("output")>;
// pane_actor: queue an accepted message for delivery.
using deliver_atom = caf::atom_constant<caf::atom("deliver")>;
// supervisor: a POSIX signal forwarded by the sigwait thread.
using signal_atom = caf::atom_constant<caf::atom("signal")>;
// store_writer: start committing and publishing (after the first subscribers).
using start_atom = caf::atom_constant<caf::atom("start")>;
// pane_actor: look at the screen again (debounced output, safety poll).
using classify_atom = caf::atom_constant<caf::atom("classify")>;
// pane_actor internal: what the screen shows now.
using classified_atom = caf::atom_constant<caf::atom("classified")>;
// pane_actor internal: a delivery finished (its outcome is in the log).
using delivered_atom = caf::atom_constant<caf::atom("delivered")>;
// pane_actor internal: the bounded wait for an in-flight delivery ran out.
using deadline_atom = caf::atom_constant<caf::atom("deadline")>;
// pane_actor internal: how handling a trust prompt ended.
using trusted_atom = caf::atom_constant<caf::atom("trusted")>;
// pane_actor internal: the exited agent's program was looked at (and maybe
// started again).
using examined_atom = caf::atom_constant<caf::atom("examined")>;
// Test-only: crash this actor (supervisor: crash the named child).
using fault_atom = caf::atom_constant<caf::atom("fault")>;
// supervisor internal: start a crashed child again after its backoff.
using restart_atom = caf::atom_constant<caf::atom("restart")>;
// supervisor internal: the graceful stop is done (or out of time).
using finish_atom = caf::atom_constant<caf::atom("finish")>;

// session_keeper internal: look for an agent's session again; the I/O
// thread's outcomes are ready.
using capture_atom = caf::atom_constant<caf::atom("capture")>;
using captured_atom = caf::atom_constant<caf::atom("captured")>;

// supervisor internal: the per-agent lifecycle worker finished a request's job.
using lifecycle_atom = caf::atom_constant<caf::atom("lifecycle")>;

// health_watch internal: time to look at the team; the I/O thread's
// readings are ready.
using tick_atom = caf::atom_constant<caf::atom("tick")>;
using observed_atom = caf::atom_constant<caf::atom("observed")>;
// pane_actor: interrupt the agent's running turn (`team-agent cancel`).
using interrupt_atom = caf::atom_constant<caf::atom("interrupt")>;
// supervisor: the team's tmux server is gone (from the run's loss watch).
using tmux_lost_atom = caf::atom_constant<caf::atom("tmux_lost")>;
// pane_actor: the team's tmux server is gone: deliver nothing, keep every message.
using gone_atom = caf::atom_constant<caf::atom("gone")>;
// live log: reply once every line given so far is written out.
using drain_atom = caf::atom_constant<caf::atom("drain")>;
// live log, internal: its printing thread reached drain number N.
using drained_atom = caf::atom_constant<caf::atom("drained")>;
// display: a window's layout changed (the terminal was resized, panes moved).
using layout_atom = caf::atom_constant<caf::atom("layout")>;
// pane host gate: a pane host introduces itself; its pane actor for an agent is up.
using hello_atom = caf::atom_constant<caf::atom("hello")>;
using attach_atom = caf::atom_constant<caf::atom("attach")>;
}  // namespace ta::actors
