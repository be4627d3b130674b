// The process wiring of `team-agent run`: validates the team spec, takes
// the workspace's supervisor lock, starts (or adopts) the team's panes on the
// private tmux server, spawns the store writer and the supervisor actor,
// connects tmux output and signals to it, and waits until it stops. When
// the team's tmux server is lost and the spec says runtime.restart
// "on-failure", the run ends and the team is started again in this process
// (its sessions resumed, the lock kept), a bounded number of times.
#include "supervisor/run.h"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <memory>
#include <optional>
#include <thread>

#include <spdlog/spdlog.h>

#include <caf/actor_system.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/supervisor.h"
#include "actors/system_config.h"
#include "config/supervisor_lock.h"
#include "config/team_spec.h"
#include "events/reader.h"
#include "events/types.h"
#include "ops/event_line.h"
#include "ops/shutdown.h"
#include "supervisor/pane_hosts.h"
#include "supervisor/restart_budget.h"
#include "supervisor/run_display.h"
#include "supervisor/run_log.h"
#include "supervisor/run_panes.h"
#include "supervisor/run_setup.h"
#include "supervisor/run_signals.h"
#include "supervisor/tmux_loss_watch.h"
#include "supervisor/workspace_watch.h"
#include "terminal/pane_changes.h"
#include "terminal/tmux_control.h"
#include "util/fs.h"
#include "util/logging.h"
#include "util/read_bounded.h"

