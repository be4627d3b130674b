#include "ops/pane_lines.h"

#include <algorithm>
#include <cstdint>

#include "util/redact.h"

namespace ta::ops {

namespace {

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t") == std::string::npos;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from < text.size()) {
    auto nl = text.find('\n', from);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(from, nl - from);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    out.push_back(std::move(line));
    from = nl + 1;
  }
  return out;
}

// For each line of `after`, whether it is one of a longest common
// subsequence with `before`: the lines that stayed, as `diff` sees them.
std::vector<bool> kept_lines(const std::vector<std::string>& before,
                             const std::vector<std::string>& after) {
  const std::size_t n = before.size(), m = after.size();
  // len[i][j]: the longest common subsequence of before[i..] and after[j..].
  std::vector<std::vector<std::uint32_t>> len(n + 1, std::vector<std::uint32_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      len[i][j] = before[i] == after[j] ? len[i + 1][j + 1] + 1
                                        : std::max(len[i + 1][j], len[i][j + 1]);
  std::vector<bool> kept(m, false);
  for (std::size_t i = 0, j = 0; i < n && j < m;) {
    if (before[i] == after[j]) {
      kept[j] = true;
      ++i, ++j;
    } else if (len[i + 1][j] >= len[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  return kept;
}

}  // namespace

std::vector<std::string> last_lines(const std::string& capture, std::size_t n) {
  // The whole text is redacted first: a key wrapped at the pane's edge is
  // found across the line break.
  auto lines = split(redact_secrets(capture));
  while (!lines.empty() && blank(lines.back())) lines.pop_back();
  if (lines.size() > n) lines.erase(lines.begin(), lines.end() - static_cast<std::ptrdiff_t>(n));
  return lines;
}

std::vector<std::string> new_lines(const std::vector<std::string>& before,
                                   const std::vector<std::string>& after) {
  auto kept = kept_lines(before, after);
  std::vector<std::string> fresh;
  for (std::size_t j = 0; j < after.size(); ++j)
    if (!kept[j] && !blank(after[j])) fresh.push_back(after[j]);
  return fresh;
}

}  // namespace ta::ops
