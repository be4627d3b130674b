#include "terminal/display_plan.h"

#include <algorithm>
#include <map>
#include <set>

namespace ta::terminal {

namespace {

// Where every pane is while the plan is made: windows by a key (tmux's id,
// or "+N" for a window the plan creates), panes in their windows in order.
struct Model {
  struct Window {
    std::string tag, name;
    int index = -1;  // -1: created by the plan, its index not known
    std::vector<std::string> panes;
  };
  std::map<std::string, Window> windows;
  std::vector<std::string> window_order;  // keys, as the session orders them now
  std::map<std::string, std::string> window_of;
  int created = 0;

  explicit Model(const std::vector<PlacedPane>& panes) {
    std::vector<const PlacedPane*> sorted;
    for (const auto& p : panes) sorted.push_back(&p);
    std::stable_sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) {
      return a->window_index < b->window_index;
    });
    for (const auto* p : sorted) {
      auto [it, fresh] = windows.try_emplace(p->window_id);
      if (fresh) {
        it->second = {p->window_tag, p->window_name, p->window_index, {}};
        window_order.push_back(p->window_id);
      }
      it->second.panes.push_back(p->pane_id);
      window_of[p->pane_id] = p->window_id;
    }
  }

  void move(const std::string& pane, const std::string& to) {
    auto& from = windows[window_of[pane]].panes;
    from.erase(std::remove(from.begin(), from.end(), pane), from.end());
    if (from.empty()) {
      windows.erase(window_of[pane]);
      window_order.erase(std::find(window_order.begin(), window_order.end(), window_of[pane]));
    }
    windows[to].panes.push_back(pane);
    window_of[pane] = to;
  }

  std::string new_window(const std::string& pane, const std::string& name) {
    const std::string key = "+" + std::to_string(++created);
    window_order.push_back(key);
    windows[key] = {name, name, -1, {}};
    move(pane, key);
    return key;
  }
};

struct Planner {
  Model m;
  DisplayPlan plan;
  std::set<std::string> claimed;  // windows that hold a layout window
  std::set<std::string> changed;  // windows whose panes changed

  explicit Planner(const std::vector<PlacedPane>& panes) : m(panes) {}

  void add(DisplayStepKind kind, const std::string& pane, const std::string& target = "",
           const std::string& name = "") {
    plan.steps.push_back({kind, pane, target, name, {}});
  }

  void break_out(const std::string& pane, const std::string& name) {
    changed.insert(m.window_of[pane]);
    add(DisplayStepKind::break_out, pane, "", name);
    changed.insert(m.new_window(pane, name));
    ++plan.moved;
  }

  // The pane whose window becomes the layout window `name`: one already in
  // a window tagged so, else the first pane, alone in its window or broken out.
  std::string anchor(const std::vector<std::string>& panes, const std::string& name) {
    for (const auto& p : panes) {
      const auto& w = m.window_of[p];
      if (!claimed.count(w) && m.windows[w].tag == name) return p;
    }
    const auto& first = panes.front();
    const auto& w = m.window_of[first];
    if (claimed.count(w) || m.windows[w].panes.size() > 1) break_out(first, name);
    return first;
  }

  void place(const LayoutWindow& lw, const std::vector<std::string>& panes) {
    const auto a = anchor(panes, lw.name);
    const auto w = m.window_of[a];
    claimed.insert(w);
    auto& win = m.windows[w];
    if (win.tag != lw.name || win.name != lw.name) {
      add(DisplayStepKind::name_window, a, "", lw.name);
      win.tag = win.name = lw.name;
    }
    // Each joins after the window's last pane (join-pane splits its
    // target); order_panes puts them in the layout's order afterwards.
    for (const auto& p : panes) {
      if (m.window_of[p] == w) continue;
      changed.insert(m.window_of[p]);
      changed.insert(w);
      add(DisplayStepKind::join, p, m.windows[w].panes.back());
      m.move(p, w);
      ++plan.moved;
    }
  }

  // Swaps the panes of window `key` into the order of `panes`.
  void order_panes(const std::string& key, const std::vector<std::string>& panes) {
    auto& v = m.windows[key].panes;
    for (std::size_t i = 0; i < panes.size() && i < v.size(); ++i) {
      if (v[i] == panes[i]) continue;
      auto j = std::find(v.begin(), v.end(), panes[i]);
      if (j == v.end()) continue;
      plan.steps.push_back({DisplayStepKind::swap, panes[i], v[i], "", {}});
      std::iter_swap(v.begin() + static_cast<std::ptrdiff_t>(i), j);
      changed.insert(key);
    }
  }
};

}  // namespace

DisplayPlan plan_display(const std::vector<PlacedPane>& panes, const DisplayLayout& layout) {
  Planner pl(panes);
  std::map<std::string, std::string> pane_of;  // agent -> its pane (the first one tagged)
  std::map<std::string, std::string> agent_of;
  for (const auto& p : panes) {
    agent_of[p.pane_id] = p.agent;
    if (!p.agent.empty()) pane_of.emplace(p.agent, p.pane_id);
  }
  struct Placed {
    std::string key;  // the window holding it
    const LayoutWindow* lw;
    std::vector<std::string> panes;
  };
  std::vector<Placed> anchors;
  std::set<std::string> in_layout;
  for (const auto& lw : layout.windows) {
    std::vector<std::string> ps;
    for (const auto& a : lw.agents)
      if (auto it = pane_of.find(a); it != pane_of.end()) ps.push_back(it->second);
    if (ps.empty()) continue;
    in_layout.insert(ps.begin(), ps.end());
    pl.place(lw, ps);
    anchors.push_back({pl.m.window_of[ps.front()], &lw, ps});
  }
  // Anything else sharing a layout window leaves it.
  for (const auto& a : anchors) {
    auto others = pl.m.windows[a.key].panes;
    for (const auto& p : others)
      if (!in_layout.count(p)) pl.break_out(p, agent_of[p].empty() ? "spare" : agent_of[p]);
    pl.order_panes(a.key, a.panes);
  }
  // A window left holding no agent keeps no agent's or layout window's name.
  std::set<std::string> names;
  for (const auto& lw : layout.windows) {
    names.insert(lw.name);
    names.insert(lw.agents.begin(), lw.agents.end());
  }
  for (auto& [key, w] : pl.m.windows) {
    if (pl.claimed.count(key) || (!names.count(w.name) && !names.count(w.tag))) continue;
    const auto& first = w.panes.front();
    const auto name = agent_of[first].empty() ? "spare" : agent_of[first];
    if (name == w.name && name == w.tag) continue;
    pl.add(DisplayStepKind::name_window, first, "", name);
    w.name = w.tag = name;
  }
  for (const auto& a : anchors)
    if (a.lw->tiled && pl.changed.count(a.key))
      pl.add(DisplayStepKind::retile, pl.m.windows[a.key].panes.front());
  // The layout's windows first, in its order, then any others as they were.
  std::vector<std::string> order;
  for (const auto& a : anchors) order.push_back(a.key);
  for (const auto& key : pl.m.window_order)
    if (std::find(order.begin(), order.end(), key) == order.end()) order.push_back(key);
  bool in_order = true;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto& w = pl.m.windows[order[i]];
    if (w.index < 0 || (i > 0 && w.index <= pl.m.windows[order[i - 1]].index)) in_order = false;
  }
  if (!in_order) {
    DisplayStep s{DisplayStepKind::reorder, "", "", "", {}};
    for (const auto& key : order) s.panes.push_back(pl.m.windows[key].panes.front());
    pl.plan.steps.push_back(std::move(s));
  }
  return pl.plan;
}

}  // namespace ta::terminal
