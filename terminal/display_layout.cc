#include "terminal/display_layout.h"

#include <algorithm>

namespace ta::terminal {

namespace {

// tmux's tiled layout (layout_set_tiled): rows grow first, then columns,
// until rows x columns holds every pane.
std::pair<int, int> tiled_grid(int panes) {
  int rows = 1, cols = 1;
  while (rows * cols < panes) {
    ++rows;
    if (rows * cols < panes) ++cols;
  }
  return {rows, cols};
}

bool fits(TerminalSize size, int panes) {
  auto [rows, cols] = tiled_grid(panes);
  // One column between panes side by side; one border line above each
  // pane (pane-border-status top) and, for the lower ones, the one between.
  const int width = (size.cols - (cols - 1)) / cols;
  const int height = (size.rows - rows) / rows;
  return width >= kMinPaneCols && height >= kMinPaneRows;
}

}  // namespace

std::string overview_window_name(std::size_t n) {
  return n == 0 ? "team" : "team-" + std::to_string(n + 1);
}

int panes_that_fit(TerminalSize size, int wanted) {
  wanted = std::max(wanted, 1);
  if (size.cols <= 0 || size.rows <= 0) return wanted;
  int n = wanted;
  while (n > 1 && !fits(size, n)) --n;
  return n;
}

DisplayLayout compute_layout(const std::vector<std::string>& members,
                             const config::DisplaySpec& spec, DisplayMode mode,
                             TerminalSize size) {
  DisplayLayout out;
  if (mode == DisplayMode::per_agent) {
    out.per_window = 1;
    for (const auto& m : members) out.windows.push_back({m, {m}, false});
    return out;
  }
  out.per_window = panes_that_fit(size, spec.per_window);
  const std::string leader(config::kLeaderId);
  const bool has_leader = std::find(members.begin(), members.end(), leader) != members.end();
  std::vector<std::string> tiled;  // in the order they fill the overview windows
  if (has_leader && spec.leader == config::LeaderPlacement::own_window)
    out.windows.push_back({leader, {leader}, false});
  else if (has_leader)
    tiled.push_back(leader);
  for (const auto& m : members)
    if (m != leader) tiled.push_back(m);
  for (std::size_t i = 0; i < tiled.size(); ++i) {
    const auto n = i / static_cast<std::size_t>(out.per_window);
    if (i % static_cast<std::size_t>(out.per_window) == 0)
      out.windows.push_back({overview_window_name(n), {}, true});
    out.windows.back().agents.push_back(tiled[i]);
  }
  return out;
}

}  // namespace ta::terminal
