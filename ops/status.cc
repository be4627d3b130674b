#include "ops/status.h"

#include <algorithm>

#include "config/supervisor_lock.h"
#include "ops/status_sessions.h"
#include "ops/team.h"
#include "store/projector.h"
#include "store/status_table.h"
#include "util/clock.h"
#include "util/strings.h"

namespace ta::ops {

namespace {

// The members of the team spec; nothing without a spec.
Result<std::optional<config::TeamSpec>> team_spec(const config::Paths& paths) {
  return load_team_if_present(paths.team_json);
}

std::vector<std::string> member_ids(const std::optional<config::TeamSpec>& spec) {
  return spec ? spec->member_ids() : std::vector<std::string>{};
}

// An agent whose pane never started has no provider in the log: the spec's.
void fill_providers(store::StatusData& d, const std::optional<config::TeamSpec>& spec) {
  if (!spec) return;
  for (auto& a : d.agents)
    if (a.provider.empty())
      if (const auto* member = spec->find(a.agent_id)) a.provider = member->provider;
}

// The ids to show a row for, whether or not they have events: the team's,
// or only the requested agent (an agent neither known nor seen is refused).
Result<std::vector<std::string>> known_agents(std::vector<std::string> team_ids,
                                              const StatusRequest& r,
                                              const store::StatusData& data) {
  if (r.agent.empty()) return team_ids;
  bool known = std::find(team_ids.begin(), team_ids.end(), r.agent) != team_ids.end();
  if (!known && data.agents.empty() && !team_ids.empty())
    return usage_error("unknown agent \"" + r.agent + "\" (known: " + join(team_ids) +
                       "); run `team-agent status` to see every agent");
  return std::vector<std::string>(known ? 1 : 0, r.agent);
}

}  // namespace

store::LiveSupervisor live_supervisor(const config::Paths& paths) {
  auto probe = config::probe_supervisor(paths);
  store::LiveSupervisor live;
  if (probe.state == config::SupervisorState::stale) {
    live.stale_pid = probe.record ? probe.record->pid : 0;
    if (probe.record) live.stale_started_at = probe.record->started_at;
  }
  if (probe.state != config::SupervisorState::running) return live;
  live.running = true;
  if (!probe.record) return live;
  live.pid = probe.record->pid;
  live.started_at = probe.record->started_at;
  live.run_id = probe.record->run_id;
  if (auto started = parse_rfc3339(live.started_at))
    live.uptime_s = std::max<std::int64_t>(0, (now_micros() - *started) / 1000000);
  return live;
}

Result<TeamStatus> team_status(const config::Paths& paths, const StatusRequest& r,
                               const Warn& warn) {
  auto spec = team_spec(paths);
  if (!spec) return spec.error();
  auto view = store::open_state_view(paths);
  if (!view) return view.error();
  TeamStatus s;
  s.workspace = paths.workspace;
  s.agent = r.agent;
  s.caught_up = view->caught_up();
  if (view->warning()) {
    s.warning = view->warning()->message;
    if (warn) warn(*view->warning());
  }
  store::StatusQuery query;
  query.agent = r.agent;
  auto data = store::query_status(view->db(), query);
  if (!data) return data.error();
  auto shown = known_agents(member_ids(*spec), r, *data);
  if (!shown) return shown.error();
  store::add_known_agents(*data, *shown);
  fill_providers(*data, *spec);
  // Sessions are extra: a state.db that cannot show them still shows the rest.
  if (auto st = add_session_status(view->db(), *data, paths.workspace); !st) {
    auto e = make_error("cannot read the agents' sessions: " + st.error().message);
    if (!s.warning) s.warning = e.message;
    if (warn) warn(e);
  }
  if (auto health = store::load_team_health(view->db()); health) {
    data->health = std::move(*health);
  } else {
    auto e = make_error("cannot read the team's health: " + health.error().message);
    if (!s.warning) s.warning = e.message;
    if (warn) warn(e);
  }
  s.data = std::move(*data);
  s.presentation.supervisor = live_supervisor(paths);
  s.presentation.now = now_micros();
  return s;
}

events::Json team_status_json(const TeamStatus& s) {
  auto j = store::status_json(s.data, s.presentation);
  j["workspace"] = s.workspace;
  j["agent"] = s.agent.empty() ? events::Json(nullptr) : events::Json(s.agent);
  j["caught_up"] = s.caught_up;
  j["warning"] = s.warning ? events::Json(*s.warning) : events::Json();
  return j;
}

std::string team_status_text(const TeamStatus& s) {
  return "workspace: " + s.workspace + "\n" + store::format_status_text(s.data, s.presentation);
}

std::string team_summary_text(const TeamStatus& s) {
  return store::format_status_summary(s.data, s.presentation);
}

events::Json team_summary_json(const TeamStatus& s) {
  auto agents = events::Json::array();
  for (const auto& a : s.data.agents) {
    auto at = store::last_activity_at(a);
    std::optional<std::int64_t> age;
    if (auto t = parse_rfc3339(at); t && s.presentation.now)
      age = std::max<std::int64_t>(0, (*s.presentation.now - *t) / 1000000);
    agents.push_back({{"agent_id", a.agent_id},
                      {"provider", a.provider.empty() ? events::Json() : events::Json(a.provider)},
                      {"state", store::pane_column(a)},
                      {"queued", a.queued},
                      {"last_activity_at", at.empty() ? events::Json() : events::Json(at)},
                      {"last_activity_age_s", age ? events::Json(*age) : events::Json()}});
  }
  return {{"workspace", s.workspace}, {"agents", agents}};
}

}  // namespace ta::ops
