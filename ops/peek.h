#pragma once
// `team-agent peek AGENT`: an agent's pane text, read through the team's
// private tmux server without attaching, redacted like everything that
// leaves a pane; and, for --follow, the pane watched through a control-mode
// client so that new text is read when tmux says the pane printed, never on
// a timer of its own.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config/paths.h"
#include "ops/attach_target.h"
#include "util/result.h"

namespace ta::ops {

struct PeekRequest {
  std::string agent;
  std::size_t lines = 40;
};

struct PaneView {
  std::string agent;
  std::string pane_id;
  std::vector<std::string> lines;  // oldest first, redacted
};

// The agent's last lines. Errors: an agent the team does not have (exit 2,
// naming the members); no team tmux server or session, or no pane for the
// agent (exit 1, saying what to do).
Result<PaneView> peek_pane(const config::Paths& paths, const PeekRequest& request);

// Follows one agent's pane after a first peek_pane().
class PaneFollower {
 public:
  static Result<std::unique_ptr<PaneFollower>> open(const config::Paths& paths,
                                                    const PaneView& first, std::size_t lines);
  ~PaneFollower();

  // The last `n` lines as the follower first read them: what to print
  // before the first next(), so that nothing falls between the two.
  std::vector<std::string> first_lines(std::size_t n) const;
  // Waits until the pane printed, or `stop()` says so (asked at least every
  // quarter second); the lines new since the last call. An error when the
  // pane or the team's tmux server went away.
  Result<std::vector<std::string>> next(const std::function<bool()>& stop);

 private:
  struct State;
  explicit PaneFollower(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace ta::ops
