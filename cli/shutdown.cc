// `team-agent shutdown [--kill-panes] [--timeout S]`: asks the running
// supervisor to stop (SIGTERM; it finishes what it is writing and releases
// its lock) and waits, bounded, for the lock to be free. The panes keep
// running unless --kill-panes: agents may be mid-turn, and a later `run`
// adopts them. With --kill-panes the team's private tmux server is killed
// after the supervisor has stopped, so nothing restarts a pane meanwhile;
// then what the panes left running (daemons their CLIs forked, found by the
// team's marker) is ended too, except what serves processes outside the
// team, which is left running and named.
//
// Exit codes: 0 when the workspace ends as asked (supervisor stopped, panes
// gone if asked; "nothing was running" counts when --kill-panes found no
// server either); 3 (no supervisor) when no supervisor ran and --kill-panes
// was not given, so scripts can tell "stopped it" from "nothing to stop";
// 1 when the supervisor did not stop in time, the panes could not be killed
// or a process the team left behind could not be ended.
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

#include "cli/command.h"
#include "config/supervisor_lock.h"
#include "config/team_spec.h"
#include "events/log.h"
#include "ops/end_leftovers.h"
#include "terminal/tmux_server.h"
#include "util/fs.h"
#include "util/redact.h"

namespace ta::cli {

namespace {

struct ShutdownOptions {
  bool kill_panes = false;
  double timeout_s = 30;
};

// Returns true when a supervisor was stopped; an error when one runs and
// would not stop.
Result<bool> stop_supervisor(const config::Paths& paths, double timeout_s) {
  auto status = config::probe_supervisor(paths);
  if (status.state != config::SupervisorState::running) {
    if (status.state == config::SupervisorState::stale)
      std::fprintf(stderr,
                   "team-agent: a stale supervisor record (%s) is left from a supervisor that "
                   "died; 'team-agent doctor --fix' removes it.\n",
                   config::describe_holder(status.record).c_str());
    return false;
  }
  if (!status.record || status.record->pid <= 0)
    return make_error("a supervisor holds the lock but its record (" +
                      config::supervisor_record_path(paths) +
                      ") is missing or unreadable; stop it by hand (fuser " +
                      paths.supervisor_lock + " names its pid)");
  int pid = status.record->pid;
  if (::kill(pid, SIGTERM) != 0 && errno != ESRCH)
    return make_error("cannot signal the supervisor (pid " + std::to_string(pid) +
                      "): " + errno_text(errno) + "; stop it as the user that started it");
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(static_cast<long long>(timeout_s * 1000));
  // Its exit releases the lock: wait for the exit itself (pidfd), and fall
  // back to looking at the lock on kernels without pidfd_open.
  UniqueFd exited(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  if (exited.valid()) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{exited.get(), POLLIN, 0};
    while (::poll(&p, 1, static_cast<int>(std::max<long long>(left.count(), 0))) < 0 &&
           errno == EINTR) {
    }
  }
  while (config::supervisor_running(paths)) {
    if (std::chrono::steady_clock::now() > deadline)
      return make_error("the supervisor (pid " + std::to_string(pid) + ") did not stop within " +
                        std::to_string(static_cast<long long>(timeout_s)) +
                        " s; look at its log, or end it with 'kill -9 " + std::to_string(pid) +
                        "' (the event log stays consistent)");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::printf("stopped the supervisor (pid %d)\n", pid);
  return true;
}

// Returns true when a server was killed, false when none ran.
Result<bool> kill_team_panes(const config::Paths& paths) {
  terminal::ServerOptions options;
  options.socket_name = terminal::socket_name_for_workspace(paths.workspace);
  auto server = terminal::TmuxServer::locate(options);
  if (!server) return server.error();
  if (!server->running()) return false;
  // The server is private to this workspace: every pane on it is the team's.
  auto killed = server->kill();
  if (!killed) return killed.error();
  std::printf("killed the team's panes (tmux server %s)\n", options.socket_name.c_str());
  return true;
}

// The supervisor has stopped: events go to the log directly, which is
// opened only once there is something to record.
ops::Record append_to_log(const config::Paths& paths) {
  auto log = std::make_shared<std::unique_ptr<events::EventLog>>();
  return [paths, log](std::vector<events::Draft> drafts) -> Status {
    if (!*log) {
      auto spec = config::load_team_spec(paths.team_json);
      if (!spec) return spec.error();
      auto opened = events::EventLog::open(paths.events_dir, events::LogOptions{spec->team});
      if (!opened) return opened.error();
      *log = std::move(*opened);
    }
    auto appended = (*log)->append(std::move(drafts));
    if (!appended) return appended.error();
    return ok_status();
  };
}

// Ends what the team's panes left running. Returns whether each process of
// ours that was found has been ended (or deliberately kept); `found` says
// whether there was any.
Result<bool> end_team_leftovers(const config::Paths& paths, bool& found) {
  ops::EndLeftoversOptions options;  // no pane lives any more
  auto outcome = ops::end_leftovers(paths, options, append_to_log(paths));
  if (!outcome) return outcome.error();
  found = !outcome->ended.empty() || !outcome->kept.empty();
  for (const auto& e : outcome->ended) {
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
  for (const auto& k : outcome->kept) std::printf("%s\n", ops::kept_sentence(k).c_str());
  return outcome->all_ended();
}

int shutdown(const config::Paths& paths, const ShutdownOptions& o) {
  auto stopped = stop_supervisor(paths, o.timeout_s);
  // Panes are left alone when the supervisor would not stop: it would
  // notice them gone and restart them.
  if (!stopped) return report(stopped.error());
  if (!o.kill_panes) {
    if (*stopped) return kExitOk;
    std::fprintf(stderr, "team-agent: no supervisor is running for %s; nothing to stop.\n",
                 paths.workspace.c_str());
    return kExitNoSupervisor;
  }
  // Noted before the server goes: what stays in these panes' sessions
  // afterwards is waited for, not taken for a leftover at once.
  auto panes = ops::live_pane_pids(paths);
  auto killed = kill_team_panes(paths);
  if (!killed) return report(killed.error());
  if (panes) ops::await_sessions_gone(*panes, std::chrono::seconds(2));
  bool found = false;
  auto ended = end_team_leftovers(paths, found);
  if (!ended) return report(ended.error());
  if (!*stopped && !*killed && !found)
    std::printf("nothing was running: no supervisor and no team panes\n");
  return *ended ? kExitOk : kExitFailed;
}

}  // namespace

void register_shutdown(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ShutdownOptions>();
  auto* sub = app.add_subcommand(
      "shutdown",
      "Stop the supervisor gracefully; the agents' panes keep running unless --kill-panes. "
      "Exit 0 when done, 3 when no supervisor was running (without --kill-panes), 1 when it "
      "did not stop in time.");
  sub->add_flag("--kill-panes", o->kill_panes,
                "Also kill the team's tmux server and every agent pane on it, then end the "
                "processes the panes left running (SIGTERM, 3 s, SIGKILL)");
  sub->add_option("--timeout", o->timeout_s, "Seconds to wait for the supervisor to stop")
      ->default_val(30)
      ->check(CLI::PositiveNumber);
  sub->callback([&ctx, o] {
    ctx.run = [&ctx, o] {
      auto paths = workspace(ctx);
      if (!paths) return report(paths.error());
      return shutdown(*paths, *o);
    };
  });
}

}  // namespace ta::cli
