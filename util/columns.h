#pragma once
// Fitting text for people into a terminal's columns (`status` stays within
// 100): a cell cut with an ellipsis, a sentence wrapped at spaces. Columns
// are counted as code points: what these functions lay out is ASCII ids,
// states and times, with at most a few non-ASCII symbols.
#include <cstddef>
#include <string>
#include <string_view>

namespace ta {

// How many columns `s` takes (its code points).
std::size_t text_columns(std::string_view s);

// `s` when it fits in `width` columns, else its start and "…" in exactly
// `width` columns.
std::string fit_columns(std::string_view s, std::size_t width);

// Every line of `text` within `width` columns: a longer one is broken at
// spaces (a word longer than a line is cut), its continuation lines
// indented two columns deeper than it.
std::string wrap_lines(std::string_view text, std::size_t width);

}  // namespace ta
