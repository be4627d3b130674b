#include "util/semver.h"

#include <cctype>
#include <vector>

namespace ta {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, std::string_view sep) {
  std::vector<std::string_view> out;
  for (;;) {
    auto at = s.find(sep);
    out.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return out;
    s.remove_prefix(at + sep.size());
  }
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

// A partial version such as "18", "18.x" or "18.2.*": how many parts were
// given (0-3; wildcards end it) and the version with the rest as 0.
struct Partial {
  SemVer v;
  int parts = 0;
};

std::optional<Partial> parse_partial(std::string_view s) {
  if (!s.empty() && (s.front() == 'v' || s.front() == '=')) s.remove_prefix(1);
  if (auto cut = s.find_first_of("-+"); cut != std::string_view::npos) s = s.substr(0, cut);
  if (s.empty() || s == "*" || s == "x" || s == "X") return Partial{};
  Partial p;
  long* fields[3] = {&p.v.major, &p.v.minor, &p.v.patch};
  for (auto part : split(s, ".")) {
    if (p.parts == 3) return std::nullopt;
    if (part == "x" || part == "X" || part == "*") return p;
    if (part.empty() || part.size() > 9) return std::nullopt;
    long n = 0;
    for (char c : part) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      n = n * 10 + (c - '0');
    }
    *fields[p.parts++] = n;
  }
  return p;
}

// The smallest version above every version the partial stands for:
// "18" -> 19.0.0, "18.2" -> 18.3.0, "18.2.1" -> 18.2.2.
SemVer next_after(const Partial& p) {
  SemVer v = p.v;
  if (p.parts == 1) return {v.major + 1, 0, 0};
  if (p.parts == 2) return {v.major, v.minor + 1, 0};
  return {v.major, v.minor, v.patch + 1};
}

// One comparator ("^18.17", ">=16", "20.x"): the bounds it sets on v.
std::optional<bool> comparator(const SemVer& v, std::string_view c) {
  std::string_view op;
  for (std::string_view o : {">=", "<=", ">", "<", "^", "~", "="})
    if (c.substr(0, o.size()) == o) {
      op = o;
      c.remove_prefix(o.size());
      break;
    }
  auto p = parse_partial(trim(c));
  if (!p) return std::nullopt;
  const int cmp = compare(v, p->v);
  if (p->parts == 0) return op == "<" || op == ">" ? std::optional<bool>(false) : true;
  if (op == ">=") return cmp >= 0;
  if (op == "<") return cmp < 0;
  if (op == ">") return p->parts == 3 ? cmp > 0 : compare(v, next_after(*p)) >= 0;
  if (op == "<=") return p->parts == 3 ? cmp <= 0 : compare(v, next_after(*p)) < 0;
  if (op == "~") return cmp >= 0 && compare(v, next_after({p->v, p->parts == 1 ? 1 : 2})) < 0;
  if (op == "^") {
    // Compatible: the left-most non-zero part may not change.
    SemVer upper = p->v.major > 0 || p->parts == 1 ? SemVer{p->v.major + 1, 0, 0}
                   : p->v.minor > 0 || p->parts == 2 ? SemVer{0, p->v.minor + 1, 0}
                                                     : SemVer{0, 0, p->v.patch + 1};
    return cmp >= 0 && compare(v, upper) < 0;
  }
  // Plain or "=": exactly that version, or within the partial's span.
  return p->parts == 3 ? cmp == 0 : cmp >= 0 && compare(v, next_after(*p)) < 0;
}

// Space-separated comparators that must all hold, or a hyphen range "a - b".
std::optional<bool> comparator_set(const SemVer& v, std::string_view set) {
  auto ws = words(set);
  if (ws.empty()) return true;  // "" is any version
  if (ws.size() == 3 && ws[1] == "-") {
    auto lo = parse_partial(ws[0]), hi = parse_partial(ws[2]);
    if (!lo || !hi) return std::nullopt;
    bool below = hi->parts == 3 ? compare(v, hi->v) <= 0
                 : hi->parts == 0 ? true
                                  : compare(v, next_after(*hi)) < 0;
    return compare(v, lo->v) >= 0 && below;
  }
  // ">= 16" is written with a space at times: join an operator to its version.
  std::vector<std::string> joined;
  for (std::size_t i = 0; i < ws.size(); ++i) {
    std::string w(ws[i]);
    bool bare_op = w.find_first_not_of("<>=^~") == std::string::npos;
    if (bare_op && i + 1 < ws.size()) w += std::string(ws[++i]);
    joined.push_back(std::move(w));
  }
  bool all = true;
  for (const auto& w : joined) {
    auto ok = comparator(v, w);
    if (!ok) return std::nullopt;
    all = all && *ok;
  }
  return all;
}

}  // namespace

std::optional<SemVer> parse_semver(std::string_view text) {
  auto p = parse_partial(trim(text));
  if (!p || p->parts == 0) return std::nullopt;
  return p->v;
}

int compare(const SemVer& a, const SemVer& b) {
  if (a.major != b.major) return a.major < b.major ? -1 : 1;
  if (a.minor != b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch != b.patch) return a.patch < b.patch ? -1 : 1;
  return 0;
}

std::optional<bool> satisfies(const SemVer& v, std::string_view range) {
  bool any = false;
  for (auto set : split(range, "||")) {
    auto ok = comparator_set(v, trim(set));
    if (!ok) return std::nullopt;
    any = any || *ok;
  }
  return any;
}

std::string to_string(const SemVer& v) {
  return std::to_string(v.major) + "." + std::to_string(v.minor) + "." + std::to_string(v.patch);
}

}  // namespace ta
