#include "terminal/display_plan.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

using namespace ta::terminal;
using ta::config::DisplaySpec;
using ta::config::LeaderPlacement;

namespace {

// A tmux session as the test sees it: windows in order, each with its panes.
struct Window {
  std::string id, name, tag;
  std::vector<std::string> panes;
};

struct Session {
  std::vector<Window> windows;
  std::map<std::string, std::string> agent_of;  // pane -> agent tag
  int next_window = 100;

  // One window per agent, named after it, as `run` starts panes.
  static Session per_agent(const std::vector<std::string>& agents) {
    Session s;
    for (std::size_t i = 0; i < agents.size(); ++i) {
      const auto pane = "%" + std::to_string(i);
      s.windows.push_back({"@" + std::to_string(i), agents[i], "", {pane}});
      s.agent_of[pane] = agents[i];
    }
    return s;
  }

  std::vector<PlacedPane> placed() const {
    std::vector<PlacedPane> out;
    for (std::size_t i = 0; i < windows.size(); ++i)
      for (const auto& p : windows[i].panes)
        out.push_back({p, windows[i].id, static_cast<int>(i), windows[i].tag, windows[i].name,
                       agent_of.count(p) ? agent_of.at(p) : ""});
    return out;
  }

  Window& window_of(const std::string& pane) {
    for (auto& w : windows)
      if (std::count(w.panes.begin(), w.panes.end(), pane)) return w;
    FAIL("no window holds " << pane);
    return windows.front();
  }

  void take(const std::string& pane) {
    auto& ps = window_of(pane).panes;
    ps.erase(std::find(ps.begin(), ps.end(), pane));
    windows.erase(std::remove_if(windows.begin(), windows.end(),
                                 [](const Window& w) { return w.panes.empty(); }),
                  windows.end());
  }

  // What tmux does for each step.
  void apply(const DisplayPlan& plan) {
    for (const auto& s : plan.steps) {
      switch (s.kind) {
        case DisplayStepKind::break_out:
          take(s.pane);
          windows.push_back({"@" + std::to_string(next_window++), s.name, "", {s.pane}});
          break;
        case DisplayStepKind::join: {
          // tmux splits the target: the pane comes right after it.
          REQUIRE(&window_of(s.pane) != &window_of(s.target));
          take(s.pane);
          auto& ps = window_of(s.target).panes;
          ps.insert(std::find(ps.begin(), ps.end(), s.target) + 1, s.pane);
          break;
        }
        case DisplayStepKind::swap: {
          auto& a = window_of(s.pane);
          auto& b = window_of(s.target);
          auto ia = std::find(a.panes.begin(), a.panes.end(), s.pane);
          auto ib = std::find(b.panes.begin(), b.panes.end(), s.target);
          std::iter_swap(ia, ib);
          break;
        }
        case DisplayStepKind::name_window:
          window_of(s.pane).name = window_of(s.pane).tag = s.name;
          break;
        case DisplayStepKind::retile:
          break;
        case DisplayStepKind::reorder: {
          std::vector<Window> sorted;
          for (const auto& p : s.panes) sorted.push_back(window_of(p));
          REQUIRE(sorted.size() == windows.size());
          windows = sorted;
          break;
        }
      }
    }
  }

  // "leader[leader] team[w1 w2]": windows by name with their agents.
  std::string shape() const {
    std::string out;
    for (const auto& w : windows) {
      out += (out.empty() ? "" : " ") + w.name + "[";
      for (std::size_t i = 0; i < w.panes.size(); ++i)
        out += (i ? " " : "") + (agent_of.count(w.panes[i]) ? agent_of.at(w.panes[i]) : "?");
      out += "]";
    }
    return out;
  }
};

std::vector<std::string> plan_team(int workers) {
  std::vector<std::string> ids{"leader"};
  for (int i = 1; i <= workers; ++i) ids.push_back("w" + std::to_string(i));
  return ids;
}

DisplayLayout overview(const std::vector<std::string>& members, int per) {
  return compute_layout(members, DisplaySpec{per, LeaderPlacement::own_window},
                        DisplayMode::overview);
}

}  // namespace

TEST_CASE("panes started one window each are gathered into the overview windows") {
  auto s = Session::per_agent(plan_team(8));
  auto plan = plan_display(s.placed(), overview(plan_team(8), 3));
  s.apply(plan);
  CHECK(s.shape() == "leader[leader] team[w1 w2 w3] team-2[w4 w5 w6] team-3[w7 w8]");
  CHECK(plan.moved == 5);  // w2 w3, w5 w6, w8 join the first of their window
  // Applied again, nothing moves and nothing is renamed.
  CHECK(plan_display(s.placed(), overview(plan_team(8), 3)).steps.empty());
}

