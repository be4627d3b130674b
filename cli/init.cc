// `team-agent init [--demo | --leader P --workers P:N,…] [--force] [--json]`:
// writes .team/team.json from a built-in template, or the team the flags
// describe (ops/init_team, ops/team_shape), and says what to do next.
#include <cstdio>
#include <cstdlib>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "config/providers.h"
#include "ops/init_team.h"

namespace ta::cli {

namespace {

struct InitArgs {
  bool demo = false;
  bool force = false;
  bool json = false;
  std::string leader;                // empty: not asked for
  std::vector<std::string> workers;  // --workers values, each a comma separated list
};

// The request the flags make; a usage error for flags that do not go together.
Result<ops::InitRequest> request_of(const InitArgs& a, const config::Paths& paths) {
  ops::InitRequest request;
  request.replace = a.force;
  const bool shaped = !a.leader.empty() || !a.workers.empty();
  if (a.demo && shaped)
    return ops::usage_error("--demo writes a fixed team of fake agents; give either --demo or "
                            "--leader/--workers, not both");
  request.kind = a.demo ? ops::TeamTemplate::demo : ops::TeamTemplate::starter;
  if (!shaped) return request;
  const std::string leader = a.leader.empty() ? "claude" : a.leader;
  if (!config::is_known_provider(leader))
    return ops::usage_error("--leader: unknown provider \"" + leader + "\"; the providers are " +
                            config::known_providers_list());
  auto workers = ops::parse_workers(a.workers);
  if (!workers) return workers.error();
  request.kind = ops::TeamTemplate::shaped;
  request.shape = {ops::team_name_for_folder(paths.workspace), leader, {}, *workers};
  return request;
}

nlohmann::json outcome_json(const ops::InitOutcome& done) {
  auto member = [](const config::AgentSpec& a) {
    return nlohmann::json{{"id", a.id}, {"provider", a.provider}};
  };
  nlohmann::json agents = nlohmann::json::array();
  for (const auto& a : done.spec.agents) agents.push_back(member(a));
  return {{"team_json", done.team_json},
          {"team", done.spec.team},
          {"leader", member(done.spec.leader)},
          {"agents", agents}};
}

int run_init(const Context& ctx, const InitArgs& a) {
  auto paths = here_workspace(ctx);
  if (!paths) return report(paths.error());
  auto request = request_of(a, *paths);
  if (!request) return report(request.error());
  auto done = ops::init_team(*paths, *request);
  if (!done) return report(done.error());

  if (a.json) {
    std::printf("%s\n", outcome_json(*done).dump().c_str());
    return kExitOk;
  }
  std::printf("wrote %s (%s)\n", done->team_json.c_str(), ops::describe_team(done->spec).c_str());
  if (request->kind == ops::TeamTemplate::demo)
    std::printf("next: run `team-agent run` to start the demo team, then "
                "`team-agent attach` to watch it\n");
  else if (request->kind == ops::TeamTemplate::shaped)
    std::printf("next: run `team-agent %s` to start the team and open its leader, or "
                "`team-agent run` to supervise it in the foreground\n",
                done->spec.leader.provider.c_str());
  else
    std::printf("next: edit the team (ids, providers, roles) in %s, then run `team-agent run`\n",
                done->team_json.c_str());
  return kExitOk;
}

}  // namespace

// Init creates a team where the user stands and does not climb to an
// enclosing workspace the way the other commands do.
Result<config::Paths> here_workspace(const Context& ctx) {
  const char* env_ws = std::getenv("TEAM_AGENT_WORKSPACE");
  std::string where = !ctx.workspace_flag.empty() ? ctx.workspace_flag
                      : (env_ws && *env_ws)       ? std::string(env_ws)
                                                  : std::string(".");
  return config::resolve_workspace(where);
}

void register_init(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand(
      "init",
      "Write .team/team.json in the current directory (or --workspace): a template team to "
      "edit, with --leader/--workers the team they name, or with --demo a team of fake agents "
      "that runs without any AI account. An existing team.json is kept unless --force is given "
      "(exit 2 when refused or when a flag is wrong).");
  auto a = std::make_shared<InitArgs>();
  sub->add_flag("--demo", a->demo, "Write a demo team of fake agents (leader, backend, frontend, tester)");
  sub->add_option("--leader", a->leader,
                  "The leader's CLI: " + config::known_providers_list() + " (default with "
                  "--workers: claude)");
  sub->add_option("--workers", a->workers,
                  "Workers as PROVIDER[:COUNT], comma separated or repeated (codex:2,claude:1 "
                  "makes codex-1, codex-2, claude-1)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sub->add_flag("--force", a->force, "Replace an existing .team/team.json");
  sub->add_flag("--json", a->json, "Print what was written as one JSON object");
  sub->callback([&ctx, a] {
    ctx.run = [&ctx, a] { return run_init(ctx, *a); };
  });
}

}  // namespace ta::cli
