#pragma once
// UTF-8 text measures the screen classifiers need: pane text is counted in
// characters and terminal columns, never in bytes (a path of CJK characters
// reaches the pane's right edge with half as many characters).
#include <cstddef>
#include <string>
#include <string_view>

namespace ta::terminal {

// Number of code points (an invalid byte counts as one).
std::size_t char_count(std::string_view s);

// Terminal columns `s` occupies: wide East Asian characters take two,
// combining marks and zero-width characters none.
std::size_t display_width(std::string_view s);

// The first / last `n` code points of `s`, and the `n` code points starting
// at code point `from`.
std::string_view head_chars(std::string_view s, std::size_t n);
std::string_view tail_chars(std::string_view s, std::size_t n);
std::string_view mid_chars(std::string_view s, std::size_t from, std::size_t n);

// `s` without any whitespace (ASCII and Unicode spaces, NBSP included).
std::string remove_whitespace(std::string_view s);

// `s` without trailing blanks (spaces, tabs, NBSP and other Unicode spaces).
std::string_view trim_right_blanks(std::string_view s);
// `s` without leading and trailing blanks.
std::string_view trim_blanks(std::string_view s);

// How many CJK ideographs `s` holds (a dense script: four of them say as
// much as a short sentence in Latin letters).
std::size_t cjk_ideograph_count(std::string_view s);

}  // namespace ta::terminal