TEST_CASE("an added worker joins the last overview window; nobody else moves") {
  auto s = Session::per_agent(plan_team(4));
  s.apply(plan_display(s.placed(), overview(plan_team(4), 3)));
  s.windows.push_back({"@50", "w5", "", {"%50"}});  // its pane started in a window of its own
  s.agent_of["%50"] = "w5";
  auto plan = plan_display(s.placed(), overview(plan_team(5), 3));
  s.apply(plan);
  CHECK(s.shape() == "leader[leader] team[w1 w2 w3] team-2[w4 w5]");
  CHECK(plan.moved == 1);
  REQUIRE(plan.steps.size() == 2);
  CHECK(plan.steps[0].kind == DisplayStepKind::join);
  CHECK(plan.steps[0].pane == "%50");
  CHECK(plan.steps[1].kind == DisplayStepKind::retile);
}

TEST_CASE("a removed worker's place is filled from the next window") {
  auto s = Session::per_agent(plan_team(5));
  s.apply(plan_display(s.placed(), overview(plan_team(5), 2)));
  CHECK(s.shape() == "leader[leader] team[w1 w2] team-2[w3 w4] team-3[w5]");
  s.take("%2");  // w2's pane closed
  auto members = plan_team(5);
  members.erase(members.begin() + 2);
  auto plan = plan_display(s.placed(), overview(members, 2));
  s.apply(plan);
  CHECK(s.shape() == "leader[leader] team[w1 w3] team-2[w4 w5]");
  CHECK(plan.moved == 2);
}

TEST_CASE("a pane that is no agent's leaves the layout's windows") {
  auto s = Session::per_agent(plan_team(2));
  s.windows[1].panes.push_back("%9");  // a shell someone split off next to w1
  s.apply(plan_display(s.placed(), overview(plan_team(2), 4)));
  CHECK(s.shape() == "leader[leader] team[w1 w2] spare[?]");
}

TEST_CASE("panes are put in the layout's order within their window") {
  auto s = Session::per_agent(plan_team(3));
  s.windows[1].panes = {"%3", "%1"};  // team: w3 then w1, tagged as the overview
  s.windows[1].name = s.windows[1].tag = "team";
  s.windows.erase(s.windows.begin() + 3);
  auto plan = plan_display(s.placed(), overview(plan_team(3), 3));
  s.apply(plan);
  CHECK(s.shape() == "leader[leader] team[w1 w2 w3]");
  CHECK(plan.moved == 1);  // w2 joined; the others only swapped places
}

TEST_CASE("windows are put in the layout's order, whatever order tmux had them in") {
  auto s = Session::per_agent({"w2", "leader", "w1"});
  s.apply(plan_display(s.placed(), overview(plan_team(2), 1)));
  CHECK(s.shape() == "leader[leader] team[w1] team-2[w2]");
}

TEST_CASE("per-agent mode spreads an overview back into one window per agent") {
  auto s = Session::per_agent(plan_team(4));
  s.apply(plan_display(s.placed(), overview(plan_team(4), 4)));
  CHECK(s.shape() == "leader[leader] team[w1 w2 w3 w4]");
  auto plan = plan_display(
      s.placed(), compute_layout(plan_team(4), DisplaySpec{}, DisplayMode::per_agent));
  s.apply(plan);
  CHECK(s.shape() == "leader[leader] w1[w1] w2[w2] w3[w3] w4[w4]");
  CHECK(plan.moved == 3);
}

TEST_CASE("a smaller per_window splits a full window; a window a person renamed gets its name back") {
  auto s = Session::per_agent(plan_team(4));
  s.apply(plan_display(s.placed(), overview(plan_team(4), 4)));
  s.windows[1].name = "mine";
  s.apply(plan_display(s.placed(), overview(plan_team(4), 2)));
  CHECK(s.shape() == "leader[leader] team[w1 w2] team-2[w3 w4]");
}

TEST_CASE("agents without a pane (stopped) are left out; a shared leader comes first") {
  auto s = Session::per_agent({"leader", "w1", "w3"});
  s.apply(plan_display(s.placed(), compute_layout(plan_team(3), DisplaySpec{2, LeaderPlacement::shared},
                                                  DisplayMode::overview)));
  CHECK(s.shape() == "team[leader w1] team-2[w3]");
}
