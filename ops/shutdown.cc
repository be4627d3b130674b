#include "ops/shutdown.h"

#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

#include "config/supervisor_lock.h"
#include "config/team_spec.h"
#include "events/log.h"
#include "ops/shutdown_agents.h"
#include "ops/shutdown_request.h"
#include "terminal/tmux_server.h"
#include "util/fs.h"

namespace ta::ops {

namespace {

std::string seconds_text(std::chrono::milliseconds d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g s", static_cast<double>(d.count()) / 1000);
  return buf;
}

// Waits for `pid` to exit (pidfd), at most until `deadline`; returns at
// once on kernels without pidfd_open.
void await_exit(int pid, std::chrono::steady_clock::time_point deadline) {
  UniqueFd exited(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  if (!exited.valid()) return;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  pollfd p{exited.get(), POLLIN, 0};
  while (::poll(&p, 1, static_cast<int>(std::max<long long>(left.count(), 0))) < 0 &&
         errno == EINTR) {
  }
}

// Asks the supervisor `holder` to stop through the log; falls back to SIGTERM
// when it has not begun stopping within the grace (or cannot be asked).
Status ask_then_signal(const config::Paths& paths, const config::SupervisorRecord& holder,
                       const ShutdownRequest& request, ShutdownObserver& observer) {
  // A supervisor still starting its panes (its record names no tmux server
  // yet) reads the log only once its actors run, which may take longer than
  // the grace: it gets most of the timeout, so that a requested stop is not
  // turned into a SIGTERM just because the team was slow to start.
  const double grace_s = holder.tmux_socket.empty()
                           ? std::max(request.request_grace_s, request.timeout_s * 0.8)
                           : request.request_grace_s;
  StopAsk ask{holder.run_id, request.kill_panes,
              std::chrono::milliseconds(
                  static_cast<long long>(std::min(grace_s, request.timeout_s) * 1000))};
  auto answer = ask_supervisor_to_stop(paths, ask);
  if (answer && *answer != StopAnswer::no_answer) return ok_status();
  const int pid = holder.pid;
  observer.falling_back_to_sigterm(
      pid, answer ? "it did not begin stopping within " + seconds_text(ask.grace) +
                        " of the request (an older team-agent, or a stuck actor)"
                  : "the request could not be recorded: " + answer.error().message);
  if (::kill(pid, SIGTERM) != 0 && errno != ESRCH)
    return make_error("cannot signal the supervisor (pid " + std::to_string(pid) +
                      "): " + errno_text(errno) + "; stop it as the user that started it");
  return ok_status();
}

// The supervisor as its lock and record show it; a supervisor that has
// just taken the lock writes its record a moment later, so a missing record
// is looked for again for a little while.
config::SupervisorStatus probe_with_record(const config::Paths& paths) {
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  auto status = config::probe_supervisor(paths);
  while (status.state == config::SupervisorState::running &&
         (!status.record || status.record->pid <= 0) && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    status = config::probe_supervisor(paths);
  }
  return status;
}

// Returns the pid of the supervisor stopped (0: none ran); an error when
// one runs and would not stop.
Result<int> stop_supervisor(const config::Paths& paths, const ShutdownRequest& request,
                             ShutdownObserver& observer) {
  auto status = probe_with_record(paths);
  if (status.state != config::SupervisorState::running) {
    if (status.state == config::SupervisorState::stale)
      observer.stale_supervisor_record(config::describe_holder(status.record));
    return 0;
  }
  if (!status.record || status.record->pid <= 0)
    return make_error("a supervisor holds the lock but its record (" +
                      config::supervisor_record_path(paths) +
                      ") is missing or unreadable; stop it by hand (fuser " +
                      paths.supervisor_lock + " names its pid)");
  const int pid = status.record->pid;
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(static_cast<long long>(request.timeout_s * 1000));
  if (auto asked = ask_then_signal(paths, *status.record, request, observer); !asked)
    return asked.error();
  // Its exit releases the lock: wait for the exit itself, and fall back to
  // looking at the lock.
  await_exit(pid, deadline);
  while (config::supervisor_running(paths)) {
    if (std::chrono::steady_clock::now() > deadline)
      return make_error("the supervisor (pid " + std::to_string(pid) + ") did not stop within " +
                        std::to_string(static_cast<long long>(request.timeout_s)) +
                        " s; look at its log, or end it with 'kill -9 " + std::to_string(pid) +
                        "' (the event log stays consistent)");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  observer.supervisor_stopped(pid);
  return pid;
}

Result<terminal::TmuxServer> team_server(const config::Paths& paths) {
  terminal::ServerOptions options;
  options.socket_name = terminal::socket_name_for_workspace(paths.workspace);
  return terminal::TmuxServer::locate(options);
}

// Returns true when a server was killed, false when none ran.
Result<bool> kill_team_panes(const config::Paths& paths, ShutdownObserver& observer) {
  auto server = team_server(paths);
  if (!server) return server.error();
  if (!server->running()) return false;
  // The server is private to this workspace: every pane on it is the team's.
  auto killed = server->kill();
  if (!killed) return killed.error();
  observer.panes_killed(server->socket_name());
  return true;
}

}  // namespace

Record append_to_log(const config::Paths& paths) {
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

Result<ShutdownOutcome> shutdown_team(const config::Paths& paths, const ShutdownRequest& request,
                                      ShutdownObserver& observer) {
  ShutdownOutcome outcome;
  auto stopped = stop_supervisor(paths, request, observer);
  if (!stopped) return stopped.error();
  outcome.supervisor_stopped = *stopped != 0;
  outcome.supervisor_pid = *stopped;
  if (!request.kill_panes) {
    auto server = team_server(paths);
    outcome.panes_running = server && server->running();
    return outcome;
  }
  // Noted before the server goes: what stays in these panes' sessions
  // afterwards is waited for, not taken for a leftover at once.
  auto panes = live_pane_pids(paths);
  auto killed = kill_team_panes(paths, observer);
  if (!killed) return killed.error();
  outcome.panes_killed = *killed;
  if (panes) await_sessions_gone(*panes, std::chrono::seconds(2));
  auto record = append_to_log(paths);
  auto marked = record_agents_stopped(paths, record);
  if (!marked) return marked.error();
  if (!marked->empty()) observer.agents_stopped(*marked);
  EndLeftoversOptions options;  // no pane lives any more
  auto ended = end_leftovers(paths, options, record);
  if (!ended) return ended.error();
  observer.leftovers_handled(*ended);
  outcome.leftovers_found = !ended->ended.empty() || !ended->kept.empty();
  outcome.leftovers_all_ended = ended->all_ended();
  return outcome;
}

}  // namespace ta::ops
