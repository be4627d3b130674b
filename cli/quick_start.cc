// The quick start: `team-agent claude [ARGS…]`, `team-agent codex [ARGS…]`
// (and the hidden `team-agent fake …`, the same with the built-in fake
// agent, for tests and demos). Makes the folder's team ready with that CLI
// as its leader (supervisor/quick_start: created or reused, the supervisor
// started in the background or adopted, the leader's pane awaited), then
// opens the leader in this terminal: a tmux client of the team's private
// server, attached to the leader's window (nested in this pane when run
// inside tmux). When the client ends, says whether the team still runs and
// how to stop it or come back. Without a terminal it only says where the
// team runs. Exit 0 once the leader's pane is up; 2 for an invalid team or
// a team whose leader is another CLI; 1 when the start failed.
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "config/supervisor_lock.h"
#include "config/team_spec.h"
#include "ops/attach_target.h"
#include "supervisor/quick_start.h"
#include "terminal/tmux_server.h"
#include "util/fs.h"
#include "util/process.h"

namespace ta::cli {

namespace {

constexpr const char* kStopHint = "`team-agent shutdown --kill-panes` stops it";
constexpr const char* kAttachHint = "`team-agent attach` opens it again";

struct QuickArgs {
  std::string provider;
  bool json = false;
  int timeout_s = 60;
};

std::string socket_of(const config::Paths& paths) {
  return terminal::socket_name_for_workspace(paths.workspace);
}

nlohmann::json outcome_json(const config::Paths& paths, const supervisor::QuickStartOutcome& o) {
  return {{"workspace", paths.workspace},
          {"team", o.team},
          {"team_json", o.team_json},
          {"created_team", o.created_team},
          {"started_supervisor", o.started_supervisor},
          {"supervisor_pid", o.supervisor_pid},
          {"run_log", o.run_log},
          {"tmux_socket", socket_of(paths)},
          {"leader_window", std::string(config::kLeaderId)},
          {"args_applied", !o.args_not_applied}};
}

void say_what_was_done(const supervisor::QuickStartOutcome& o, const std::string& provider) {
  if (o.created_team)
    std::printf("created team \"%s\" with a %s leader in %s\n", o.team.c_str(), provider.c_str(),
                o.team_json.c_str());
  if (o.args_not_applied)
    std::printf("the team exists, so its leader starts with the args in %s, not these; edit "
                "that file to change them\n",
                o.team_json.c_str());
  if (o.started_supervisor)
    std::printf("started the supervisor in the background (pid %d, its output in %s)\n",
                o.supervisor_pid, o.run_log.c_str());
  else
    std::printf("the team's supervisor already runs (pid %d); using it\n", o.supervisor_pid);
}

// Runs the tmux client in the foreground and waits for it: Ctrl-C reaches
// the client's terminal, never this process.
int run_client(ops::AttachCommand& cmd) {
  SpawnOptions o;
  o.program = cmd.program;
  o.argv = cmd.argv;
  o.env = cmd.env;
  o.stdin_fd = STDIN_FILENO;
  o.stdout_fd = STDOUT_FILENO;
  o.stderr_fd = STDERR_FILENO;
  std::fflush(stdout);
  auto pid = spawn_program(o);
  if (!pid) return report(pid.error());
  struct sigaction ignore {}, old_int {}, old_quit {};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGINT, &ignore, &old_int);
  ::sigaction(SIGQUIT, &ignore, &old_quit);
  wait_for_exit(*pid);
  ::sigaction(SIGINT, &old_int, nullptr);
  ::sigaction(SIGQUIT, &old_quit, nullptr);
  return kExitOk;
}

// After the client ended: what still runs, and what to type next.
void say_after(const config::Paths& paths) {
  const bool supervised = config::supervisor_running(paths);
  const bool leader = !ops::team_agent_pane(paths, std::string(config::kLeaderId)).empty();
  if (supervised && leader)
    std::printf("the team is still running in the background: %s, %s\n", kAttachHint, kStopHint);
  else if (leader)
    std::printf("the team's panes still run, without a supervisor: `team-agent run` adopts "
                "them, %s\n", kStopHint);
  else if (supervised)
    std::printf("the leader's pane has ended; the supervisor still runs: `team-agent start "
                "leader` starts the leader again, %s\n", kStopHint);
  else
    std::printf("the team is not running; run this command again to start it\n");
}

int open_leader(const config::Paths& paths) {
  auto cmd = ops::attach_command(paths, {std::string(config::kLeaderId), false});
  if (!cmd) return report(cmd.error());
  if (const char* tmux = std::getenv("TMUX"); tmux && *tmux)
    std::printf("opening the leader nested in this tmux pane; detach with the prefix twice, "
                "then d (Ctrl-b Ctrl-b d); the team keeps running\n");
  else
    std::printf("opening the leader; detach with Ctrl-b d, the team keeps running\n");
  if (int code = run_client(*cmd); code != kExitOk) return code;
  say_after(paths);
  return kExitOk;
}

int quick_start(const Context& ctx, const QuickArgs& a, const std::vector<std::string>& args) {
  auto paths = here_workspace(ctx);
  if (!paths) return report(paths.error());
  if (auto st = config::secure_team_dir(*paths); !st) return report(st.error());
  supervisor::QuickStartRequest request{a.provider, args, std::chrono::seconds(a.timeout_s)};
  auto done = supervisor::quick_start(*paths, request);
  if (!done) return report(done.error());
  if (a.json) {
    std::printf("%s\n", outcome_json(*paths, *done).dump().c_str());
    return kExitOk;
  }
  say_what_was_done(*done, a.provider);
  if (!::isatty(STDIN_FILENO) || !::isatty(STDOUT_FILENO)) {
    std::printf("the leader runs in window \"leader\" of tmux -L %s (no terminal here to open "
                "it in): %s, %s\n",
                socket_of(*paths).c_str(), "`team-agent attach` opens it", kStopHint);
    return kExitOk;
  }
  return open_leader(*paths);
}

void register_one(CLI::App& app, Context& ctx, const std::string& provider,
                  const std::string& help) {
  auto* sub = app.add_subcommand(provider, help);
  auto a = std::make_shared<QuickArgs>();
  a->provider = provider;
  // Everything from the first word team-agent does not know goes to the
  // CLI, so unknown options are not handed up to the global ones; -w is
  // taken here instead.
  sub->prefix_command();
  sub->fallthrough(false);
  sub->add_option("-w,--workspace", ctx.workspace_flag,
                  "Where the team is (default: the current directory)");
  sub->add_flag("--json", a->json,
                "Print the outcome as one JSON object and do not open the leader");
  sub->add_option("--timeout", a->timeout_s, "Seconds to wait for the leader's pane (default 60)")
      ->check(CLI::PositiveNumber);
  sub->callback([&ctx, a, sub] {
    auto args = sub->remaining();
    args.insert(args.end(), ctx.passthrough.begin(), ctx.passthrough.end());
    ctx.run = [&ctx, a, args] { return quick_start(ctx, *a, args); };
  });
  if (provider == "fake") sub->group("");
}

std::string help_for(const std::string& provider, const std::string& cli) {
  return "Quick start: open a team led by " + cli +
         " in the current folder (or --workspace). Without .team/team.json a team is made "
         "with " + provider + " as its leader and no workers, ARGS passed to its CLI; an "
         "existing team is reused (exit 2 when its leader is another CLI). The supervisor runs "
         "in the background (.team/logs/run.log), and the leader opens in this terminal (inside "
         "tmux: in this pane). Options of team-agent come before ARGS. Exit 0 when the leader "
         "was up, 1 when the start failed.";
}

}  // namespace

int take_passthrough(int argc, char** argv, Context& ctx) {
  int i = 1;
  for (; i < argc; ++i) {  // the verb: the first word that is no option nor an option's value
    std::string a = argv[i];
    if (a == "-w" || a == "--workspace" || a == "--log-level") ++i;
    else if (a.empty() || a[0] != '-') break;
  }
  if (i >= argc) return argc;
  const std::string verb = argv[i];
  if (verb != "claude" && verb != "codex" && verb != "fake") return argc;
  for (int j = i + 1; j < argc; ++j)
    if (std::string(argv[j]) == "--") {
      ctx.passthrough.assign(argv + j + 1, argv + argc);
      return j;
    }
  return argc;
}

void register_quick_start(CLI::App& app, Context& ctx) {
  register_one(app, ctx, "claude", help_for("claude", "Claude Code"));
  register_one(app, ctx, "codex", help_for("codex", "Codex"));
  register_one(app, ctx, "fake", help_for("fake", "the built-in fake agent"));
}

}  // namespace ta::cli
