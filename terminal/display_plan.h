#pragma once
// Which panes move, and how, to bring the team's tmux session from where
// its panes are to a DisplayLayout. Pure: the steps name panes only (a pane
// id targets its window too), so they hold whatever ids tmux gives the
// windows it creates on the way. Panes only ever move (break-pane,
// join-pane), so the programs in them keep running.
#include <string>
#include <vector>

#include "terminal/display_layout.h"

namespace ta::terminal {

// One pane of the session as tmux lists it.
struct PlacedPane {
  std::string pane_id;       // "%3"
  std::string window_id;     // "@2"
  int window_index = 0;      // the window's number in the session
  std::string window_tag;    // the window's @ta_window ("" for none)
  std::string window_name;
  std::string agent;         // the pane's @ta_agent ("" for a pane not an agent's)
};

enum class DisplayStepKind {
  break_out,    // break-pane -d -s pane, into a new window named `name`
  join,         // join-pane -d -s pane -t target: right after target (then re-tiled)
  swap,         // swap-pane -d -s pane -t target: each takes the other's place
  name_window,  // rename the pane's window to `name` and tag it so
  retile,       // select-layout tiled on the pane's window
  reorder,      // move the windows of `panes` into this order
};

struct DisplayStep {
  DisplayStepKind kind;
  std::string pane;
  std::string target;              // join, swap: the other pane
  std::string name;                // break_out, name_window
  std::vector<std::string> panes;  // reorder: one pane of each window, in order
};

struct DisplayPlan {
  std::vector<DisplayStep> steps;
  int moved = 0;  // panes moved to another window (break-outs and joins)
};

// `panes`: every pane of the session. Agents of `layout` without a pane are
// left out; panes of no agent in the layout that share a window with
// agents' panes are broken out into windows of their own, named after the
// agent (or "spare").
DisplayPlan plan_display(const std::vector<PlacedPane>& panes, const DisplayLayout& layout);

}  // namespace ta::terminal
