// The team-health verbs: `acknowledge-idle [--for D]`, `stuck` and
// `cancel AGENT`.
#include <cstdio>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/agent_request_cli.h"
#include "cli/command.h"
#include "ops/agent_request.h"
#include "ops/health.h"

namespace ta::cli {

namespace {

struct HealthArgs {
  std::string agent, quiet_for;
  bool json = false;
};

int run_acknowledge(const Context& ctx, const HealthArgs& a) {
  double for_s = 0;
  if (!a.quiet_for.empty()) {
    auto parsed = ops::parse_quiet_for(a.quiet_for);
    if (!parsed)
      return report(make_error("--for \"" + a.quiet_for +
                                   "\" is not a duration; give one like 30m, 90s or 2h",
                               kExitUsage));
    for_s = *parsed;
  }
  auto paths = workspace(ctx);
  if (!paths) return report(paths.error());
  auto ack = ops::acknowledge_idle(*paths, for_s);
  if (!ack) return report(ack.error());
  if (a.json)
    std::printf("%s\n", nlohmann::json(*ack).dump().c_str());
  else if (for_s > 0)
    std::printf("idle acknowledged: no idle reminder for %s\n", a.quiet_for.c_str());
  else
    std::printf("idle acknowledged: no idle reminder until a worker works again\n");
  return kExitOk;
}

int run_stuck(const Context& ctx, const HealthArgs& a) {
  auto paths = workspace(ctx);
  if (!paths) return report(paths.error());
  auto r = ops::stuck_agents(*paths);
  if (!r) return report(r.error());
  if (a.json) {
    auto list = nlohmann::json::array();
    for (const auto& s : r->stuck) {
      auto j = store::agent_health_json(s);
      j["agent_id"] = s.agent_id;
      list.push_back(std::move(j));
    }
    std::printf("%s\n", nlohmann::json{{"stuck", list}, {"supervisor_running", r->supervisor_running}}
                          .dump()
                          .c_str());
    return kExitOk;
  }
  if (!r->supervisor_running)
    std::printf("no supervisor runs, so nobody watches for stuck agents now; this is what the "
                "last run saw\n");
  if (r->stuck.empty()) std::printf("no agent is stuck\n");
  for (const auto& s : r->stuck)
    std::printf("%s: stuck since %s, no output or turn progress for %lld s, %lld undelivered "
                "message(s), turn %s; `team-agent cancel %s` interrupts it\n",
                s.agent_id.c_str(), s.stuck_at.c_str(), static_cast<long long>(s.stuck_quiet_s),
                static_cast<long long>(s.stuck_pending), s.turn_state.c_str(), s.agent_id.c_str());
  return kExitOk;
}

}  // namespace

void register_health_verbs(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<HealthArgs>();
  auto* ack = app.add_subcommand(
    "acknowledge-idle",
    "Say the team is idle on purpose: no idle reminder to the leader until a worker works "
    "again, or for the time given");
  ack->add_option("--for", a->quiet_for, "No reminder for this long (e.g. 30m, 2h)");
  ack->add_flag("--json", a->json, "Print what was recorded as one JSON object");
  ack->callback([&ctx, a] { ctx.run = [&ctx, a] { return run_acknowledge(ctx, *a); }; });

  auto* stuck = app.add_subcommand(
    "stuck", "List the agents that have work but showed no output and no turn progress for "
             "runtime.stuck_after_s");
  stuck->add_flag("--json", a->json, "Print the list as one JSON object");
  stuck->callback([&ctx, a] { ctx.run = [&ctx, a] { return run_stuck(ctx, *a); }; });

  auto* cancel = app.add_subcommand(
    "cancel", "Interrupt an agent's running turn with its CLI's interrupt key (asks the running "
              "supervisor)");
  cancel->add_option("agent", a->agent, "The agent's id")->required();
  cancel->add_flag("--json", a->json, "Print the outcome as one JSON object");
  cancel->callback([&ctx, a] {
    ctx.run = [&ctx, a] {
      auto id = ops::new_request_id();
      return ask_supervisor(ctx, events::to_draft(events::AgentCancelRequested{id, a->agent}), id,
                            a->json);
    };
  });
}

}  // namespace ta::cli
