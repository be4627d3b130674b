// `team-agent init [--demo] [--force]`: writes .team/team.json from a
// built-in template (ops/init_team) and says what to do next.
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "cli/command.h"
#include "ops/init_team.h"

namespace ta::cli {

namespace {

int run_init(const Context& ctx, bool demo, bool force) {
  // init creates a team where the user stands: it does not climb to an
  // enclosing workspace the way the other commands do.
  const char* env_ws = std::getenv("TEAM_AGENT_WORKSPACE");
  std::string where = !ctx.workspace_flag.empty() ? ctx.workspace_flag
                      : (env_ws && *env_ws)       ? std::string(env_ws)
                                                  : std::string(".");
  auto paths = config::resolve_workspace(where);
  if (!paths) return report(paths.error());

  ops::InitRequest request;
  request.kind = demo ? ops::TeamTemplate::demo : ops::TeamTemplate::starter;
  request.replace = force;
  auto done = ops::init_team(*paths, request);
  if (!done) return report(done.error());

  std::printf("wrote %s (%s)\n", done->team_json.c_str(), ops::describe_team(done->spec).c_str());
  if (demo)
    std::printf("next: run `team-agent run` to start the demo team, then "
                "`team-agent attach` to watch it\n");
  else
    std::printf("next: edit the team (ids, providers, roles) in %s, then run `team-agent run`\n",
                done->team_json.c_str());
  return kExitOk;
}

}  // namespace

void register_init(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand(
      "init",
      "Write .team/team.json in the current directory (or --workspace): a template team to "
      "edit, or with --demo a team of fake agents that runs without any AI account. An "
      "existing team.json is kept unless --force is given (exit 2 when refused).");
  auto demo = std::make_shared<bool>(false);
  auto force = std::make_shared<bool>(false);
  sub->add_flag("--demo", *demo, "Write a demo team of fake agents (leader, backend, frontend, tester)");
  sub->add_flag("--force", *force, "Replace an existing .team/team.json");
  sub->callback([&ctx, demo, force] {
    ctx.run = [&ctx, demo, force] { return run_init(ctx, *demo, *force); };
  });
}

}  // namespace ta::cli
