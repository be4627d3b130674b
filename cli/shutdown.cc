// `team-agent shutdown [--kill-panes] [--timeout S]`: stops the team
// (ops/shutdown: the supervisor, asked through the log so that it stops as
// a requested stop with exit 0; with --kill-panes the panes, recording their
// agents as stopped, and what they left running) and says what it did as it
// goes.
//
// Exit codes: 0 when the workspace ends as asked (supervisor stopped, panes
// gone if asked; "nothing was running" counts when --kill-panes found no
// server either; without --kill-panes, agents left running in their panes
// with no supervisor are said so, and how to stop them); 3 (no supervisor)
// only when nothing at all runs and --kill-panes was not given, so scripts
// can tell "stopped it" from "nothing to stop"; 1 when the supervisor did
// not stop in time, the panes could not be killed or a process the team
// left behind could not be ended. --json prints one object instead of the
// progress lines (warnings stay on stderr).
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "ops/shutdown.h"
#include "util/redact.h"
#include "util/strings.h"

namespace ta::cli {

namespace {

class PrintProgress : public ops::ShutdownObserver {
 public:
  void stale_supervisor_record(const std::string& holder) override {
    std::fprintf(stderr,
                 "team-agent: a stale supervisor record (%s) is left from a supervisor that "
                 "died; 'team-agent doctor --fix' removes it.\n",
                 holder.c_str());
  }
  void falling_back_to_sigterm(int pid, const std::string& why) override {
    std::fprintf(stderr,
                 "team-agent: the supervisor (pid %d) was asked to stop, but %s; sending it "
                 "SIGTERM instead (it will record exit code 143).\n",
                 pid, why.c_str());
  }
  void supervisor_stopped(int pid) override {
    std::printf("stopped the supervisor (pid %d)\n", pid);
  }
  void panes_killed(const std::string& tmux_socket) override {
    std::printf("killed the team's panes (tmux server %s)\n", tmux_socket.c_str());
  }
  void agents_stopped(const std::vector<std::string>& agent_ids) override {
    std::printf("recorded as stopped: %s\n", join(agent_ids).c_str());
  }
  void leftovers_handled(const ops::LeftoversOutcome& outcome) override {
    for (const auto& e : outcome.ended) {
      const auto& p = e.leftover.process;
      std::string what = "pid " + std::to_string(p.pid) + " (" + redact_secrets(p.command) +
                         ", started in " + e.leftover.agent_id + "'s pane)";
      if (e.still_running)
        std::fprintf(stderr, "team-agent: could not end %s: it still runs after SIGKILL (stuck "
                     "in the kernel, or not yours to signal); end it as its owner with "
                     "'kill -9 %d'\n", what.c_str(), p.pid);
      else if (e.signal.empty())
        std::printf("%s had already exited\n", what.c_str());
      else
        std::printf("ended %s with %s\n", what.c_str(), e.signal.c_str());
    }
    for (const auto& k : outcome.kept) std::printf("%s\n", ops::kept_sentence(k).c_str());
  }
};

// The same steps gathered for one JSON object; warnings still go to stderr.
class CollectProgress : public PrintProgress {
 public:
  nlohmann::json out = nlohmann::json::object();
  void supervisor_stopped(int) override {}
  void panes_killed(const std::string& tmux_socket) override { out["tmux_socket"] = tmux_socket; }
  void agents_stopped(const std::vector<std::string>& agent_ids) override {
    out["agents_stopped"] = agent_ids;
  }
  void leftovers_handled(const ops::LeftoversOutcome& outcome) override {
    nlohmann::json ended = nlohmann::json::array(), kept = nlohmann::json::array();
    for (const auto& e : outcome.ended)
      ended.push_back({{"pid", e.leftover.process.pid},
                       {"agent_id", e.leftover.agent_id},
                       {"signal", e.signal},
                       {"still_running", e.still_running}});
    for (const auto& k : outcome.kept) kept.push_back(ops::kept_sentence(k));
    out["leftovers_ended"] = ended;
    out["leftovers_kept"] = kept;
  }
};

// The exit code, and the sentence (if any) that goes with it.
int outcome_code(const ops::ShutdownRequest& o, const ops::ShutdownOutcome& done) {
  if (o.kill_panes) return done.leftovers_all_ended ? kExitOk : kExitFailed;
  return done.supervisor_stopped || done.panes_running ? kExitOk : kExitNoSupervisor;
}

void say_outcome(const config::Paths& paths, const ops::ShutdownRequest& o,
                 const ops::ShutdownOutcome& done) {
  const char* stop_them =
      "`team-agent shutdown --kill-panes` stops them, `team-agent run` supervises them again";
  if (o.kill_panes) {
    if (!done.supervisor_stopped && !done.panes_killed && !done.leftovers_found)
      std::printf("nothing was running: no supervisor and no team panes\n");
  } else if (done.panes_running) {
    std::printf("%s; the agents keep running in their panes: %s\n",
                done.supervisor_stopped ? "the supervisor has stopped"
                                        : "no supervisor is running",
                stop_them);
  } else if (!done.supervisor_stopped) {
    std::fprintf(stderr,
                 "team-agent: no supervisor is running for %s, and no agent panes either; "
                 "nothing to stop.\n",
                 paths.workspace.c_str());
  }
}

int shutdown(const config::Paths& paths, const ops::ShutdownRequest& o, bool json) {
  CollectProgress collect;
  PrintProgress print;
  PrintProgress& progress = json ? collect : print;
  auto done = ops::shutdown_team(paths, o, progress);
  if (!done) return report(done.error());
  const int code = outcome_code(o, *done);
  if (!json) {
    say_outcome(paths, o, *done);
    return code;
  }
  auto& out = collect.out;
  out["workspace"] = paths.workspace;
  out["exit_code"] = code;
  out["supervisor_stopped"] = done->supervisor_stopped;
  out["supervisor_pid"] = done->supervisor_pid;
  out["kill_panes"] = o.kill_panes;
  out["panes_killed"] = done->panes_killed;
  out["panes_running"] = done->panes_running;
  out["leftovers_all_ended"] = done->leftovers_all_ended;
  std::printf("%s\n", out.dump().c_str());
  return code;
}

}  // namespace

void register_shutdown(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ops::ShutdownRequest>();
  auto json = std::make_shared<bool>(false);
  auto* sub = app.add_subcommand(
      "shutdown",
      "Stop the supervisor gracefully (it records supervisor.stopped, reason shutdown); the "
      "agents' panes keep running unless --kill-panes, which also works without a supervisor. "
      "Exit 0 when done (or when agents run on without a supervisor, which is said), 3 when "
      "nothing at all was running (without --kill-panes), 1 when it did not stop in time.");
  sub->add_flag("--kill-panes", o->kill_panes,
                "Also kill the team's tmux server and every agent pane on it, then end the "
                "processes the panes left running (SIGTERM, 3 s, SIGKILL)");
  sub->add_option("--timeout", o->timeout_s, "Seconds to wait for the supervisor to stop")
      ->default_val(30)
      ->check(CLI::PositiveNumber);
  sub->add_flag("--json", *json, "Print the outcome as one JSON object");
  sub->callback([&ctx, o, json] {
    ctx.run = [&ctx, o, json] {
      auto paths = workspace(ctx);
      if (!paths) return report(paths.error());
      return shutdown(*paths, *o, *json);
    };
  });
}

}  // namespace ta::cli
