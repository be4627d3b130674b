#include "actors/pane_state.h"

#include <algorithm>

namespace ta::actors {

const char* pane_state_name(PaneState s) {
  switch (s) {
    case PaneState::starting: return "starting";
    case PaneState::ready: return "ready";
    case PaneState::busy: return "busy";
    case PaneState::blocked: return "blocked";
    case PaneState::delivering: return "delivering";
    case PaneState::awaiting_trust: return "awaiting_trust";
    case PaneState::exited: return "exited";
    case PaneState::gone: return "gone";
  }
  return "starting";
}

namespace {

// A screen read while the pane lives its normal life (not starting, not in
// our hands, not dead).
PaneState from_screen(PaneState s, PaneInput in) {
  switch (in) {
    case PaneInput::screen_ready: return PaneState::ready;
    case PaneInput::screen_busy: return PaneState::busy;
    case PaneInput::screen_blocked:
    case PaneInput::screen_trust: return PaneState::blocked;
    // Neither idle nor working: not a reason to hold messages back once the
    // agent has shown it is up (the gate still refuses non-input screens).
    case PaneInput::screen_unclear: return s == PaneState::blocked ? s : PaneState::ready;
    // A live composer that redraws (a wide redraw, a resize) is not a restart.
    case PaneInput::screen_starting: return s;
    default: return s;
  }
}

bool is_screen(PaneInput in) {
  switch (in) {
    case PaneInput::screen_starting:
    case PaneInput::screen_ready:
    case PaneInput::screen_busy:
    case PaneInput::screen_unclear:
    case PaneInput::screen_blocked:
    case PaneInput::screen_trust: return true;
    default: return false;
  }
}

}  // namespace

PaneState next_pane_state(PaneState s, PaneInput in) {
  // With its server the pane is gone for good: this run never reads it again.
  if (s == PaneState::gone || in == PaneInput::server_lost) return PaneState::gone;
  if (in == PaneInput::died) return PaneState::exited;
  switch (s) {
    case PaneState::exited:
      // Only a new process starts the machine again: the restart policy's,
      // or one a read shows alive in the pane (respawned by hand).
      return in == PaneInput::respawned ? PaneState::starting : s;
    case PaneState::starting:
      // Until the composer is drawn and steady nothing is pasted: a splash
      // with a composer-like line, a logo, a half-drawn screen all wait.
      if (in == PaneInput::screen_ready) return PaneState::ready;
      if (in == PaneInput::screen_blocked || in == PaneInput::screen_trust) return PaneState::blocked;
      if (in == PaneInput::trust_started) return PaneState::awaiting_trust;
      return s;
    case PaneState::delivering:
      // Screens read while our own paste is on them say nothing.
      if (in == PaneInput::submitted) return PaneState::busy;
      if (in == PaneInput::delivery_failed) return PaneState::blocked;
      return s;
    case PaneState::awaiting_trust:
      if (in == PaneInput::trust_ended) return PaneState::starting;
      if (in == PaneInput::delivery_started) return PaneState::delivering;
      return s;
    case PaneState::ready:
    case PaneState::busy:
    case PaneState::blocked:
      if (in == PaneInput::delivery_started) return PaneState::delivering;
      if (in == PaneInput::trust_started) return PaneState::awaiting_trust;
      if (in == PaneInput::respawned) return PaneState::starting;
      if (is_screen(in)) {
        // A non-input screen that turns idle must be steady before we paste.
        if (s == PaneState::blocked && in == PaneInput::screen_ready) return PaneState::ready;
        return from_screen(s, in);
      }
      return s;
    case PaneState::gone:
      return s;
  }
  return s;
}

std::optional<PaneInput> screen_input(const std::string& screen, bool steady) {
  if (screen == "unknown") return std::nullopt;
  if (screen == "exited") return PaneInput::died;
  if (screen == "starting") return PaneInput::screen_starting;
  if (screen == "idle") return steady ? PaneInput::screen_ready : PaneInput::screen_starting;
  if (screen == "working") return PaneInput::screen_busy;
  if (screen == "stuck" || screen == "uncertain") return PaneInput::screen_unclear;
  if (screen == "trust_prompt") return PaneInput::screen_trust;
  return PaneInput::screen_blocked;
}

std::chrono::milliseconds quiet_poll_interval(std::chrono::milliseconds base,
                                              std::chrono::milliseconds max, int quiet_polls) {
  const auto step = base * (1 + std::max(quiet_polls, 0) / 2);
  return std::max(base, std::min(step, max));
}

}  // namespace ta::actors
