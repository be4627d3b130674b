#include "terminal/composer.h"

#include "terminal/screen.h"
#include "terminal/text.h"

namespace ta::terminal {

namespace {

// The lowest row the start patterns match; the match's end is where the
// box's text begins.
std::optional<std::pair<std::size_t, std::size_t>> lowest_start(
  const std::vector<std::string>& rows, const config::PatternList& start) {
  for (std::size_t i = rows.size(); i > 0; --i) {
    for (const auto& p : start.patterns) {
      auto m = p.find(rows[i - 1]);
      if (m && m->begin == 0) return std::make_pair(i - 1, m->end);
    }
  }
  return std::nullopt;
}

std::string box_text(const std::vector<std::string>& rows, std::size_t first, std::size_t text_at,
                     std::size_t end) {
  std::vector<std::string_view> lines;
  lines.push_back(trim_blanks(std::string_view(rows[first]).substr(text_at)));
  for (std::size_t i = first + 1; i < end; ++i) lines.push_back(trim_blanks(rows[i]));
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out.push_back('\n');
    out += lines[i];
  }
  return out;
}

}  // namespace

std::optional<ComposerRegion> find_composer(const std::vector<std::string>& rows,
                                            const config::ProviderProfile& profile) {
  const auto& c = profile.screen.composer;
  if (c.start.empty()) return std::nullopt;
  auto start = lowest_start(rows, c.start);
  if (!start) return std::nullopt;
  ComposerRegion r;
  r.first_row = start->first;
  r.end_row = rows.size();
  for (std::size_t i = r.first_row + 1; i < rows.size(); ++i) {
    if (c.end.matches(rows[i])) {
      r.end_row = i;
      r.closed = true;
      break;
    }
  }
  r.text = box_text(rows, r.first_row, start->second, r.end_row);
  if (!r.text.empty() && c.empty.matches(r.text) && r.text.find('\n') == std::string::npos) {
    r.hint = std::move(r.text);
    r.text.clear();
  }
  return r;
}

std::optional<ComposerRegion> find_composer(std::string_view capture,
                                            const config::ProviderProfile& profile) {
  return find_composer(capture_rows(capture), profile);
}

bool composer_holds(std::string_view capture, std::string_view needle,
                    const config::ProviderProfile& profile) {
  auto box = find_composer(capture, profile);
  if (!box || needle.empty()) return false;
  return remove_whitespace(box->text).find(remove_whitespace(needle)) != std::string::npos;
}

}  // namespace ta::terminal
