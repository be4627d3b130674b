#include "terminal/api_error.h"

#include "terminal/text.h"

namespace ta::terminal {

namespace {

// Lines trimmed and joined with one space: a wrap reads as one sentence.
std::string window_text(const Screen& screen, std::size_t start, std::size_t size) {
  std::string out;
  for (std::size_t i = start; i < start + size; ++i) {
    std::string_view line = trim_blanks(screen.lines[i]);
    if (line.empty()) continue;
    if (!out.empty()) out.push_back(' ');
    out += line;
  }
  if (char_count(out) > kApiErrorWindowChars)
    out = std::string(tail_chars(out, kApiErrorWindowChars));
  return out;
}

std::optional<ApiErrorMatch> match_window(const std::string& window,
                                          const config::ApiErrorPatterns& p) {
  if (!p.context.matches(window)) return std::nullopt;
  for (const auto& cls : p.classes) {
    if (auto m = cls.patterns.find(window))
      return ApiErrorMatch{cls.name, window, std::string(m->text), false};
  }
  return std::nullopt;
}

}  // namespace

std::optional<ApiErrorMatch> detect_api_error(const Screen& screen,
                                              const config::ProviderProfile& profile) {
  const auto& p = profile.screen.api_errors;
  const std::size_t n = screen.lines.size();
  // The latest start line wins (the freshest error); for one start line the
  // shortest window, so the snippet is as tight as the wrap allows.
  for (std::size_t start = n; start > 0; --start) {
    for (std::size_t size = 1; size <= kApiErrorWindowLines && start - 1 + size <= n; ++size) {
      auto m = match_window(window_text(screen, start - 1, size), p);
      if (!m) continue;
      for (std::size_t i = 0; i + 1 < start && !m->partial_response_streamed; ++i)
        m->partial_response_streamed = p.partial_response.matches(screen.lines[i]);
      return m;
    }
  }
  return std::nullopt;
}

std::string api_error_fingerprint(const ApiErrorMatch& m) {
  return m.error_class + "::" + std::string(tail_chars(m.snippet, 120));
}

bool ApiErrorDedupe::should_report(const std::optional<ApiErrorMatch>& m) {
  if (!m) {
    last_.clear();
    return false;
  }
  std::string fp = api_error_fingerprint(*m);
  if (fp == last_) return false;
  last_ = std::move(fp);
  return true;
}

}  // namespace ta::terminal
