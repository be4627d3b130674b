#include "supervisor/run_display.h"

#include <atomic>
#include <set>
#include <utility>
#include <vector>

#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/blocking_worker.h"
#include "events/types.h"
#include "supervisor/display_keeper.h"

namespace ta::supervisor {

namespace {

using terminal::AgentView;
using terminal::BorderLabel;

struct DisplayState {
  std::unique_ptr<actors::BlockingWorker> io;
  std::shared_ptr<DisplayKeeper> keeper;         // used on `io` only
  std::map<std::string, std::string> pane_of;    // agent -> its pane
  std::map<std::string, AgentView> views;        // agent -> what its border says
  std::map<std::string, BorderLabel> posted;     // agent -> the label last handed to `io`
  // A size check is queued: the layout changes that follow add nothing.
  std::shared_ptr<std::atomic<bool>> resize_queued = std::make_shared<std::atomic<bool>>(false);
  static inline const char* name = "display";
};

using display_ptr = actors::display_actor::stateful_pointer<DisplayState>;

// What one event changes: the agents whose label may change, and whether
// the panes must be laid out again.
struct Changes {
  std::set<std::string> agents;
  bool rebuild = false;
};

void apply(DisplayState& st, const events::Event& e, Changes& c) {
  const auto agent = e.data.value("agent_id", "");
  if (e.type == events::PaneStarted::kType) {
    const auto pane = e.data.value("pane_id", "");
    // A pane on a pane host is shown by that host's tmux server.
    if (pane.empty() || !e.data.value("host", "").empty()) return;
    if (st.pane_of[agent] != pane) c.rebuild = true;
    st.pane_of[agent] = pane;
    st.views[agent] = AgentView{};
    st.posted.erase(agent);
  } else if (e.type == events::PaneStateChanged::kType) {
    auto& v = st.views[agent];
    v.pane_state = e.data.value("to", v.pane_state);
    v.screen = e.data.value("screen", "");
  } else if (e.type == events::PaneExited::kType) {
    st.views[agent].pane_state = "exited";
  } else if (e.type == events::AgentStuck::kType) {
    st.views[agent].stuck = true;
  } else if (e.type == events::AgentUnstuck::kType) {
    st.views[agent].stuck = false;
  } else if (e.type == events::AgentRequestCompleted::kType) {
    const auto verb = e.data.value("verb", "");
    if (!e.data.value("ok", false) || (verb != "stop" && verb != "remove")) return;
    st.pane_of.erase(agent);
    st.views.erase(agent);
    st.posted.erase(agent);
    c.rebuild = true;
    return;
  } else {
    return;
  }
  c.agents.insert(agent);
}

void on_events(display_ptr self, const std::vector<events::Event>& batch) {
  auto& st = self->state;
  Changes c;
  for (const auto& e : batch) apply(st, e, c);
  std::vector<std::pair<std::string, BorderLabel>> labels;
  for (const auto& agent : c.agents) {
    auto pane = st.pane_of.find(agent);
    if (pane == st.pane_of.end()) continue;
    auto label = terminal::border_label(st.views[agent]);
    if (auto it = st.posted.find(agent); it != st.posted.end() && it->second == label) continue;
    st.posted[agent] = label;
    labels.emplace_back(pane->second, std::move(label));
  }
  if (!c.rebuild && labels.empty()) return;
  st.io->post([keeper = st.keeper, rebuild = c.rebuild, labels = std::move(labels)] {
    if (rebuild) keeper->rebuild("members");
    if (!labels.empty()) keeper->show(labels);
  });
}

actors::display_actor::behavior_type display(display_ptr self, DisplayConfig cfg) {
  auto& st = self->state;
  st.io = std::make_unique<actors::BlockingWorker>("display");
  st.pane_of = cfg.panes;
  auto writer = cfg.writer;
  DisplayKeeperConfig kc{cfg.tmux, cfg.session, cfg.team_json, cfg.mode,
                         [writer](const events::DisplayRebuilt& r) {
                           caf::anon_send(writer, actors::append_atom::value,
                                          std::vector<events::Draft>{events::to_draft(r)});
                         }};
  st.keeper = std::make_shared<DisplayKeeper>(std::move(kc));
  // Every pane starts as "starting" until its pane actor says otherwise.
  std::vector<std::pair<std::string, BorderLabel>> labels;
  for (const auto& [agent, pane] : st.pane_of) {
    st.views[agent] = AgentView{};
    st.posted[agent] = terminal::border_label(st.views[agent]);
    labels.emplace_back(pane, st.posted[agent]);
  }
  st.io->post([keeper = st.keeper, labels = std::move(labels)] {
    keeper->rebuild("start");
    keeper->show(labels);
  });
  return {
    [self](actors::event_atom, const std::vector<events::Event>& batch) {
      on_events(self, batch);
    },
    [self](actors::layout_atom, const std::string&) {
      // Many arrive at once (one per window, and one per pane moved): one
      // queued size check covers them all, and only a real resize costs
      // more than that one query.
      auto queued = self->state.resize_queued;
      if (queued->exchange(true)) return;
      self->state.io->post([keeper = self->state.keeper, queued] {
        queued->store(false);
        keeper->resized();
      });
    },
  };
}

}  // namespace

actors::display_actor spawn_display(caf::actor_system& sys, DisplayConfig cfg) {
  return sys.spawn(display, std::move(cfg));
}

}  // namespace ta::supervisor
