#include "ops/health.h"

#include <cstdlib>

#include "ops/shutdown.h"
#include "ops/status.h"
#include "store/projector.h"
#include "util/clock.h"

namespace ta::ops {

std::optional<double> parse_quiet_for(const std::string& text) {
  if (text.empty() || text.back() < 'a' || text.back() > 'z') return std::nullopt;
  auto micros = parse_duration(text);
  if (!micros || *micros <= 0) return std::nullopt;
  return static_cast<double>(*micros) / 1e6;
}

Result<events::IdleAcknowledged> acknowledge_idle(const config::Paths& paths, double for_s) {
  const char* self = std::getenv("TEAM_AGENT_ID");
  events::IdleAcknowledged ack{for_s, self && *self ? self : "human"};
  if (auto st = append_to_log(paths)({events::to_draft(ack)}); !st) return st.error();
  return ack;
}

Result<StuckReport> stuck_agents(const config::Paths& paths) {
  auto view = store::open_state_view(paths);
  if (!view) return view.error();
  auto health = store::load_team_health(view->db());
  if (!health) return health.error();
  StuckReport out;
  for (auto& [_, a] : health->agents)
    if (a.stuck) out.stuck.push_back(a);
  out.supervisor_running = live_supervisor(paths).running;
  return out;
}

}  // namespace ta::ops
