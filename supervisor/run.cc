// The process wiring of `team-agent run`: validates the team spec, takes
// the workspace's supervisor lock, starts (or adopts) the team's panes on the
// private tmux server, spawns the store writer and the supervisor actor,
// connects tmux output and signals to it, and waits until it stops.
#include "supervisor/run.h"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <memory>
#include <thread>

#include <caf/actor_system.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/supervisor.h"
#include "actors/system_config.h"
#include "config/supervisor_lock.h"
#include "config/team_spec.h"
#include "ops/event_line.h"
#include "supervisor/run_log.h"
#include "supervisor/run_panes.h"
#include "supervisor/run_setup.h"
#include "supervisor/run_signals.h"
#include "terminal/pane_changes.h"
#include "terminal/tmux_control.h"
#include "util/fs.h"
#include "util/read_bounded.h"

namespace ta::supervisor {

namespace {

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

}  // namespace

Result<int> run_team(const config::Paths& paths, const RunOptions& o) {
  auto spec = config::load_team_spec(o.config.empty() ? paths.team_json : o.config);
  if (!spec) return spec.error();
  if (auto st = config::ensure_team_dir(paths); !st) return st.error();
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

  RunInputs in{paths, *spec, record.run_id, o.fake_mode};
  auto setup = prepare_run(in);
  if (!setup) return setup.error();
  record = lock->record();  // with the pid and start time acquire() filled in
  record.tmux_socket = setup->server->socket_name();
  record.session = setup->plan.tmux_session;
  if (auto st = lock->update(record); !st) return st.error();

  auto outcome = std::make_shared<actors::RunOutcome>();
  actors::SystemConfig sys_config;  // outlives the system, which refers to it
  auto sys = std::make_unique<caf::actor_system>(sys_config);
  actors::store_writer_actor writer = sys->spawn(actors::store_writer, setup->store_io, true);
  setup->supervisor.outcome = outcome;
  setup->supervisor.test_hooks = env_flag("TEAM_AGENT_TEST_HOOKS");
  if (!o.quiet) setup->supervisor.observers.push_back(spawn_live_log(*sys, ops::stdout_wants_colour()));
  auto sup = sys->spawn(actors::supervisor, std::move(setup->supervisor), writer);

  // tmux output reaches the pane actors through the supervisor.
  auto strong_sup = caf::actor_cast<caf::strong_actor_ptr>(sup);
  caf::weak_actor_ptr weak_sup{strong_sup.get()};
  strong_sup.reset();
  auto changes = setup->changes;
  setup->tmux->on_output([weak_sup, changes](const std::string& pane) {
    changes->notify(pane);
    if (auto s = weak_sup.lock())
      caf::anon_send(caf::actor_cast<actors::supervisor_actor>(s), actors::output_atom::value,
                     pane);
  });
  const std::string fault_file = paths.team_dir + "/test-fault";
  auto signals = std::make_unique<SignalThread>(
    [weak_sup](int sig) {
      if (auto s = weak_sup.lock())
        caf::anon_send(caf::actor_cast<actors::supervisor_actor>(s), actors::signal_atom::value,
                       sig);
    },
    [weak_sup, fault_file] {
      auto target = read_own_file(fault_file, {4096, "the test fault file", "remove it"});
      if (!target) return;
      std::string name = *target;
      while (!name.empty() && (name.back() == '\n' || name.back() == ' ')) name.pop_back();
      if (auto s = weak_sup.lock())
        caf::anon_send(caf::actor_cast<actors::supervisor_actor>(s), actors::fault_atom::value,
                       name);
    });
  if (!o.quiet)
    std::fprintf(stderr, "team-agent: team %s running (pid %d, tmux -L %s); Ctrl-C to stop\n",
                 spec->team.c_str(), static_cast<int>(::getpid()),
                 setup->server->socket_name().c_str());

  {
    caf::scoped_actor waiter{*sys};
    waiter->wait_for(sup, writer);
  }
  signals.reset();
  setup->tmux->close();
  int code;
  std::string error;
  {
    std::lock_guard<std::mutex> l(outcome->mu);
    code = outcome->exit_code;
    error = outcome->error;
  }
  setup->store_io.reset();
  destroy_with_deadline(std::move(sys), code);
  lock->release();
  if (!error.empty()) std::fprintf(stderr, "team-agent: %s\n", error.c_str());
  return code;
}

}  // namespace ta::supervisor
