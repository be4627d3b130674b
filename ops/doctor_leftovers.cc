#include "ops/doctor_leftovers.h"

#include "ops/end_leftovers.h"
#include "terminal/tmux_server.h"
#include "util/redact.h"

namespace ta::ops {

std::vector<DoctorCheck> leftover_checks(const config::Paths& paths) {
  // Whatever runs inside a live pane is the team at work, supervised or
  // not (`shutdown` without --kill-panes leaves the panes running).
  auto live = ops::live_pane_pids(paths);
  if (!live)
    return {{"warn", "leftovers",
             "could not ask tmux which panes live (" + live.error().message +
                 "), so processes left behind were not looked for"}};
  auto found = terminal::find_leftovers(
      paths.workspace, terminal::socket_name_for_workspace(paths.workspace), *live);
  if (found.empty()) return {{"ok", "leftovers", "no process of the team runs outside its panes"}};
  std::vector<DoctorCheck> out;
  for (const auto& l : found) {
    std::string detail = "pid " + std::to_string(l.process.pid) + " (agent " + l.agent_id +
                         "): " + redact_secrets(l.process.command) +
                         " runs outside the team's panes; ";
    if (l.serves_outsiders.empty()) {
      detail += "'team-agent shutdown --kill-panes' ends it";
    } else {
      std::string pids;
      for (pid_t o : l.serves_outsiders) pids += (pids.empty() ? "" : ", ") + std::to_string(o);
      detail += "processes outside the team (pid " + pids +
                ") use it, so 'team-agent shutdown --kill-panes' leaves it running until they "
                "are done";
    }
    out.push_back({"warn", "leftovers", detail});
  }
  return out;
}

}  // namespace ta::ops
