#include "fake_agent/text.h"

#include <cstdint>

namespace ta::fake {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point at s[i]; `len` is its byte length. Invalid bytes
// decode as U+FFFD, one byte each.
char32_t decode(std::string_view s, std::size_t i, std::size_t& len) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    len = 1;
    return b;
  }
  std::size_t need = b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
  if (need == 0 || (b >= 0xF0 && need != 4) || i + need > s.size()) {
    len = 1;
    return kReplacement;
  }
  char32_t cp = b & (need == 2 ? 0x1F : need == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < need; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) {
      len = 1;
      return kReplacement;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  bool overlong = (need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    len = 1;
    return kReplacement;
  }
  len = need;
  return cp;
}

void encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// An approximation of wcwidth() that needs no locale: good enough for the
// scripts agents are asked about (CJK, Hangul, emoji, combining accents).
int cp_width(char32_t cp) {
  if (cp == 0) return 0;
  if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
      (cp >= 0xFE00 && cp <= 0xFE0F))
    return 0;
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
      (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
      (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
    return 2;
  return 1;
}

}  // namespace

int display_width(std::string_view s) {
  int w = 0;
  for (std::size_t i = 0, len = 0; i < s.size(); i += len) w += cp_width(decode(s, i, len));
  return w;
}

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0, len = 0; i < s.size(); i += len, ++n) decode(s, i, len);
  return n;
}

std::size_t last_code_point_size(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t i = s.size() - 1;
  while (i > 0 && s.size() - i < 4 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  std::size_t len = 0;
  decode(s, i, len);
  return i + len == s.size() ? len : 1;
}

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0, len = 0; i < s.size(); i += len) {
    char32_t cp = decode(s, i, len);
    if (cp == '\t')
      out += ' ';
    else if (cp == '\n')
      out += '\n';
    else if (cp < 0x20)
      encode(0x2400 + cp, out);
    else if (cp == 0x7F)
      encode(0x2421, out);
    else if (cp >= 0x80 && cp < 0xA0)
      encode(kReplacement, out);
    else
      out.append(s.substr(i, len));
  }
  return out;
}

std::string truncate_to_width(std::string_view s, int width) {
  int w = 0;
  std::size_t i = 0, len = 0;
  for (; i < s.size(); i += len) {
    int cw = cp_width(decode(s, i, len));
    if (w + cw > width) break;
    w += cw;
  }
  return std::string(s.substr(0, i));
}

std::string pad_to_width(std::string_view s, int width) {
  std::string out = truncate_to_width(s, width);
  int w = display_width(out);
  if (w < width) out.append(static_cast<std::size_t>(width - w), ' ');
  return out;
}

std::string repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

std::vector<std::string> wrap(std::string_view s, int width) {
  if (width < 1) width = 1;
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t nl = s.find('\n', start);
    std::string_view line = s.substr(start, nl == std::string_view::npos ? nl : nl - start);
    std::string cur;
    int cur_w = 0;
    std::size_t last_space = std::string::npos;  // byte offset in `cur`
    for (std::size_t i = 0, len = 0; i < line.size(); i += len) {
      int cw = cp_width(decode(line, i, len));
      if (cur_w + cw > width && !cur.empty()) {
        if (last_space != std::string::npos && last_space > 0) {
          out.push_back(cur.substr(0, last_space));
          cur.erase(0, last_space + 1);
        } else {
          out.push_back(cur);
          cur.clear();
        }
        cur_w = display_width(cur);
        last_space = cur.rfind(' ');
      }
      if (line[i] == ' ') last_space = cur.size();
      cur.append(line.substr(i, len));
      cur_w += cw;
    }
    out.push_back(cur);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

}  // namespace ta::fake
