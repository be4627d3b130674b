#include "terminal/error_text.h"

#include <vector>

#include "util/regex.h"

namespace ta::terminal {

namespace {

struct Rewrite {
  Regex pattern;
  std::string replacement;
};

Regex must(const char* pattern) { return *Regex::compile(pattern); }

// Order matters: timestamps before clock times and counters, whole
// "(12s • esc to interrupt)" groups before bare durations.
const std::vector<Rewrite>& rewrites() {
  static const std::vector<Rewrite> list{
    // 2026-12-03T06:41:07.123Z, 2026-12-03 06:41
    {must("\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?"
          "(?:Z|[+-]\\d{2}:?\\d{2})?)?"),
     "#"},
    // 06:41, 6:41:07 pm
    {must("(?i)\\b\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s*[ap]m\\b)?"), "#"},
    // A parenthesised elapsed time with its hint: "(3s • esc to interrupt)"
    {must("(?i)\\((?:\\d+h\\s*)?(?:\\d+m\\s*)?\\d+(?:\\.\\d+)?s\\b[^)]*\\)"), ""},
    // "retrying in 5s", "Retrying in 1.2s", "retry in 3 seconds"
    {must("(?i)\\b(?:retry(?:ing)?|reconnect(?:ing)?|trying\\s+again)\\s+in\\s+[\\d.]+\\s*"
          "(?:ms|s|secs?|seconds?|m|mins?|minutes?|h|hours?)?\\b"),
     "retry in #"},
    // "attempt 4/10", "attempt 4 of 10"
    {must("(?i)\\battempt\\s+\\d+(?:\\s*(?:/|of)\\s*\\d+)?"), "attempt #"},
    // bare counters "2/5" (a fraction of small numbers; never a path or a date)
    {must("(?<![\\w/.-])\\d{1,3}\\s*/\\s*\\d{1,3}(?![\\w/.-])"), "#/#"},
    // durations "12m 18s", "2m 55s", "350ms", "15 seconds"
    {must("(?i)\\b(?:\\d+h\\s*)?(?:\\d+m\\s*)?\\d+(?:\\.\\d+)?\\s*"
          "(?:ms|s|secs?|seconds?|mins?|minutes?|hours?)\\b"),
     "#"},
    {must("(?i)\\b\\d+m\\b(?=\\s*(?:#|$|\\W))"), "#"},
    // Spinner frames, bullets and tree glyphs the CLIs draw before a line.
    {must("[\\x{2800}-\\x{28FF}✶✢✽✻✳✱✺✹✸·•◦●⏺⎿└├│■□▪▫◆◇○◉◐◑◒◓*]"), " "},
    {must("\\s+"), " "},
  };
  return list;
}

std::string replace_all(const Regex& re, std::string_view subject, std::string_view repl) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= subject.size()) {
    auto m = re.find(subject, pos);
    if (!m) break;
    out.append(subject.substr(pos, m->begin - pos));
    out.append(repl);
    if (m->end == m->begin) {
      if (m->end < subject.size()) out.push_back(subject[m->end]);
      pos = m->end + 1;
    } else {
      pos = m->end;
    }
  }
  if (pos < subject.size()) out.append(subject.substr(pos));
  return out;
}

std::string lower_ascii(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(' ');
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(' ');
  return s.substr(b, e - b + 1);
}

}  // namespace

std::string normalise_error_text(std::string_view text) {
  std::string s(text);
  for (const auto& r : rewrites()) s = replace_all(r.pattern, s, r.replacement);
  return lower_ascii(trim(s));
}

}  // namespace ta::terminal
