#pragma once
// A pane capture reduced to what a person would read on it: no terminal
// escape sequences, no trailing blanks, no blank lines, and only the bottom
// of the screen, where the live state of an agent CLI is drawn. Every screen
// classifier works on this form, so they all agree on what "the screen" is.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "config/provider_profile.h"

namespace ta::terminal {

using config::kScreenLines;

// Removes CSI (colours, cursor moves), OSC (titles, hyperlinks), DCS/APC/PM
// strings and other escape sequences, plus control characters other than
// newline and tab (a carriage return included, so CRLF files read the same).
std::string strip_terminal_sequences(std::string_view text);

// The capture's rows with escape sequences and trailing blanks removed;
// blank rows are kept (but for those at the end), so row numbers are the pane's.
std::vector<std::string> capture_rows(std::string_view capture);

// Every line of `capture` with escapes and trailing blanks removed, blank
// lines dropped, oldest first.
std::vector<std::string> visible_lines(std::string_view capture);

struct Screen {
  // The last kScreenLines visible lines (fewer when the capture is short),
  // oldest first; never blank.
  std::vector<std::string> lines;

  bool empty() const { return lines.empty(); }
  // The lines joined with '\n'.
  std::string text() const;
};

Screen normalise_capture(std::string_view capture, std::size_t max_lines = kScreenLines);

}  // namespace ta::terminal
