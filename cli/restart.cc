// `team-agent restart`: start the whole team again with its context. Each
// agent that has worked resumes its CLI session; one that never worked
// starts fresh; when an agent that has worked cannot be resumed, nothing is
// done (exit 1) unless --allow-fresh. A running supervisor is replaced; the
// new one runs in the background (its output in .team/logs/supervisor.log).
#include <cstdio>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/agent_request_cli.h"
#include "cli/command.h"
#include "events/types.h"
#include "ops/agent_request.h"
#include "supervisor/restart_team.h"

namespace ta::cli {

namespace {

void print_outcome(const supervisor::RestartOutcome& o, bool json) {
  if (json) {
    nlohmann::json agents = nlohmann::json::array();
    for (const auto& a : o.agents)
      agents.push_back({{"agent_id", a.agent_id}, {"mode", a.mode}, {"session_id", a.session_id}});
    nlohmann::json out{{"ok", true},
                       {"supervisor_pid", o.supervisor_pid},
                       {"stopped_previous", o.stopped_previous},
                       {"log", o.log_path},
                       {"agents", agents}};
    std::printf("%s\n", out.dump().c_str());
    return;
  }
  for (const auto& a : o.agents)
    std::printf("%-16s %-8s %s\n", a.agent_id.c_str(), a.mode.c_str(),
                a.session_id.empty() ? "(session id not known yet)" : a.session_id.c_str());
  std::printf("team restarted: supervisor pid %d in the background (log %s); stop it with "
              "'team-agent shutdown'\n",
              o.supervisor_pid, o.log_path.c_str());
}

}  // namespace

void register_restart(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand(
      "restart",
      "Start every agent of the team again with its context: an agent that has worked resumes "
      "its CLI session, one that never worked starts fresh. Refused (exit 1, nothing changed) "
      "when an agent that has worked cannot be resumed, unless --allow-fresh. A running "
      "supervisor is replaced; the new one runs in the background.");
  auto r = std::make_shared<supervisor::RestartRequest>();
  auto json = std::make_shared<bool>(false);
  auto agent = std::make_shared<std::string>();
  sub->add_option("agent", *agent,
                  "Restart only this agent, in its session, by asking the running supervisor "
                  "(without it: the whole team)");
  sub->add_flag("--allow-fresh", r->allow_fresh,
                "Start an agent whose session can no longer be resumed fresh (its context is "
                "lost)");
  sub->add_flag("--json", *json, "Print the outcome as one JSON object");
  sub->add_option("--fake-mode", r->fake_mode, "Screen style of fake agents: codex, claude or plain")
    ->check(CLI::IsMember({"codex", "claude", "plain"}));
  sub->callback([&ctx, r, json, agent] {
    ctx.run = [&ctx, r, json, agent] {
      if (!agent->empty()) {
        auto id = ops::new_request_id();
        return ask_supervisor(
          ctx, events::to_draft(events::AgentRestartRequested{id, *agent, r->allow_fresh}), id,
          *json);
      }
      auto paths = workspace(ctx);
      if (!paths) return report(paths.error());
      auto outcome = supervisor::restart_team(*paths, *r);
      if (!outcome) return report(outcome.error());
      print_outcome(*outcome, *json);
      return kExitOk;
    };
  });
}

}  // namespace ta::cli
