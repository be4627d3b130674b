#pragma once
// What `peek` shows of a pane's text, as pure functions: its last lines
// (blank rows below the cursor dropped, secrets redacted), and for
// `peek --follow` the lines a new capture adds to the one before.
#include <cstddef>
#include <string>
#include <vector>

namespace ta::ops {

// The last `n` lines of a capture (tmux capture-pane -p), without the blank
// rows at its bottom and each line's trailing spaces, redacted.
std::vector<std::string> last_lines(const std::string& capture, std::size_t n);

// The lines of `after` that are new since `before`, both a pane's lines
// oldest first: those a line diff would mark as added (text that scrolled,
// text inserted above a full-screen CLI's footer, a spinner row redrawn),
// blank ones left out. Quadratic in the lines: give it a screen or two.
std::vector<std::string> new_lines(const std::vector<std::string>& before,
                                   const std::vector<std::string>& after);

}  // namespace ta::ops
