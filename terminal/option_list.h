#pragma once
// Option lists as CLIs draw them in their prompts and menus: numbered
// ("› 1. Trust and continue") or not ("❯ No, exit" above "Yes, I trust this
// folder"), with a selection marker on one option, labels wrapped or
// followed by a description on deeper-indented lines, inside box borders.
// Readers of a particular prompt (trust, tool approval) give the options
// their meaning; this only finds the lists and where the marker is.
#include <cstddef>
#include <string>
#include <vector>

#include "config/provider_profile.h"

namespace ta::terminal {

struct MenuOption {
  std::string label;  // without marker and number; wrapped lines joined
  int number = 0;     // its number when the list is numbered, else 0
};

struct MarkedList {
  std::vector<MenuOption> options;
  int selected = -1;         // index of the option the marker is on
  bool numbered = false;
  std::size_t first_line = 0;  // index in the lines of the list's first option
  std::size_t last_line = 0;   // index of its last line (a wrapped label or description)
};

struct MarkedLists {
  std::vector<MarkedList> lists;  // each with exactly one marker, numbered 1..n when numbered
  std::string problem;            // why a marked list was set aside (several markers, gaps)
};

// Every list of two or more options around a line starting with `marker`.
MarkedLists find_marked_lists(const std::vector<std::string>& lines,
                              const config::PatternList& marker);

// The tmux keys ("Up"/"Down") that move a selection from option `from` to
// option `to`.
std::vector<std::string> keys_between(int from, int to);

}  // namespace ta::terminal
