#pragma once
// Where each agent's pane is shown: the team's windows and the panes in
// each, computed from the members, the spec's "display" settings and the
// terminal's size. Pure: the display actor applies it to tmux
// (terminal/display_plan.h says which panes move).
//
// Overview mode: the leader in a window of its own ("leader", first) or, if
// asked, first in the first overview window; the workers in spec order in
// overview windows "team", "team-2", … of up to per_window tiled panes,
// filled in order (8 workers at 3 a window: 3+3+2), so that adding a worker
// never moves the others. Per-agent mode (`run --no-display`): one window
// per agent, named after it.
#include <string>
#include <vector>

#include "config/team_spec.h"

namespace ta::terminal {

enum class DisplayMode { overview, per_agent };

struct TerminalSize {
  int cols = 0;  // 0: unknown (nothing attached): the spec's per_window holds
  int rows = 0;
};

// A tiled pane narrower or lower than this is no use to a person: fewer
// panes share a window when the terminal is small.
inline constexpr int kMinPaneCols = 40;
inline constexpr int kMinPaneRows = 8;

struct LayoutWindow {
  std::string name;                 // "leader", "team", "team-2", … or an agent id
  std::vector<std::string> agents;  // its panes, in order
  bool tiled = false;               // an overview window: select-layout tiled
};

struct DisplayLayout {
  std::vector<LayoutWindow> windows;  // in window order
  int per_window = 0;                 // panes a window holds after the size cap
};

// The name of the n-th overview window (0-based): "team", "team-2", ….
std::string overview_window_name(std::size_t n);

// How many tiled panes (at most `wanted`, at least 1) fit in a window of
// `size`, each keeping kMinPaneCols x kMinPaneRows with its border line, as
// tmux's tiled layout arranges them.
int panes_that_fit(TerminalSize size, int wanted);

// `members`: the agents with a pane, the leader (config::kLeaderId) among
// them or not, workers in spec order.
DisplayLayout compute_layout(const std::vector<std::string>& members,
                             const config::DisplaySpec& spec, DisplayMode mode,
                             TerminalSize size = {});

}  // namespace ta::terminal
