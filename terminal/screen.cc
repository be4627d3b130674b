#include "terminal/screen.h"

#include <algorithm>

#include "terminal/text.h"

namespace ta::terminal {

namespace {

constexpr char kEsc = '\x1b';
constexpr char kBel = '\x07';

// Index just past a string sequence (OSC, DCS, ...) that starts at `i`
// (the byte after "ESC ]" etc.): it ends at BEL or ST (ESC \).
std::size_t skip_string_sequence(std::string_view s, std::size_t i) {
  while (i < s.size()) {
    if (s[i] == kBel) return i + 1;
    if (s[i] == kEsc) return i + 1 < s.size() && s[i + 1] == '\\' ? i + 2 : i + 1;
    ++i;
  }
  return i;
}

// Index just past the escape sequence starting with ESC at `i`.
std::size_t skip_escape(std::string_view s, std::size_t i) {
  std::size_t j = i + 1;
  if (j >= s.size()) return j;
  char c = s[j];
  if (c == '[') {  // CSI: parameters and intermediates, then one final byte
    ++j;
    while (j < s.size() && !(s[j] >= 0x40 && s[j] <= 0x7E)) ++j;
    return j < s.size() ? j + 1 : j;
  }
  if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_')
    return skip_string_sequence(s, j + 1);
  // Other escapes: intermediate bytes (0x20-0x2F), then one final byte.
  while (j < s.size() && s[j] >= 0x20 && s[j] <= 0x2F) ++j;
  return j < s.size() ? j + 1 : j;
}

}  // namespace

std::string strip_terminal_sequences(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == kEsc) {
      i = skip_escape(text, i);
      continue;
    }
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7F) {
      ++i;
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

std::vector<std::string> capture_rows(std::string_view capture) {
  std::string clean = strip_terminal_sequences(capture);
  std::vector<std::string> rows;
  std::string_view rest = clean;
  while (!rest.empty()) {
    auto nl = rest.find('\n');
    rows.emplace_back(trim_right_blanks(rest.substr(0, nl)));
    if (nl == std::string_view::npos) break;
    rest = rest.substr(nl + 1);
  }
  while (!rows.empty() && rows.back().empty()) rows.pop_back();
  return rows;
}

std::vector<std::string> visible_lines(std::string_view capture) {
  auto lines = capture_rows(capture);
  lines.erase(std::remove_if(lines.begin(), lines.end(),
                             [](const std::string& l) { return l.empty(); }),
              lines.end());
  return lines;
}

std::string Screen::text() const {
  std::string out;
  for (const auto& l : lines) {
    if (!out.empty()) out.push_back('\n');
    out += l;
  }
  return out;
}

Screen normalise_capture(std::string_view capture, std::size_t max_lines) {
  auto lines = visible_lines(capture);
  Screen s;
  std::size_t first = lines.size() > max_lines ? lines.size() - max_lines : 0;
  s.lines.assign(std::make_move_iterator(lines.begin() + static_cast<long>(first)),
                 std::make_move_iterator(lines.end()));
  return s;
}

}  // namespace ta::terminal
