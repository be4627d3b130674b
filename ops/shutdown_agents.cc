#include "ops/shutdown_agents.h"

#include "events/types.h"
#include "store/projector.h"

namespace ta::ops {

std::vector<events::Draft> stopped_pane_events(const std::vector<store::AgentRow>& agents) {
  std::vector<events::Draft> out;
  for (const auto& a : agents) {
    // No state: it never had a pane. Exited or stopped: its pane was gone already.
    if (a.pane_state.empty() || a.pane_state == "exited" || a.pane_state == kStoppedPaneState)
      continue;
    out.push_back(events::to_draft(
        events::PaneStateChanged{a.agent_id, a.pane_state, kStoppedPaneState}));
  }
  return out;
}

Result<std::vector<std::string>> record_agents_stopped(const config::Paths& paths,
                                                       const Record& record) {
  auto view = store::open_state_view(paths);
  if (!view) return view.error();
  auto status = store::query_status(view->db());
  if (!status) return status.error();
  auto drafts = stopped_pane_events(status->agents);
  std::vector<std::string> agents;
  for (const auto& d : drafts) agents.push_back(d.data.value("agent_id", ""));
  if (!drafts.empty())
    if (auto st = record(std::move(drafts)); !st) return st.error();
  return agents;
}

}  // namespace ta::ops
