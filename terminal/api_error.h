#pragma once
// API errors on the leader pane (SPEC §4): an error keyword counts only with
// an API/provider context word in the same window of 1-3 joined lines, so a
// user typing "503" or "timed out" in chat never raises an alarm, while an
// error the pane wrapped over two or three lines still matches once.
#include <optional>
#include <string>

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
};

// The latest error window on the screen, if any.
std::optional<ApiErrorMatch> detect_api_error(const Screen& screen,
                                              const config::ProviderProfile& profile);

// What makes two detections "the same error": class and the snippet's tail.
std::string api_error_fingerprint(const ApiErrorMatch& m);

// Reports an error once until a capture without any error is seen. The
// caller keeps one per leader pane and feeds it every classification.
class ApiErrorDedupe {
 public:
  // True when `m` is an error not reported since the last clean capture.
  bool should_report(const std::optional<ApiErrorMatch>& m);
  const std::string& last_fingerprint() const { return last_; }

 private:
  std::string last_;
};

}  // namespace ta::terminal
