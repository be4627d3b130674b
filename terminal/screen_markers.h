#pragma once
// Finding provider markers on a normalised screen. Positions matter more than
// presence: a CLI redraws its live state at the bottom, so the lowest marker
// is the current one and markers above it are history.
#include <cstddef>
#include <optional>
#include <string>

#include "config/provider_profile.h"
#include "terminal/screen.h"

namespace ta::terminal {

struct MarkerHit {
  std::size_t line = 0;  // index into Screen::lines
  std::string text;      // the matched text
};

// The lowest line of `screen` that `patterns` match, at or after `from`.
std::optional<MarkerHit> latest_match(const Screen& screen, const config::PatternList& patterns,
                                      std::size_t from = 0);

// Index of the latest input-ready (idle) line, or 0 when there is none.
// Prompts above a live input line were already answered: only the lines from
// here down (the input line, its footer) can hold a live state.
std::size_t live_region_start(const Screen& screen, const config::ProviderProfile& profile);

// `s` shortened to at most `max_chars` characters for an evidence sentence.
std::string quote(std::string_view s, std::size_t max_chars = 80);

}  // namespace ta::terminal
