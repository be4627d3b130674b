#pragma once
// Pasted-content placeholders: CLIs fold a long paste into one line such as
// "[Pasted text #1 +4 lines]" (Claude Code) or "[Pasted Content 1093 chars]"
// (Codex) instead of echoing it, so a placeholder is how a long paste shows
// that it landed, and one still showing after Enter means it was not sent.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "config/provider_profile.h"
#include "terminal/screen.h"

namespace ta::terminal {

struct PlaceholderMatch {
  std::string text;               // "[Pasted text #1 +4 lines]"
  std::size_t lines_from_bottom;  // 0: on the last line (the live input box)
  bool on_input_line = false;     // the line is also an input-ready line
};

// The lowest placeholder on the screen, if any.
std::optional<PlaceholderMatch> find_placeholder(const Screen& screen,
                                                 const config::ProviderProfile& profile);

// Every placeholder text in `lines`, top to bottom (one entry per occurrence).
std::vector<std::string> placeholder_texts(const std::vector<std::string>& lines,
                                           const config::ProviderProfile& profile);

}  // namespace ta::terminal
