#pragma once
// The pane actor's life as one state machine: which state a pane is in and
// how each thing that happens to it moves it on. Pure: the actor feeds it
// what it read or did, and records every change as pane.state_changed.
//
//   starting ──ready screen, stable──▶ ready ◀──▶ busy
//      │                                 │  ▲
//      │                    delivery_started  submitted / failed
//      │                                 ▼  │
//      └──trust screen──▶ blocked ──▶ delivering
//                           │
//                     trust_started ──▶ awaiting_trust ──trust_ended──▶ starting
//   any ──died──▶ exited ──respawned──▶ starting
//   any ──server_lost──▶ gone (for the rest of the run)
#include <chrono>
#include <optional>
#include <string>

namespace ta::actors {

enum class PaneState {
  starting,        // launched, its composer not (yet) drawn and steady: nothing is pasted
  ready,           // an idle composer: the next message may be pasted
  busy,            // the agent works; messages wait unless sent with --now
  blocked,         // a screen that takes no input (trust prompt, menu, login, …)
  delivering,      // a message is being pasted and submitted
  awaiting_trust,  // a trust prompt in front of the next message is handled or retried
  exited,          // the agent's process is gone
  gone,            // the team's tmux server is gone: nothing is delivered, nothing failed
};

const char* pane_state_name(PaneState s);

// What happened: a classified screen read, or something the actor did.
enum class PaneInput {
  screen_starting,  // splash, logo, an empty or unreadable-as-anything screen while starting
  screen_ready,     // an idle composer, steady for the provider's settle time
  screen_busy,      // working markers
  screen_unclear,   // neither idle nor working markers (stuck, uncertain)
  screen_blocked,   // a non-input screen other than a trust prompt
  screen_trust,     // a trust prompt
  delivery_started,
  submitted,        // the delivery ended with send.submitted
  delivery_failed,  // the delivery ended with send.failed
  trust_started,
  trust_ended,      // answered, gone, refused or exhausted: the CLI goes on starting
  died,
  respawned,
  server_lost,      // the team's tmux server no longer answers (tmux.server_lost)
};

// The state after `in`. Inputs that mean nothing in a state leave it as it is.
PaneState next_pane_state(PaneState s, PaneInput in);

// The input a screen read gives, from the state string read_pane_screen
// produced ("idle", "working", "trust_prompt", "starting", "exited", …).
// `steady` says whether an idle screen has been unchanged for the settle
// time; leaving `starting` (and a non-input screen) needs that.
// nullopt: the read said nothing about the pane (tmux unreachable).
std::optional<PaneInput> screen_input(const std::string& screen, bool steady);

// Whether a message may be pasted in this state (ignoring --now).
inline bool pane_takes_input(PaneState s) { return s == PaneState::ready; }

// The wait before the next safety read of a pane after `quiet_polls` reads
// in a row with no output and nothing to deliver: two reads at each step of
// `base` (2 s, 2 s, 4 s, 4 s, 6 s …), never more than `max` nor less than
// `base`.
std::chrono::milliseconds quiet_poll_interval(std::chrono::milliseconds base,
                                              std::chrono::milliseconds max, int quiet_polls);

}  // namespace ta::actors
