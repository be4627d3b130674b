#pragma once
// What each pane's border says about its agent, from what the pane actor
// and the health watch last recorded: a word for the state (starting,
// ready, working, awaiting trust, blocked, stuck, exited, gone), a colour,
// and the group it counts in for its window's "2 work · 1 wait · 1 stuck".
// Pure: the display actor keeps the inputs and writes the result to tmux.
#include <string>
#include <vector>

namespace ta::terminal {

struct AgentView {
  std::string pane_state = "starting";  // pane.state_changed's `to`
  std::string screen;                   // pane.state_changed's `screen`
  bool stuck = false;                   // agent.stuck, until agent.unstuck
};

enum class LabelGroup { idle, work, wait, stuck, off };

struct BorderLabel {
  std::string state;  // the word on the border
  std::string style;  // a tmux style, e.g. "fg=green" (no commas)
  LabelGroup group = LabelGroup::idle;
  bool operator==(const BorderLabel& o) const {
    return state == o.state && style == o.style && group == o.group;
  }
};

BorderLabel border_label(const AgentView& view);

// "2 work · 1 wait · 1 stuck" for the labels of one window's panes, the
// groups with nobody in them left out ("" when nobody works, waits or is
// stuck): the status line holds several windows' counts.
std::string window_counts(const std::vector<BorderLabel>& labels);

}  // namespace ta::terminal
