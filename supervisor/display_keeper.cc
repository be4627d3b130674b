#include "supervisor/display_keeper.h"

#include <set>

#include <spdlog/spdlog.h>

#include "config/team_spec.h"
#include "terminal/display_plan.h"
#include "terminal/display_tmux.h"

namespace ta::supervisor {

namespace {

// The team's members in spec order, and how to show them; an unreadable
// team.json (being edited) leaves the defaults and the panes' own tags.
struct Members {
  std::vector<std::string> order;
  config::DisplaySpec display;
};

Members members_of(const std::string& team_json, const std::vector<terminal::PlacedPane>& panes) {
  Members m;
  std::set<std::string> tagged;
  for (const auto& p : panes)
    if (!p.agent.empty()) tagged.insert(p.agent);
  auto spec = config::load_team_spec(team_json);
  if (spec) {
    m.display = spec->display;
    for (const auto& id : spec->member_ids())
      if (tagged.count(id)) m.order.push_back(id);
    return m;
  }
  spdlog::warn("display: cannot read {} ({}); laying out the tagged panes as they are",
               team_json, spec.error().message);
  if (tagged.count(std::string(config::kLeaderId))) m.order.push_back(std::string(config::kLeaderId));
  for (const auto& id : tagged)
    if (id != config::kLeaderId) m.order.push_back(id);
  return m;
}

const char* mode_name(terminal::DisplayMode mode) {
  return mode == terminal::DisplayMode::overview ? "overview" : "per_agent";
}

}  // namespace

void DisplayKeeper::rebuild(const std::string& reason) {
  auto& tmux = *cfg_.tmux;
  events::DisplayRebuilt out;
  out.reason = reason;
  out.mode = mode_name(cfg_.mode);
  Status st = ok_status();
  if (!formats_set_) {
    st = terminal::set_display_formats(tmux, cfg_.mode);
    formats_set_ = static_cast<bool>(st);
  }
  auto placed = terminal::list_placed_panes(tmux, cfg_.session);
  if (!placed) {
    spdlog::warn("display: cannot list the team's panes: {}", placed.error().message);
    return;
  }
  auto members = members_of(cfg_.team_json, *placed);
  if (auto size = terminal::session_window_size(tmux, cfg_.session)) size_ = *size;
  auto layout = terminal::compute_layout(members.order, members.display, cfg_.mode, size_);
  wanted_per_window_ = members.display.per_window;
  per_window_ = layout.per_window;
  auto plan = terminal::plan_display(*placed, layout);
  if (st) st = terminal::apply_display_plan(tmux, cfg_.session, plan);
  out.windows = static_cast<int>(layout.windows.size());
  out.moved = plan.moved;
  out.per_window = layout.per_window;
  if (!st) out.error = st.error().message;
  refresh_windows();
  write_counts();
  if (reason == "start" || !plan.steps.empty() || !st) cfg_.record(out);
}

void DisplayKeeper::show(const std::vector<std::pair<std::string, terminal::BorderLabel>>& labels) {
  bool changed = false;
  for (const auto& [pane, label] : labels) {
    auto it = labels_.find(pane);
    if (it != labels_.end() && it->second == label) continue;
    if (auto st = terminal::set_pane_label(*cfg_.tmux, pane, label); !st) {
      spdlog::debug("display: cannot label pane {}: {}", pane, st.error().message);
      continue;
    }
    labels_[pane] = label;
    changed = true;
  }
  if (changed) write_counts();
}

void DisplayKeeper::resized() {
  auto size = terminal::session_window_size(*cfg_.tmux, cfg_.session);
  if (!size || (size->cols == size_.cols && size->rows == size_.rows)) return;
  size_ = *size;
  if (cfg_.mode != terminal::DisplayMode::overview) return;
  if (terminal::panes_that_fit(size_, wanted_per_window_) != per_window_) return rebuild("resize");
  std::vector<std::string> panes;
  for (const auto& [window, pane] : tiled_pane_) panes.push_back(pane);
  (void)terminal::retile(*cfg_.tmux, panes, true);
}

void DisplayKeeper::refresh_windows() {
  auto placed = terminal::list_placed_panes(*cfg_.tmux, cfg_.session);
  if (!placed) return;
  window_of_.clear();
  tiled_pane_.clear();
  for (const auto& p : *placed) {
    window_of_[p.pane_id] = p.window_id;
    const bool overview = p.window_tag.rfind(terminal::overview_window_name(0), 0) == 0;
    if (overview && cfg_.mode == terminal::DisplayMode::overview)
      tiled_pane_.emplace(p.window_id, p.pane_id);
  }
  // Labels of panes that are gone are forgotten.
  for (auto it = labels_.begin(); it != labels_.end();)
    it = window_of_.count(it->first) ? std::next(it) : labels_.erase(it);
}

void DisplayKeeper::write_counts() {
  std::map<std::string, std::vector<terminal::BorderLabel>> by_window;
  std::map<std::string, std::string> a_pane;  // window id -> a pane in it
  for (const auto& [pane, window] : window_of_) {
    a_pane.emplace(window, pane);
    if (auto it = labels_.find(pane); it != labels_.end()) by_window[window].push_back(it->second);
  }
  for (const auto& [window, pane] : a_pane) {
    const auto text = terminal::window_counts(by_window[window]);
    if (counts_.count(window) ? counts_[window] == text : text.empty()) continue;
    if (terminal::set_window_counts(*cfg_.tmux, pane, text)) counts_[window] = text;
  }
}

}  // namespace ta::supervisor
