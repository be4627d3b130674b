// `team-agent status [AGENT] [--json]`: agents (pane state, queue depth,
// first send, last outcome), message states, failures, the last API error and
// the supervisor's liveness, pid and uptime, from the projections (caught
// up first when no supervisor is projecting).
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "config/supervisor_lock.h"
#include "config/team_spec.h"
#include "store/projector.h"
#include "store/queries.h"
#include "store/status_report.h"
#include "util/clock.h"
#include "util/fs.h"

namespace ta::cli {

namespace {

struct StatusOptions {
  std::string agent;
  bool json = false;
};

// Agent ids of the team spec, leader first. Status only needs the ids, so it
// reads them leniently: `run` is where the spec is validated.
std::vector<std::string> team_agent_ids(const config::Paths& paths) {
  std::vector<std::string> ids;
  auto text = config::read_team_spec_text(paths.team_json);
  if (!text) return ids;
  auto j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return ids;
  auto add = [&](const nlohmann::json& entry) {
    if (entry.is_object() && entry.contains("id") && entry["id"].is_string())
      ids.push_back(entry["id"].get<std::string>());
  };
  if (j.contains("leader")) add(j["leader"]);
  if (j.contains("agents") && j["agents"].is_array())
    for (const auto& a : j["agents"]) add(a);
  return ids;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// Liveness from the lock; pid, start and run id from the record it guards.
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

int run_status(const Context& ctx, const StatusOptions& opts) {
  auto paths = workspace(ctx);
  if (!paths) return report(paths.error());
  auto view = store::open_state_view(*paths);
  if (!view) return report(view.error());
  if (view->warning() && !opts.json) report(*view->warning());

  store::StatusQuery query;
  query.agent = opts.agent;
  auto data = store::query_status(view->db(), query);
  if (!data) return report(data.error());

  auto team_ids = team_agent_ids(*paths);
  if (!opts.agent.empty()) {
    bool known = std::find(team_ids.begin(), team_ids.end(), opts.agent) != team_ids.end();
    if (!known && data->agents.empty() && !team_ids.empty())
      return report(make_error("unknown agent \"" + opts.agent + "\" (known: " + join(team_ids) +
                                   "); run `team-agent status` to see every agent",
                               kExitUsage));
    team_ids.assign(known ? 1 : 0, opts.agent);
  }
  store::add_known_agents(*data, team_ids);

  store::StatusPresentation how;
  how.supervisor = live_supervisor(*paths);
  if (opts.json) {
    auto j = store::status_json(*data, how);
    j["workspace"] = paths->workspace;
    j["agent"] = opts.agent.empty() ? nlohmann::json(nullptr) : nlohmann::json(opts.agent);
    j["caught_up"] = view->caught_up();
    j["warning"] = view->warning() ? nlohmann::json(view->warning()->message) : nlohmann::json();
    std::cout << j.dump() << "\n";
  } else {
    std::cout << "workspace: " << paths->workspace << "\n"
              << store::format_status_text(*data, how);
  }
  std::cout.flush();
  return kExitOk;
}

}  // namespace

void register_status(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand(
      "status",
      "Show agents and their panes, messages by state (waiting and failed ones with their "
      "reason), the last API error and whether a supervisor is running. Catches the "
      "projections up with the event log first when no supervisor is doing so.");
  auto opts = std::make_shared<StatusOptions>();
  sub->add_option("agent", opts->agent, "Only this agent's pane and messages");
  sub->add_flag("--json", opts->json, "Print one JSON object instead of text");
  sub->callback([&ctx, opts] { ctx.run = [&ctx, opts] { return run_status(ctx, *opts); }; });
}

}  // namespace ta::cli
