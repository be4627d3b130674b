#include "terminal/api_error.h"

#include <algorithm>

#include "terminal/error_text.h"
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
    if (auto m = cls.patterns.find(window)) {
      ApiErrorMatch out{cls.name, window, std::string(m->text)};
      out.retrying = p.retry.matches(window);
      return out;
    }
  }
  return std::nullopt;
}

bool holds_notice(const Screen& screen, std::size_t start, std::size_t size,
                  const config::ApiErrorPatterns& p) {
  for (std::size_t i = start; i < start + size; ++i)
    if (p.notices.matches(screen.lines[i])) return true;
  return false;
}

// Assistant text above the error: a line the profile calls response text
// that is not itself a retry/reconnect status or an error line.
bool response_above(const Screen& screen, std::size_t start, const config::ApiErrorPatterns& p) {
  for (std::size_t i = 0; i < start; ++i) {
    const std::string& line = screen.lines[i];
    if (!p.partial_response.matches(line)) continue;
    if (p.retry.matches(line) || match_window(std::string(trim_blanks(line)), p)) continue;
    return true;
  }
  return false;
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
      if (holds_notice(screen, start - 1, size, p)) break;
      auto m = match_window(window_text(screen, start - 1, size), p);
      if (!m) continue;
      // Codex heads the error detail ("└ Stream disconnected …") with its
      // retry status line ("• Reconnecting... 2/5").
      if (start >= 2) m->retrying = m->retrying || p.retry.matches(screen.lines[start - 2]);
      m->partial_response_streamed = response_above(screen, start - 1, p);
      return m;
    }
  }
  return std::nullopt;
}

std::optional<ScreenNotice> detect_notice(const Screen& screen,
                                          const config::ProviderProfile& profile) {
  const auto& notices = profile.screen.api_errors.notices;
  for (std::size_t i = screen.lines.size(); i > 0; --i)
    if (notices.matches(screen.lines[i - 1]))
      return ScreenNotice{std::string(trim_blanks(screen.lines[i - 1])), i - 1};
  return std::nullopt;
}

std::string api_error_fingerprint(const ApiErrorMatch& m) {
  return m.error_class + "::" + std::string(tail_chars(normalise_error_text(m.snippet), 120));
}

bool ApiErrorDedupe::should_report(const std::optional<ApiErrorMatch>& m, bool turn_live) {
  if (!m) {
    // A working frame between two reconnect attempts is the same request.
    if (!turn_live || turn_class_.empty()) {
      last_.clear();
      turn_class_.clear();
    }
    return false;
  }
  std::string fp = api_error_fingerprint(*m);
  bool same_turn = !turn_class_.empty() && turn_class_ == m->error_class;
  bool report = !same_turn && fp != last_;
  last_ = std::move(fp);
  if (report || same_turn)
    turn_class_ = turn_live ? m->error_class : std::string();
  return report;
}

bool NoticeDedupe::should_report(const std::optional<ScreenNotice>& n) {
  if (!n) return false;
  std::string key = normalise_error_text(n->text);
  if (std::find(seen_.begin(), seen_.end(), key) != seen_.end()) return false;
  if (seen_.size() >= 64) seen_.erase(seen_.begin());
  seen_.push_back(std::move(key));
  return true;
}

}  // namespace ta::terminal
