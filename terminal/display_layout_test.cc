#include "terminal/display_layout.h"

#include <doctest/doctest.h>

#include <algorithm>

#include <string>
#include <vector>

using namespace ta::terminal;
using ta::config::DisplaySpec;
using ta::config::LeaderPlacement;

namespace {

std::vector<std::string> layout_team(int workers) {
  std::vector<std::string> ids{"leader"};
  for (int i = 1; i <= workers; ++i) ids.push_back("w" + std::to_string(i));
  return ids;
}

// "leader[leader] team[w1 w2] …": the windows in order, a tiled one marked '*'.
std::string shape(const DisplayLayout& l) {
  std::string s;
  for (const auto& w : l.windows) {
    s += (s.empty() ? "" : " ") + w.name + (w.tiled ? "*[" : "[");
    for (std::size_t i = 0; i < w.agents.size(); ++i) s += (i ? " " : "") + w.agents[i];
    s += "]";
  }
  return s;
}

// The number of panes in each overview window, in order.
std::vector<std::size_t> overview_sizes(const DisplayLayout& l) {
  std::vector<std::size_t> out;
  for (const auto& w : l.windows)
    if (w.tiled) out.push_back(w.agents.size());
  return out;
}

}  // namespace

TEST_CASE("workers fill overview windows of up to per_window panes, in spec order") {
  const std::vector<std::pair<int, std::vector<std::vector<std::size_t>>>> expected = {
    // workers: sizes for per_window 1, 2, 3, 4, 5, 6
    {1, {{1}, {1}, {1}, {1}, {1}, {1}}},
    {3, {{1, 1, 1}, {2, 1}, {3}, {3}, {3}, {3}}},
    {4, {{1, 1, 1, 1}, {2, 2}, {3, 1}, {4}, {4}, {4}}},
    {5, {{1, 1, 1, 1, 1}, {2, 2, 1}, {3, 2}, {4, 1}, {5}, {5}}},
    {8, {{1, 1, 1, 1, 1, 1, 1, 1}, {2, 2, 2, 2}, {3, 3, 2}, {4, 4}, {5, 3}, {6, 2}}},
    {13,
     {{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
      {2, 2, 2, 2, 2, 2, 1},
      {3, 3, 3, 3, 1},
      {4, 4, 4, 1},
      {5, 5, 3},
      {6, 6, 1}}},
  };
  for (const auto& [workers, by_per_window] : expected) {
    for (int per = 1; per <= 6; ++per) {
      CAPTURE(workers);
      CAPTURE(per);
      auto l = compute_layout(layout_team(workers), DisplaySpec{per, LeaderPlacement::own_window},
                              DisplayMode::overview);
      CHECK(overview_sizes(l) == by_per_window[static_cast<std::size_t>(per - 1)]);
      // The leader alone in the first window; every worker exactly once, in order.
      REQUIRE(!l.windows.empty());
      CHECK(l.windows.front().name == "leader");
      CHECK(l.windows.front().agents == std::vector<std::string>{"leader"});
      CHECK_FALSE(l.windows.front().tiled);
      std::vector<std::string> order;
      for (std::size_t i = 1; i < l.windows.size(); ++i) {
        CHECK(l.windows[i].name == overview_window_name(i - 1));
        for (const auto& a : l.windows[i].agents) order.push_back(a);
      }
      auto all = layout_team(workers);
      CHECK(order == std::vector<std::string>(all.begin() + 1, all.end()));
    }
  }
}

TEST_CASE("overview windows are named team, team-2, team-3, …") {
  CHECK(overview_window_name(0) == "team");
  CHECK(overview_window_name(1) == "team-2");
  CHECK(overview_window_name(9) == "team-10");
  CHECK(shape(compute_layout(layout_team(5), DisplaySpec{2, LeaderPlacement::own_window},
                             DisplayMode::overview)) ==
        "leader[leader] team*[w1 w2] team-2*[w3 w4] team-3*[w5]");
}

TEST_CASE("a shared leader is the first pane of the first overview window, never between workers") {
  auto l = compute_layout(layout_team(4), DisplaySpec{3, LeaderPlacement::shared},
                          DisplayMode::overview);
  CHECK(shape(l) == "team*[leader w1 w2] team-2*[w3 w4]");
  CHECK(shape(compute_layout(layout_team(2), DisplaySpec{1, LeaderPlacement::shared},
                             DisplayMode::overview)) ==
        "team*[leader] team-2*[w1] team-3*[w2]");
  for (int per = 1; per <= 6; ++per)
    for (int workers : {1, 3, 4, 5, 8, 13}) {
      auto own = compute_layout(layout_team(workers), DisplaySpec{per, LeaderPlacement::own_window},
                                DisplayMode::overview);
      for (const auto& w : own.windows)
        if (w.tiled) CHECK(std::count(w.agents.begin(), w.agents.end(), "leader") == 0);
      auto shared = compute_layout(layout_team(workers), DisplaySpec{per, LeaderPlacement::shared},
                                   DisplayMode::overview);
      CHECK(shared.windows.front().agents.front() == "leader");
    }
}

TEST_CASE("a team without its leader's pane (stopped) lays out only the workers") {
  CHECK(shape(compute_layout({"w1", "w2", "w3"}, DisplaySpec{2, LeaderPlacement::own_window},
                             DisplayMode::overview)) == "team*[w1 w2] team-2*[w3]");
  CHECK(compute_layout({}, DisplaySpec{}, DisplayMode::overview).windows.empty());
}

TEST_CASE("per-agent mode (run --no-display): one window per agent, named after it") {
  CHECK(shape(compute_layout(layout_team(2), DisplaySpec{4, LeaderPlacement::shared},
                             DisplayMode::per_agent)) == "leader[leader] w1[w1] w2[w2]");
}

TEST_CASE("a small terminal holds fewer panes a window, never none") {
  // Unknown size: as the spec says.
  CHECK(panes_that_fit({0, 0}, 6) == 6);
  CHECK(panes_that_fit({200, 50}, 4) == 4);  // 2x2 of 99x24
  CHECK(panes_that_fit({200, 50}, 9) == 9);  // 3x3 of 66x15
  // 80x24: two stacked panes of 80x11 fit; a 2x2 grid of 39-column panes does not.
  CHECK(panes_that_fit({80, 24}, 4) == 2);
  CHECK(panes_that_fit({80, 24}, 1) == 1);
  CHECK(panes_that_fit({30, 5}, 4) == 1);
  CHECK(panes_that_fit({120, 40}, 0) == 1);
  auto l = compute_layout(layout_team(4), DisplaySpec{4, LeaderPlacement::own_window},
                          DisplayMode::overview, {80, 24});
  CHECK(l.per_window == 2);
  CHECK(shape(l) == "leader[leader] team*[w1 w2] team-2*[w3 w4]");
}
