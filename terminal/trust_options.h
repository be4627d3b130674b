#pragma once
// The choices of a trust prompt, read by meaning (SPEC §5). CLIs draw them
// numbered ("› 1. Trust and continue") or not ("❯ No, exit" above "Yes, I
// trust this folder"), and the selection marker may sit on any of them, the
// declining one included. So we never rely on a default: we find the one
// option list that carries exactly one selection marker, class each option
// as accepting, declining or other with the profile's patterns, and say how
// many Up/Down presses move the selection onto the accepting option. When
// anything is uncertain (no marker, several lists, no accepting option or
// several, an option that reads as both) the result is "unrecognized" and
// nothing may be pressed.
#include <string>
#include <vector>

#include "config/provider_profile.h"

namespace ta::terminal {

enum class OptionMeaning { accept, decline, other, both };

const char* option_meaning_name(OptionMeaning m);

struct TrustOption {
  std::string label;  // the option's text, without marker and number; wrapped lines joined
  int number = 0;     // its number when the list is numbered, else 0
  OptionMeaning meaning = OptionMeaning::other;
};

struct TrustOptions {
  std::vector<TrustOption> options;
  int selected = -1;   // index of the option the marker is on; -1: not found
  int accepting = -1;  // index of the one accepting option; -1: none for certain
  bool numbered = false;
  std::string problem;  // why the options are unrecognized; empty when they are recognized

  bool recognized() const { return problem.empty(); }
  // The selection already sits on the accepting option.
  bool accepting_selected() const { return recognized() && selected == accepting; }
};

// The trust prompt's option list among `lines` (a normalised screen's live
// region, top to bottom; borders and indentation as the CLI drew them).
TrustOptions parse_trust_options(const std::vector<std::string>& lines,
                                 const config::ScreenPatterns& patterns);

// The tmux keys ("Up"/"Down") that move the selection of recognized
// `options` onto the accepting option; empty when it is already there.
std::vector<std::string> keys_to_accepting(const TrustOptions& options);

}  // namespace ta::terminal
