#include "util/columns.h"

#include <algorithm>
#include <vector>

namespace ta {

namespace {

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Byte offset where the code point number `n` of `s` starts (s.size() past the end).
std::size_t offset_of(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t seen = 0; i < s.size(); ++i)
    if (!continuation_byte(s[i]) && seen++ == n) return i;
  return s.size();
}

std::size_t indent_of(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  return i;
}

// Whether a line may break at each byte of `s`: at spaces outside a quoted
// command (`…` or '…', which stay whole so they can be copied). An
// apostrophe inside a word ("agent's") quotes nothing.
std::vector<bool> break_points(std::string_view s) {
  std::vector<bool> ok(s.size(), false);
  char quote = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool word_start = i == 0 || s[i - 1] == ' ' || s[i - 1] == '(';
    bool word_end = i + 1 == s.size() || std::string_view(" ),.;:").find(s[i + 1]) !=
                                             std::string_view::npos;
    if (quote == 0 && (c == '`' || (c == '\'' && word_start))) {
      quote = c;
    } else if (quote != 0 && c == quote && (c == '`' || word_end)) {
      quote = 0;
    } else if (c == ' ' && quote == 0) {
      ok[i] = true;
    }
  }
  return ok;
}

// The last break point in s[lo, hi], or npos.
std::size_t last_break(const std::vector<bool>& ok, std::size_t lo, std::size_t hi) {
  for (std::size_t i = std::min(hi, ok.size() - 1) + 1; i-- > lo;)
    if (ok[i]) return i;
  return std::string_view::npos;
}

// One line (no '\n') broken into lines of at most `width` columns.
std::string wrap_one(std::string_view line, std::size_t width) {
  std::string out;
  const std::string indent(std::min(indent_of(line) + 2, width / 2), ' ');
  std::string_view rest = line;
  bool first = true;
  while (true) {
    std::string_view lead = first ? std::string_view() : std::string_view(indent);
    std::size_t room = width - lead.size();
    if (text_columns(rest) <= room) {
      out.append(lead).append(rest).push_back('\n');
      return out;
    }
    std::size_t cut = offset_of(rest, room);
    // Break at the last space that leaves something on this line: outside
    // quotes if there is one, else any.
    std::size_t lo = indent_of(rest) + 1;
    std::size_t space = last_break(break_points(rest), lo, cut);
    if (space == std::string_view::npos) {
      space = rest.substr(0, cut + 1).find_last_of(' ');
      if (space != std::string_view::npos && space < lo) space = std::string_view::npos;
    }
    std::size_t take = space != std::string_view::npos ? space : cut;
    out.append(lead).append(rest.substr(0, take)).push_back('\n');
    rest = rest.substr(take);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.empty()) return out;
    first = false;
  }
}

}  // namespace

std::size_t text_columns(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += continuation_byte(c) ? 0 : 1;
  return n;
}

std::string fit_columns(std::string_view s, std::size_t width) {
  if (text_columns(s) <= width) return std::string(s);
  if (width == 0) return "";
  return std::string(s.substr(0, offset_of(s, width - 1))) + "…";
}

std::string wrap_lines(std::string_view text, std::size_t width) {
  std::string out;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (width < 8 || text_columns(line) <= width) {
      out.append(line).push_back('\n');
    } else {
      out += wrap_one(line, width);
    }
    if (nl == std::string_view::npos) {
      out.pop_back();  // the text did not end with a newline: neither does this
      return out;
    }
    text.remove_prefix(nl + 1);
  }
  return out;
}

}  // namespace ta
