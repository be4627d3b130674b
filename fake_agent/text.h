#pragma once
// Terminal text measuring for the fake agent's screens: columns per code
// point, truncation at the right edge, and word wrapping the way the real
// CLIs wrap (so a token like [team-agent-token:msg_…] stays on one line).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ta::fake {

// Columns `s` occupies: two for wide (CJK, emoji) code points, zero for
// combining marks, one otherwise.
int display_width(std::string_view s);
std::size_t count_code_points(std::string_view s);
// Byte length of the last code point of `s` (0 when empty).
std::size_t last_code_point_size(std::string_view s);

// Text safe to draw: control characters become their Control Pictures
// (ESC shows as ␛), invalid UTF-8 and C1 controls become U+FFFD, a tab a space.
// User input must never reach the terminal as escape sequences.
std::string printable(std::string_view s);

// The longest prefix of `s` that fits in `width` columns.
std::string truncate_to_width(std::string_view s, int width);
// `s` padded with spaces (or truncated) to exactly `width` columns.
std::string pad_to_width(std::string_view s, int width);
std::string repeat(std::string_view s, int n);

// Splits at '\n' and word-wraps each line to `width` columns, breaking inside
// a word only when the word alone is wider than the line.
std::vector<std::string> wrap(std::string_view s, int width);

}  // namespace ta::fake
