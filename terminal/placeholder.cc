#include "terminal/placeholder.h"

namespace ta::terminal {

std::optional<PlaceholderMatch> find_placeholder(const Screen& screen,
                                                 const config::ProviderProfile& profile) {
  const auto& lines = screen.lines;
  for (std::size_t i = lines.size(); i > 0; --i) {
    if (auto m = profile.screen.placeholder.find(lines[i - 1]))
      return PlaceholderMatch{std::string(m->text), lines.size() - i,
                              profile.screen.idle.matches(lines[i - 1])};
  }
  return std::nullopt;
}

std::vector<std::string> placeholder_texts(const std::vector<std::string>& lines,
                                           const config::ProviderProfile& profile) {
  std::vector<std::string> out;
  for (const auto& line : lines) {
    for (const auto& p : profile.screen.placeholder.patterns) {
      std::size_t pos = 0;
      while (auto m = p.find(line, pos)) {
        out.emplace_back(m->text);
        if (m->end <= pos) break;
        pos = m->end;
      }
    }
  }
  return out;
}

}  // namespace ta::terminal
