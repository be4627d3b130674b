#pragma once
// The blocking half of the run's display (supervisor/run_display.h): it
// asks tmux where the team's panes are, moves them where the layout puts
// them, and writes the border labels and each window's counts. Used from
// one thread (the display's own I/O thread); every call is a few commands
// over the control connection.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "events/types.h"
#include "terminal/display_border.h"
#include "terminal/display_layout.h"
#include "terminal/tmux_runner.h"

namespace ta::supervisor {

struct DisplayKeeperConfig {
  std::shared_ptr<terminal::TmuxRunner> tmux;
  std::string session;
  // Read at every rebuild: the members' order and the display settings.
  std::string team_json;
  terminal::DisplayMode mode = terminal::DisplayMode::overview;
  // Records what a rebuild did (display.rebuilt).
  std::function<void(const events::DisplayRebuilt&)> record;
};

class DisplayKeeper {
 public:
  explicit DisplayKeeper(DisplayKeeperConfig cfg) : cfg_(std::move(cfg)) {}

  // Puts every agent's pane where the layout says; recorded when a pane
  // moved or a window was renamed, when tmux refused a step, and always
  // for reason "start".
  void rebuild(const std::string& reason);
  // Writes the labels of these panes, then their windows' counts.
  void show(const std::vector<std::pair<std::string, terminal::BorderLabel>>& labels);
  // A window's layout changed: when the session's size changed with it,
  // the overview windows are tiled again, or rebuilt when the new size holds
  // a different number of panes a window.
  void resized();

 private:
  // Pane -> window id, as tmux has them now.
  void refresh_windows();
  void write_counts();

  DisplayKeeperConfig cfg_;
  bool formats_set_ = false;
  terminal::TerminalSize size_;
  int wanted_per_window_ = 0;  // the spec's, at the last rebuild
  int per_window_ = 0;         // after the size cap, at the last rebuild
  std::map<std::string, std::string> window_of_;  // pane -> window id
  std::map<std::string, std::string> tiled_pane_;  // overview window id -> one of its panes
  std::map<std::string, terminal::BorderLabel> labels_;  // pane -> label shown
  std::map<std::string, std::string> counts_;            // window id -> counts shown
};

}  // namespace ta::supervisor
