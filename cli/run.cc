// `team-agent run`: the foreground supervisor. Validates the team spec,
// takes the workspace's supervisor lock, starts (or adopts) the team's
// panes on the private tmux server, then runs the actors until a signal or
// `team-agent shutdown` stops them; prints a compact live log of events
// unless --quiet. Exit 130/143/129 after SIGINT/SIGTERM/SIGHUP (`team-agent
// shutdown` sends SIGTERM), 1 when the run failed (e.g. an actor crashed too
// often), 2 for an invalid spec.
#include <signal.h>

#include <chrono>
#include <cstdio>
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
#include "cli/command.h"
#include "cli/events_output.h"
#include "cli/run_log.h"
#include "cli/run_panes.h"
#include "cli/run_setup.h"
#include "cli/run_signals.h"
#include "config/supervisor_lock.h"
#include "config/team_spec.h"
#include "terminal/pane_changes.h"
#include "terminal/tmux_control.h"
#include "util/fs.h"
#include "util/read_bounded.h"

namespace ta::cli {

namespace {

struct RunOptions {
  std::string config;
  bool quiet = false;
  std::string fake_mode;
};

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

int run_supervisor(const Context& ctx, const RunOptions& o) {
  auto paths = workspace(ctx);
  if (!paths) return report(paths.error());
  auto spec = config::load_team_spec(o.config.empty() ? paths->team_json : o.config);
  if (!spec) return report(spec.error());
  if (auto st = config::ensure_team_dir(*paths); !st) return report(st.error());

  config::SupervisorRecord record;
  record.run_id = config::new_run_id();
  auto lock = config::SupervisorLock::acquire(*paths, record);
  if (!lock) return report(lock.error());

  // Before any thread exists, so every thread inherits the mask.
  block_run_signals();
  ::signal(SIGPIPE, SIG_IGN);

  RunInputs in{*paths, *spec, record.run_id, o.fake_mode};
  auto setup = prepare_run(in);
  if (!setup) return report(setup.error());
  record = lock->record();  // with the pid and start time acquire() filled in
  record.tmux_socket = setup->server->socket_name();
  record.session = setup->plan.tmux_session;
  if (auto st = lock->update(record); !st) return report(st.error());

  auto outcome = std::make_shared<actors::RunOutcome>();
  actors::SystemConfig sys_config;  // outlives the system, which refers to it
  auto sys = std::make_unique<caf::actor_system>(sys_config);
  actors::store_writer_actor writer = sys->spawn(actors::store_writer, setup->store_io, true);
  setup->supervisor.outcome = outcome;
  setup->supervisor.test_hooks = env_flag("TEAM_AGENT_TEST_HOOKS");
  if (!o.quiet) setup->supervisor.observers.push_back(spawn_live_log(*sys, stdout_wants_colour()));
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
  const std::string fault_file = paths->team_dir + "/test-fault";
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

}  // namespace

void register_run(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand(
      "run",
      "Run the team in the foreground: start (or adopt) each agent's pane on the team's "
      "private tmux server, deliver messages, and print the events as they happen. Ctrl-C "
      "stops gracefully and leaves the agents running (exit 130; 143 after SIGTERM or "
      "'team-agent shutdown'); a second Ctrl-C exits at once. Exit 1 when the run fails, 2 for "
      "an invalid team spec.");
  auto o = std::make_shared<RunOptions>();
  sub->add_option("--config", o->config, "Team spec to use instead of .team/team.json");
  sub->add_flag("-q,--quiet", o->quiet, "Print nothing while running (errors still go to stderr)");
  sub->add_option("--fake-mode", o->fake_mode, "Screen style of fake agents: codex, claude or plain")
    ->check(CLI::IsMember({"codex", "claude", "plain"}));
  sub->callback([&ctx, o] { ctx.run = [&ctx, o] { return run_supervisor(ctx, *o); }; });
}

}  // namespace ta::cli
