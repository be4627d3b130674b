#include "terminal/text.h"

namespace ta::terminal {

namespace {

struct Decoded {
  char32_t cp;
  std::size_t len;
};

// Decodes the code point at byte `i`; a malformed sequence decodes as one
// replacement character of one byte, so every byte is consumed exactly once.
Decoded decode(std::string_view s, std::size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {b, 1};
  std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) return {0xFFFD, 1};
  char32_t cp = len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (c & 0x3F);
  }
  return {cp, len};
}

bool is_space(char32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

bool is_zero_width(char32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || (cp >= 0x20D0 && cp <= 0x20FF);
}

bool is_wide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
         (cp >= 0x3041 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
         (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x1F900 && cp <= 0x1F9FF) ||
         (cp >= 0x20000 && cp <= 0x3FFFD);
}

// Byte offset of code point number `n` (or the end).
std::size_t byte_offset(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  while (i < s.size() && n > 0) {
    i += decode(s, i).len;
    --n;
  }
  return i;
}

}  // namespace

std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); i += decode(s, i).len) ++n;
  return n;
}

std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    auto d = decode(s, i);
    i += d.len;
    if (is_zero_width(d.cp)) continue;
    w += is_wide(d.cp) ? 2 : 1;
  }
  return w;
}

std::string_view head_chars(std::string_view s, std::size_t n) {
  return s.substr(0, byte_offset(s, n));
}

std::string_view tail_chars(std::string_view s, std::size_t n) {
  std::size_t total = char_count(s);
  if (total <= n) return s;
  return s.substr(byte_offset(s, total - n));
}

std::string_view mid_chars(std::string_view s, std::size_t from, std::size_t n) {
  std::size_t b = byte_offset(s, from);
  std::string_view rest = s.substr(b);
  return rest.substr(0, byte_offset(rest, n));
}

std::string remove_whitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto d = decode(s, i);
    if (!is_space(d.cp)) out.append(s.substr(i, d.len));
    i += d.len;
  }
  return out;
}

std::string_view trim_right_blanks(std::string_view s) {
  std::size_t end = 0;  // byte just past the last non-blank code point
  for (std::size_t i = 0; i < s.size();) {
    auto d = decode(s, i);
    i += d.len;
    if (!is_space(d.cp)) end = i;
  }
  return s.substr(0, end);
}

std::string_view trim_blanks(std::string_view s) {
  s = trim_right_blanks(s);
  std::size_t i = 0;
  while (i < s.size()) {
    auto d = decode(s, i);
    if (!is_space(d.cp)) break;
    i += d.len;
  }
  return s.substr(i);
}

std::size_t cjk_ideograph_count(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    auto d = decode(s, i);
    i += d.len;
    if (d.cp >= 0x4E00 && d.cp <= 0x9FFF) ++n;
  }
  return n;
}

}  // namespace ta::terminal
