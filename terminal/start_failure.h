#pragma once
// Why a CLI exited while starting, read from the last lines it left on its
// pane (remain-on-exit keeps them): the start failures of the real CLIs
// recognised by meaning, each with one sentence saying what to do. A pure
// function, like the other screen classifiers.
#include <optional>
#include <string>

namespace ta::terminal {

struct StartFailure {
  // app_server_unavailable | program_not_found | runtime_too_old |
  // config_invalid | permission_denied | in_use | not_logged_in | out_of_memory
  std::string cause;
  std::string advice;  // one sentence: what to do
  std::string line;    // the line that told
  // Whether a leftover process of the same workspace can explain it (a
  // stale daemon or lock holder): worth ending those and starting again.
  bool stale_process_may_cause = false;
};

// The start failure `screen` (the dead pane's text) shows, if any.
std::optional<StartFailure> classify_start_failure(const std::string& screen);

// The last `max_lines` non-blank lines of `screen`, trimmed.
std::string screen_tail(const std::string& screen, int max_lines = 8);

}  // namespace ta::terminal