namespace ta::supervisor {

namespace {

// A team whose tmux server keeps dying is restarted at most this often.
constexpr int kMaxTeamRestarts = 3;
constexpr std::chrono::seconds kTeamRestartWindow{600};
// How long an ending run waits for its live log to reach the terminal (a
// paused terminal must not hold the stop for ever).
constexpr std::chrono::seconds kLiveLogDrain{5};

bool env_flag(const char* name) {
  const char* v = std::getenv(name);
  return v && std::string(v) == "1";
}

// actor_system's destructor waits for every actor; a stuck one must not
// keep a stopped supervisor alive forever.
void destroy_with_deadline(std::unique_ptr<caf::actor_system> sys, int exit_code) {
  std::promise<void> done;
  std::thread watchdog([finished = done.get_future(), exit_code] {
    if (finished.wait_for(std::chrono::seconds(10)) == std::future_status::ready) return;
    std::fprintf(stderr, "team-agent: actors did not stop within 10 s; exiting anyway\n");
    std::_Exit(exit_code);
  });
  sys.reset();
  done.set_value();
  watchdog.join();
}

// A handle that neither tmux's reader thread nor the signal thread lets keep
// the supervisor alive.
caf::weak_actor_ptr weak_handle(const actors::supervisor_actor& sup) {
  auto strong = caf::actor_cast<caf::strong_actor_ptr>(sup);
  return caf::weak_actor_ptr{strong.get()};
}

template <class Atom, class... Ts>
void tell_supervisor(const caf::weak_actor_ptr& weak_sup, Atom atom, Ts&&... xs) {
  if (auto s = weak_sup.lock())
    caf::anon_send(caf::actor_cast<actors::supervisor_actor>(s), atom, std::forward<Ts>(xs)...);
}

actors::supervisor_actor spawn_supervisor(caf::actor_system& sys, RunSetup& setup,
                                          const actors::store_writer_actor& writer,
                                          std::shared_ptr<actors::RunOutcome> outcome,
                                          const std::optional<actors::live_log_actor>& live_log) {
  setup.supervisor.outcome = std::move(outcome);
  setup.supervisor.test_hooks = env_flag("TEAM_AGENT_TEST_HOOKS");
  if (live_log) setup.supervisor.observers.push_back(*live_log);
  return sys.spawn(actors::supervisor, std::move(setup.supervisor), std::move(setup.snapshot),
                   writer);
}

// The display follows the bus from the start; the control connection tells
// it when a window's layout changes (a resized terminal).
actors::display_actor start_display(caf::actor_system& sys, RunSetup& setup,
                                    const config::Paths& paths, const RunOptions& o,
                                    const actors::store_writer_actor& writer) {
  DisplayConfig dc;
  dc.tmux = setup.tmux;
  dc.session = setup.plan.tmux_session;
  dc.team_json = o.config.empty() ? paths.team_json : o.config;
  dc.mode = o.no_display ? terminal::DisplayMode::per_agent : terminal::DisplayMode::overview;
  for (const auto& pc : setup.supervisor.panes) dc.panes[pc.pane.agent_id] = pc.pane.pane_id;
  dc.writer = writer;
  auto display = spawn_display(sys, std::move(dc));
  setup.supervisor.observers.push_back(caf::actor_cast<actors::event_subscriber_actor>(display));
  caf::weak_actor_ptr weak{caf::actor_cast<caf::strong_actor_ptr>(display).get()};
  setup.tmux->on_layout([weak](const std::string& window) {
    if (auto strong = weak.lock())
      caf::anon_send(caf::actor_cast<actors::display_actor>(strong), actors::layout_atom::value,
                     window);
  });
  return display;
}

// tmux output reaches the pane actors through the supervisor.
void forward_output(RunSetup& setup, const caf::weak_actor_ptr& weak_sup) {
  auto changes = setup.changes;
  setup.tmux->on_output([weak_sup, changes](const std::string& pane) {
    changes->notify(pane);
    tell_supervisor(weak_sup, actors::output_atom::value, pane);
  });
}

// Stop signals, and the test hooks' fault file, reach the supervisor.
std::unique_ptr<SignalThread> forward_signals(const caf::weak_actor_ptr& weak_sup,
                                              const std::string& fault_file) {
  return std::make_unique<SignalThread>(
    [weak_sup](int sig) { tell_supervisor(weak_sup, actors::signal_atom::value, sig); },
    [weak_sup, fault_file] {
      auto target = read_own_file(fault_file, {4096, "the test fault file", "remove it"});
      if (!target) return;
      std::string name = *target;
      while (!name.empty() && (name.back() == '\n' || name.back() == ' ')) name.pop_back();
      tell_supervisor(weak_sup, actors::fault_atom::value, name);
    });
}

// Pane hosts connect to the run on loopback (docs/scale-out.md). A run that
// cannot serve them still runs its own panes; their agents' messages wait.
bool serve_hosts(caf::actor_system& sys, const config::Paths& paths,
                 const actors::supervisor_actor& sup, const std::string& run_id) {
  auto served = serve_pane_hosts(sys, paths, sup, run_id);
  if (!served) {
    std::fprintf(stderr, "team-agent: %s; agents on pane hosts get nothing until it works\n",
                 served.error().message.c_str());
    return false;
  }
  spdlog::info("serving pane hosts on {}:{}", served->host, served->port);
  return true;
}

// How one run of the team ended.
struct RunEnd {
  int code = 0;
  std::string error;         // one sentence for stderr; empty when the stop was asked for
  bool server_lost = false;  // stopped to start the team again (runtime.restart on-failure)
};

RunEnd read_outcome(actors::RunOutcome& outcome) {
  std::lock_guard<std::mutex> l(outcome.mu);
  return {outcome.exit_code, outcome.error, outcome.server_lost};
}

// The loss of the team's tmux server reaches the supervisor once the watch
// has told it from a hiccup of the control connection.
std::unique_ptr<TmuxLossWatch> watch_tmux(RunSetup& setup, const caf::weak_actor_ptr& weak_sup) {
  const std::string socket = setup.server->socket_name();
  const std::string session = setup.plan.tmux_session;
  return std::make_unique<TmuxLossWatch>(
    *setup.tmux, session, [weak_sup, socket, session](const std::string& why) {
      tell_supervisor(weak_sup, actors::tmux_lost_atom::value, socket, session, why);
    });
}

// A restart after a lost tmux server is recorded with the new run's start.
struct Restarted {
  std::string previous_run_id;
  int restarts = 0;
};

// One run of the team under the held lock: its panes and supervisor set up,
// the actors run until they stop, and everything of the run torn down
// again (the lock stays with the caller).
Result<RunEnd> run_once(const config::Paths& paths, const config::TeamSpec& spec,
                        const RunOptions& o, const RunInputs& in, config::SupervisorLock& lock,
                        const std::optional<Restarted>& restarted) {
  auto setup = prepare_run(in);
  if (!setup) return setup.error();
  auto record = lock.record();  // with the pid and start time acquire() filled in
  record.run_id = in.run_id;
  record.tmux_socket = setup->server->socket_name();
  record.session = setup->plan.tmux_session;
  if (auto st = lock.update(record); !st) return st.error();
  setup->supervisor.restart_on_server_loss =
    spec.runtime.restart == config::RestartPolicy::on_failure;
  if (restarted)
    setup->snapshot.start_events.push_back(events::to_draft(events::TeamRestarted{
      "tmux_server_lost", in.run_id, restarted->previous_run_id, restarted->restarts}));

  auto outcome = std::make_shared<actors::RunOutcome>();
  // outlives the system, which refers to it
  actors::SystemConfig sys_config(2, spec.has_pane_hosts());
  auto sys = std::make_unique<caf::actor_system>(sys_config);
  actors::store_writer_actor writer = sys->spawn(actors::store_writer, setup->store_io, true);
  std::optional<actors::live_log_actor> live_log;
  if (!o.quiet) live_log = spawn_live_log(*sys, ops::stdout_wants_colour());
  auto display = start_display(*sys, *setup, paths, o, writer);
  auto sup = spawn_supervisor(*sys, *setup, writer, outcome, live_log);
  auto weak_sup = weak_handle(sup);
  const bool serving = spec.has_pane_hosts() && serve_hosts(*sys, paths, sup, in.run_id);
  forward_output(*setup, weak_sup);
  auto tmux_watch = watch_tmux(*setup, weak_sup);
  auto signals = forward_signals(weak_sup, paths.team_dir + "/test-fault");
  const std::string socket = setup->server->socket_name();
  WorkspaceWatch workspace_watch(paths.workspace, [weak_sup, writer, socket, run_id = in.run_id](
                                                     const std::string& why) {
    // Recorded before the stop, so the live log and a moved log both say why.
    caf::anon_send(writer, actors::append_atom::value,
                   std::vector<events::Draft>{events::to_draft(
                     events::SupervisorOrphanSelfTerminate{run_id, why, socket})});
    std::fprintf(stderr,
                 "team-agent: %s; stopping (its agents keep running on tmux -L %s: end them "
                 "with 'team-agent doctor --orphans --confirm')\n",
                 why.c_str(), socket.c_str());
    tell_supervisor(weak_sup, actors::signal_atom::value, SIGTERM);
  });
  if (!o.quiet && !restarted)
    std::fprintf(stderr, "team-agent: team %s running (pid %d, tmux -L %s); Ctrl-C to stop\n",
                 spec.team.c_str(), static_cast<int>(::getpid()), socket.c_str());

  {
    caf::scoped_actor waiter{*sys};
    waiter->wait_for(sup, writer);
    // Every event of the run reaches the terminal before the run ends (a
    // short run, ended by a lost server, would otherwise lose its last lines).
    if (live_log)
      waiter->request(*live_log, kLiveLogDrain, actors::drain_atom::value)
        .receive([](bool) {}, [](const caf::error&) {});
  }
  live_log.reset();
  caf::anon_send_exit(display, caf::exit_reason::user_shutdown);
  display = nullptr;
  signals.reset();
  tmux_watch.reset();  // before the connection is closed on purpose
  setup->tmux->close();
  auto end = read_outcome(*outcome);
  if (serving) (void)::unlink(pane_hosts_file(paths).c_str());
  setup->store_io.reset();
  destroy_with_deadline(std::move(sys), end.code);
  return end;
}

// Under runtime.restart "on-failure": whether the team that lost its tmux
// server is started again, within the budget; a sentence says why not.
bool may_restart(RestartBudget& budget, const config::Paths& paths, const std::string& run_id) {
  if (budget.take(RestartBudget::Clock::now())) {
    std::fprintf(stderr,
                 "team-agent: the team's tmux server was lost; starting the team again with its "
                 "sessions resumed (runtime.restart on-failure, %d of %d within %lld minutes)\n",
                 budget.used(RestartBudget::Clock::now()), budget.max(),
                 static_cast<long long>(budget.window().count() / 60));
    return true;
  }
  const int window_s = static_cast<int>(budget.window().count());
  (void)ops::append_to_log(paths)({events::to_draft(events::TeamRestartGaveUp{
    "tmux_server_lost", run_id, budget.max(), window_s})});
  std::fprintf(stderr,
               "team-agent: the team's tmux server was lost again after %d automatic restarts "
               "within %d minutes; not restarting it once more: find out why its tmux server "
               "dies, then bring the team back with 'team-agent restart'\n",
               budget.max(), window_s / 60);
  return false;
}

// What supervisor.stopped of `run_id` recorded as the reason, read from
// the events after `after`; empty when it recorded none.
std::string stop_reason(const config::Paths& paths, std::uint64_t after,
                        const std::string& run_id) {
  events::LogReader reader(paths.events_dir);
  if (!reader.seek_after(after)) return {};
  std::string reason;
  events::Event e;
  for (auto r = reader.next(e); r != events::LogReader::Next::end; r = reader.next(e)) {
    if (r == events::LogReader::Next::corrupt) {
      reader.skip_corrupt();
      continue;
    }
    if (e.type == events::SupervisorStopped::kType && e.data.value("run_id", "") == run_id)
      reason = e.data.value("reason", "");
  }
  return reason;
}

}  // namespace

Result<RunEnded> run_team(const config::Paths& paths, const RunOptions& o) {
  auto spec = config::load_team_spec(o.config.empty() ? paths.team_json : o.config);
  if (!spec) return spec.error();
  if (auto st = config::ensure_team_dir(paths); !st) return st.error();
  if (auto st = log_to_file(paths.team_dir + "/logs/supervisor.log"); !st) return st.error();
  // Inherited by the tmux server started below, so that a server that
  // outlives its workspace can still say whose it was (ops/orphans).
  ::setenv("TEAM_AGENT_WORKSPACE", paths.workspace.c_str(), 1);

  config::SupervisorRecord record;
  record.run_id = config::new_run_id();
  auto lock = config::SupervisorLock::acquire(paths, record);
  if (!lock) return lock.error();

  // Before any thread exists, so every thread inherits the mask.
  block_run_signals();
  ::signal(SIGPIPE, SIG_IGN);

  auto last = events::read_last_seq(paths.events_dir);
  const std::uint64_t first_seq = last ? *last : 0;  // this run's events come after
  RestartBudget budget(kMaxTeamRestarts, kTeamRestartWindow);
  RunInputs in{paths, *spec, record.run_id, o.fake_mode, o.restart, o.allow_fresh};
  std::optional<Restarted> restarted;
  for (;;) {
    spdlog::info("run {} of team {} starting in {} ({} members)", in.run_id, spec->team,
                 paths.workspace, spec->member_ids().size());
    auto end = run_once(paths, *spec, o, in, *lock, restarted);
    if (!end) {
      spdlog::info("run {} failed: {}", in.run_id, end.error().message);
      if (!restarted) return end.error();
      return make_error("the team's tmux server was lost and starting the team again failed: " +
                          end.error().message,
                        end.error().code);
    }
    if (end->server_lost && may_restart(budget, paths, in.run_id)) {
      // A new run in this process, with the lock kept: every pane is
      // started again, each agent that worked in its session.
      restarted = Restarted{in.run_id, budget.used(RestartBudget::Clock::now())};
      in.run_id = config::new_run_id();
      in.restart = true;
      continue;
    }
    lock->release();
    spdlog::info("run {} ended with exit code {}{}{}", in.run_id, end->code,
                 end->error.empty() ? "" : ": ", end->error);
    if (!end->error.empty()) std::fprintf(stderr, "team-agent: %s\n", end->error.c_str());
    RunEnded ended{end->code, in.run_id, stop_reason(paths, first_seq, in.run_id), end->error};
    if (ended.exit_code == 128 + SIGINT) std::fprintf(stderr, "%s\n", kInterruptedRunLine);
    return ended;
  }
}

}  // namespace ta::supervisor
