// The per-agent verbs: `stop`, `start`, `reset`, `remove-agent`,
// `add-agent` (and `restart AGENT`, in cli/restart.cc). Each one is a
// request to the running supervisor recorded in the log; the supervisor
// does the work and records the outcome, which the verb prints.
#include <cstdio>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/agent_request_cli.h"
#include "events/types.h"
#include "ops/agent_request.h"

namespace ta::cli {

namespace {

struct VerbArgs {
  std::string agent;
  bool flag = false;  // --allow-fresh, --discard-session or --force
  bool json = false;
  std::string provider, role, model;
};

CLI::App* verb(CLI::App& app, const char* name, const char* help, VerbArgs& a,
               const char* agent_help = "The agent's id") {
  auto* sub = app.add_subcommand(name, help);
  sub->add_option("agent", a.agent, agent_help)->required();
  sub->add_flag("--json", a.json, "Print the outcome as one JSON object");
  return sub;
}

template <class MakeDraft>
void on_run(CLI::App* sub, Context& ctx, std::shared_ptr<VerbArgs> a, MakeDraft make) {
  sub->callback([&ctx, a, make] {
    ctx.run = [&ctx, a, make] {
      auto id = ops::new_request_id();
      return ask_supervisor(ctx, make(*a, id), id, a->json);
    };
  });
}

void register_stop(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<VerbArgs>();
  auto* sub = verb(app, "stop",
                   "Close one agent's pane and keep its session; messages to it wait until "
                   "'team-agent start' (asks the running supervisor)",
                   *a);
  on_run(sub, ctx, a, [](const VerbArgs& v, const std::string& id) {
    return events::to_draft(events::AgentStopRequested{id, v.agent});
  });
}

// A verb whose one flag (--allow-fresh, --discard-session, --force) goes
// into its request.
struct FlagVerb {
  const char* name;
  const char* help;
  const char* agent_help;
  const char* flag;
  const char* flag_help;
  bool flag_required;
};

template <class MakeDraft>
void register_flag_verb(CLI::App& app, Context& ctx, const FlagVerb& v, MakeDraft make) {
  auto a = std::make_shared<VerbArgs>();
  auto* sub = verb(app, v.name, v.help, *a, v.agent_help);
  auto* flag = sub->add_flag(v.flag, a->flag, v.flag_help);
  if (v.flag_required) flag->required();
  on_run(sub, ctx, a, make);
}

void register_start(CLI::App& app, Context& ctx) {
  register_flag_verb(
    app, ctx,
    {"start",
     "Start a stopped agent again in its session (asks the running supervisor); nothing to do "
     "when it runs",
     "The agent's id", "--allow-fresh",
     "Start it fresh when its session can no longer be resumed (its context is lost)", false},
    [](const VerbArgs& v, const std::string& id) {
      return events::to_draft(events::AgentStartRequested{id, v.agent, v.flag});
    });
}

void register_reset(CLI::App& app, Context& ctx) {
  register_flag_verb(
    app, ctx,
    {"reset", "Give up one agent's session and start it fresh (asks the running supervisor)",
     "The agent's id", "--discard-session", "Required: the agent's context is lost for good",
     true},
    [](const VerbArgs& v, const std::string& id) {
      return events::to_draft(events::AgentResetRequested{id, v.agent, v.flag});
    });
}

void register_remove(CLI::App& app, Context& ctx) {
  register_flag_verb(
    app, ctx,
    {"remove-agent",
     "Stop a worker and remove it from team.json (asks the running supervisor); refused while "
     "it works unless --force",
     "The worker's id", "--force", "Remove it even while it is working", false},
    [](const VerbArgs& v, const std::string& id) {
      return events::to_draft(events::AgentRemoveRequested{id, v.agent, v.flag});
    });
}

void register_add(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<VerbArgs>();
  auto* sub = verb(app, "add-agent",
                   "Add a worker to team.json and start its pane (asks the running supervisor); "
                   "team.json is left as it was when the start fails",
                   *a, "The new worker's id (1-32 characters from [a-z0-9_-])");
  sub->add_option("--provider", a->provider, "Its provider profile (claude, codex, fake, …)")
    ->required();
  sub->add_option("--role", a->role, "What it is for, in words");
  sub->add_option("--model", a->model, "Its model; the provider's default when not given");
  on_run(sub, ctx, a, [](const VerbArgs& v, const std::string& id) {
    return events::to_draft(events::AgentAddRequested{id, v.agent, v.provider, v.role, v.model});
  });
}

}  // namespace

int ask_supervisor(const Context& ctx, events::Draft request, const std::string& request_id,
                   bool json) {
  auto paths = workspace(ctx);
  if (!paths) return report(paths.error());
  auto done = ops::request_agent_change(*paths, std::move(request), request_id);
  if (!done) return report(done.error());
  if (json) {
    std::printf("%s\n", nlohmann::json(*done).dump().c_str());
  } else if (done->ok) {
    std::printf("%s\n", done->message.c_str());
  } else {
    std::fprintf(stderr, "team-agent: %s\n", done->message.c_str());
  }
  return done->ok ? kExitOk : kExitFailed;
}

void register_agent_verbs(CLI::App& app, Context& ctx) {
  register_stop(app, ctx);
  register_start(app, ctx);
  register_reset(app, ctx);
  register_remove(app, ctx);
  register_add(app, ctx);
}

}  // namespace ta::cli
