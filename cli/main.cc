// team-agent: one binary, one subcommand per file in cli/.
#include <csignal>
#include <cstdio>
#include <iostream>
#include <optional>

#include "cli/command.h"
#include "ops/team_gone.h"
#include "util/logging.h"

namespace ta::cli {

int report(const Error& e) {
  std::fprintf(stderr, "team-agent: %s\n", e.message.c_str());
  return e.code == 0 ? kExitFailed : e.code;
}

Result<config::Paths> workspace(const Context& ctx) {
  auto paths = config::resolve_workspace(ctx.workspace_flag);
  if (!paths) return paths;
  // Every command checks .team/ before it reads or writes there: a link
  // planted in it is refused, and modes others could use are tightened.
  if (auto st = config::secure_team_dir(*paths); !st) return st.error();
  return paths;
}

void note_team_gone(const config::Paths& paths, const std::string& verb) {
  if (auto gone = ops::check_team_gone(paths, verb))
    std::fprintf(stderr, "team-agent: %s\n", ops::team_gone_sentence(*gone).c_str());
}

namespace {

void register_commands(CLI::App& app, Context& ctx) {
  register_quick_start(app, ctx);
  register_init(app, ctx);
  register_send(app, ctx);
  register_report(app, ctx);
  register_answer(app, ctx);
  register_status(app, ctx);
  register_events(app, ctx);
  register_replay(app, ctx);
  register_doctor(app, ctx);
  register_inspect(app, ctx);
  register_attach(app, ctx);
  register_peek(app, ctx);
  register_inbox(app, ctx);
  register_shutdown(app, ctx);
  register_run(app, ctx);
  register_restart(app, ctx);
  register_agent_verbs(app, ctx);
  register_health_verbs(app, ctx);
  register_fake_agent(app, ctx);
  register_mcp(app, ctx);
  register_fake_agent_daemon(app, ctx);
  register_pane_host(app, ctx);
}

// CLI11 would say "a subcommand is required" for a mistyped one; this names
// it and lists the commands. False (after saying so) when the first word
// that is not an option is no command.
bool known_command(CLI::App& app, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-w" || a == "--workspace" || a == "--log-level") {
      ++i;
      continue;
    }
    if (a.empty() || a[0] == '-') continue;
    std::string names;
    bool known = false;
    // Hidden commands (group "", like fake-agent) are known but not listed.
    for (auto* sub : app.get_subcommands([](CLI::App*) { return true; })) {
      known = known || sub->get_name() == a;
      if (!sub->get_group().empty()) names += (names.empty() ? "" : ", ") + sub->get_name();
    }
    if (!known)
      std::fprintf(stderr, "team-agent: unknown command '%s'; the commands are: %s.\n", a.c_str(),
                   names.c_str());
    return known;
  }
  return true;
}

// Parses the command line; an exit code when there is nothing more to do
// (help was printed, or the usage was wrong).
std::optional<int> parse(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string msg = e.what();
    std::fprintf(stderr, "team-agent: %s; run 'team-agent --help' (or '<command> --help') for usage.\n",
                 msg.c_str());
    return kExitUsage;
  }
  return std::nullopt;
}

}  // namespace

}  // namespace ta::cli

int main(int argc, char** argv) {
  using namespace ta::cli;
  // A closed pipe (`team-agent events | head`) must end output quietly, not kill us.
  std::signal(SIGPIPE, SIG_IGN);

  CLI::App app{"team-agent: supervise a team of AI coding agents in tmux panes"};
  app.name("team-agent");
  app.require_subcommand(1);
  Context ctx;
  ctx.argv0 = argv[0];
  app.add_option("-w,--workspace", ctx.workspace_flag,
                 "Workspace directory (default: $TEAM_AGENT_WORKSPACE, or the nearest "
                 "directory holding .team/)");
  std::string log_level;
  app.add_option("--log-level", log_level,
                 std::string("Log detail on stderr and in .team/logs/supervisor.log: ") +
                   ta::log_level_names() + " (default: $TEAM_AGENT_LOG, else info)");
  app.add_flag("--version", "Print the version and exit");
  // Global options are taken after the subcommand too (`status -w DIR`).
  app.fallthrough();
  register_commands(app, ctx);

  if (argc == 2 && std::string(argv[1]) == "--version") {
    std::printf("team-agent %s\n", TEAM_AGENT_VERSION);
    return kExitOk;
  }
  if (!known_command(app, argc, argv)) return kExitUsage;
  argc = take_passthrough(argc, argv, ctx);
  if (auto code = parse(app, argc, argv)) return *code;
  if (auto st = ta::start_logging(log_level); !st) return report(st.error());
  if (!ctx.run) return kExitUsage;
  return ctx.run();
}
