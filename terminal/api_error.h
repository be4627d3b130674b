#pragma once
// API errors on the leader pane (SPEC §4): an error keyword counts only with
// an API/provider context word in the same window of 1-3 joined lines, so a
// user typing "503" or "timed out" in chat never raises an alarm, while an
// error the pane wrapped over two or three lines still matches once.
// Startup notices a CLI prints about its own housekeeping ("Remote managed
// settings failed to load (network error)") are not request failures: they
// are reported apart, as notices, and never as API errors.
#include <optional>
#include <string>
#include <vector>

#include "config/provider_profile.h"
#include "terminal/screen.h"

namespace ta::terminal {

// Windows longer than this keep only their last characters, where a wrapped
// error line ends.
inline constexpr std::size_t kApiErrorWindowChars = 400;
inline constexpr std::size_t kApiErrorWindowLines = 3;

struct ApiErrorMatch {
  std::string error_class;                 // Overloaded, RateLimit, NetworkError, Timeout, Unknown
  std::string snippet;                     // the window that matched (at most 400 characters)
  std::string matched;                     // the error keyword's text
  bool partial_response_streamed = false;  // assistant text above the error
  bool retrying = false;                   // the CLI says it retries (countdown, attempt n/m)
};

// The latest error window on the screen, if any. Windows holding a startup
// notice line are skipped.
std::optional<ApiErrorMatch> detect_api_error(const Screen& screen,
                                              const config::ProviderProfile& profile);

struct ScreenNotice {
  std::string text;  // the notice line, trimmed
  std::size_t line = 0;
};

// The latest startup notice on the screen (profile api_errors.notices).
std::optional<ScreenNotice> detect_notice(const Screen& screen,
                                          const config::ProviderProfile& profile);

// What makes two detections "the same error": the class and the snippet's
// tail, normalised (normalise_error_text) so countdowns, attempt counters,
// elapsed times, timestamps and spinner glyphs do not count.
std::string api_error_fingerprint(const ApiErrorMatch& m);

// Decides which detections become a leader.api_error. One failed request is
// one report: while its turn is live the CLI redraws the error with new
// countdowns, attempt numbers and even new cause labels (ConnectionRefused,
// FailedToOpenSocket; "Reconnecting 2/5" then "waiting for network"), and
// finally gives up with its own wording. So a report needs
//  - the first error after a screen without one (outside a live turn), or
//  - an error of another class than the one reported for the live turn, or
//  - outside a live turn, a fingerprint other than the last one seen (an
//    error left on screen above an idle composer is not reported again).
// The caller keeps one per leader pane and feeds it every classification,
// with whether the pane is working (a turn runs) on that screen.
class ApiErrorDedupe {
 public:
  bool should_report(const std::optional<ApiErrorMatch>& m, bool turn_live = false);
  const std::string& last_fingerprint() const { return last_; }

 private:
  std::string last_;           // fingerprint of the last error seen
  std::string turn_class_;     // class reported for the live turn, "" when none
};

// Reports each distinct notice once per pane session (normalised text).
class NoticeDedupe {
 public:
  bool should_report(const std::optional<ScreenNotice>& n);

 private:
  std::vector<std::string> seen_;
};

}  // namespace ta::terminal
