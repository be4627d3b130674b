// `team-agent init [--demo] [--force]`: writes .team/team.json.
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "config/team_spec.h"
#include "util/fs.h"

namespace ta::cli {

namespace {

using OrderedJson = nlohmann::ordered_json;

OrderedJson agent(const char* id, const char* provider, const char* role) {
  return OrderedJson{{"id", id}, {"provider", provider}, {"role", role}};
}

// Fake agents only, so a newcomer sees a live team without an account for
// any AI service.
OrderedJson demo_team() {
  // Workers work a second on each message, then report a result, which the
  // leader is notified of; the leader only reads (an answering leader would
  // talk to itself).
  auto worker = [](const char* id, const char* role) {
    auto a = agent(id, "fake", role);
    a["args"] = OrderedJson::array({"--work-ms", "1000"});
    return a;
  };
  return OrderedJson{
      {"team", "demo"},
      {"leader", {{"id", "leader"}, {"provider", "fake"},
                  {"role", "Plans the work, hands tasks to the workers and reviews their results"},
                  {"args", OrderedJson::array({"--reply", "none"})}}},
      {"agents", OrderedJson::array({worker("backend", "Owns the API and the database"),
                                     worker("frontend", "Owns the UI"),
                                     worker("tester", "Writes and runs the tests")})},
      {"runtime", {{"auto_trust_own_workspace", false}}}};
}

// A starting point for a real team; every optional field a user is likely to
// want is shown with its default so it can be edited in place.
OrderedJson template_team() {
  auto backend = agent("backend", "codex", "Owns the API and the database");
  backend["model"] = nullptr;
  auto frontend = agent("frontend", "claude", "Owns the UI");
  frontend["model"] = nullptr;
  return OrderedJson{
      {"team", "my-team"},
      {"leader", {{"id", "leader"}, {"provider", "claude"}, {"model", nullptr}}},
      {"agents", OrderedJson::array({backend, frontend})},
      {"runtime", {{"auto_trust_own_workspace", false}}}};
}

std::string describe(const config::TeamSpec& spec) {
  std::string out = "team \"" + spec.team + "\": leader (" + spec.leader.provider + ")";
  for (const auto& a : spec.agents) out += ", " + a.id + " (" + a.provider + ")";
  return out;
}

int run_init(const Context& ctx, bool demo, bool force) {
  // init creates a team where the user stands: it does not climb to an
  // enclosing workspace the way the other commands do.
  const char* env_ws = std::getenv("TEAM_AGENT_WORKSPACE");
  std::string where = !ctx.workspace_flag.empty() ? ctx.workspace_flag
                      : (env_ws && *env_ws)       ? std::string(env_ws)
                                                  : std::string(".");
  auto paths = config::resolve_workspace(where);
  if (!paths) return report(paths.error());

  if (file_exists(paths->team_json) && !force)
    return report(make_error(paths->team_json +
                                 " already exists; edit it, or run `team-agent init --force` "
                                 "to replace it",
                             kExitUsage));

  const std::string text = (demo ? demo_team() : template_team()).dump(2) + "\n";
  // What we write must pass the same validation `run` applies.
  auto parsed = config::parse_team_spec(text);
  if (!parsed.ok())
    return report(make_error("internal error: the built-in team spec is invalid: " +
                             parsed.errors.front().str()));

  if (auto st = config::ensure_team_dir(*paths); !st) return report(st.error());
  // The directory may predate us with looser permissions; it holds messages
  // and the event log, so it is private to the user.
  ::chmod(paths->team_dir.c_str(), 0700);
  if (auto st = write_file_atomic(paths->team_json, text); !st) return report(st.error());

  std::printf("wrote %s (%s)\n", paths->team_json.c_str(), describe(*parsed.spec).c_str());
  if (demo)
    std::printf("next: run `team-agent run` to start the demo team, then "
                "`team-agent attach` to watch it\n");
  else
    std::printf("next: edit the team (ids, providers, roles) in %s, then run `team-agent run`\n",
                paths->team_json.c_str());
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
