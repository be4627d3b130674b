#include "util/redact.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "util/redact_rules.h"

namespace ta {

namespace {

using redact_detail::Span;

// Overlapping findings become one: the earliest start, the most specific
// kind there, the furthest end, so no part of either is left showing.
std::vector<Span> merge(std::vector<Span> spans) {
  std::stable_sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.rank < b.rank;
  });
  std::vector<Span> out;
  for (const auto& s : spans) {
    if (s.end <= s.begin) continue;
    if (!out.empty() && s.begin < out.back().end) {
      out.back().end = std::max(out.back().end, s.end);
      continue;
    }
    out.push_back(s);
  }
  return out;
}

// Where the next line starts when nothing but a mask and a box border lie
// between `end` and the line's end: the secret ran into the edge of the pane
// or of its box, so its tail may continue below.
std::optional<std::size_t> next_line_if_cut(std::string_view t, std::size_t end) {
  std::size_t i = end;
  while (std::size_t m = redact_detail::mask_length(t, i)) i += m;
  i += redact_detail::border_length(t, i);
  if (i < t.size() && t[i] == '\r') ++i;
  if (i >= t.size() || t[i] != '\n') return std::nullopt;
  return i + 1;
}

// A wrapped tail is random-looking: a digit, or a lowercase-to-uppercase
// hump. A plain word that happens to start the next line is not one.
bool looks_like_tail(std::string_view v) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] >= '0' && v[i] <= '9') return true;
    if (i > 0 && v[i] >= 'A' && v[i] <= 'Z' && v[i - 1] >= 'a' && v[i - 1] <= 'z') return true;
  }
  return false;
}

// The run that starts the line at `line` (after its indent and box border),
// when it continues `s`.
std::optional<Span> continuation(std::string_view t, std::size_t line, const Span& s) {
  std::size_t i = line;
  for (;;) {
    if (i < t.size() && (t[i] == ' ' || t[i] == '\t')) {
      ++i;
    } else if (std::size_t b = redact_detail::border_length(t, i)) {
      i += b;
    } else {
      break;
    }
  }
  std::size_t b = i;
  while (i < t.size() && redact_detail::in_alphabet(t[i], s.alphabet)) ++i;
  if (i == b || !looks_like_tail(t.substr(b, i - b))) return std::nullopt;
  Span c = s;
  c.begin = b;
  c.end = i;
  return c;
}

// Adds to each secret the tails it left on the lines below it.
std::vector<Span> with_wrapped_tails(std::string_view t, const std::vector<Span>& spans) {
  std::vector<Span> out;
  for (std::size_t k = 0; k < spans.size(); ++k) {
    out.push_back(spans[k]);
    if (!spans[k].may_wrap) continue;
    Span cur = spans[k];
    while (auto line = next_line_if_cut(t, cur.end)) {
      auto tail = continuation(t, *line, cur);
      if (!tail || (k + 1 < spans.size() && spans[k + 1].begin < tail->end)) break;
      out.push_back(*tail);
      cur = *tail;
    }
  }
  return out;
}

}  // namespace

std::string redact_secrets(std::string_view text) {
  std::vector<Span> found;
  redact_detail::find_prefixed(text, found);
  redact_detail::find_jwts(text, found);
  redact_detail::find_auth_headers(text, found);
  redact_detail::find_after_keywords(text, found);
  redact_detail::find_private_keys(text, found);
  if (found.empty()) return std::string(text);
  auto spans = with_wrapped_tails(text, merge(std::move(found)));
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  for (const auto& s : spans) {
    out.append(text.substr(at, s.begin - at));
    out += "[REDACTED:";
    out += s.kind;
    out += ']';
    at = s.end;
  }
  out.append(text.substr(at));
  return out;
}

bool redact_in_place(std::string& s) {
  auto r = redact_secrets(s);
  if (r == s) return false;
  s = std::move(r);
  return true;
}

}  // namespace ta
