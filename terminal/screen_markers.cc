#include "terminal/screen_markers.h"

#include "terminal/text.h"

namespace ta::terminal {

std::optional<MarkerHit> latest_match(const Screen& screen, const config::PatternList& patterns,
                                      std::size_t from) {
  for (std::size_t i = screen.lines.size(); i > from; --i) {
    if (auto m = patterns.find(screen.lines[i - 1])) return MarkerHit{i - 1, std::string(m->text)};
  }
  return std::nullopt;
}

std::size_t live_region_start(const Screen& screen, const config::ProviderProfile& profile) {
  auto idle = latest_match(screen, profile.screen.idle);
  return idle ? idle->line : 0;
}

std::string quote(std::string_view s, std::size_t max_chars) {
  s = trim_blanks(s);
  if (char_count(s) <= max_chars) return "'" + std::string(s) + "'";
  return "'" + std::string(head_chars(s, max_chars - 1)) + "…'";
}

}  // namespace ta::terminal
