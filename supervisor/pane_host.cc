// The pane host process: connect to the run, start (or adopt) this host's
// panes on its own tmux server, spawn their pane actors with the run's
// writer, attach them to the run's supervisor, and keep them until the run
// ends or a signal comes.
#include "supervisor/pane_host.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include <caf/actor_system.hpp>
#include <caf/exit_reason.hpp>
#include <caf/io/middleman.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <spdlog/spdlog.h>

#include "actors/append_blocking.h"
#include "actors/pane_actor.h"
#include "actors/system_config.h"
#include "config/team_spec.h"
#include "events/types.h"
#include "store/agent_sessions.h"
#include "store/projector.h"
#include "store/queries.h"
#include "supervisor/pane_hosts.h"
#include "supervisor/run_launch.h"
#include "supervisor/run_providers.h"
#include "supervisor/run_setup.h"
#include "supervisor/run_signals.h"
#include "terminal/pane_changes.h"
#include "terminal/tmux_control.h"
#include "util/env_flag.h"
#include "util/processes.h"
#include "util/strings.h"

namespace ta::supervisor {

std::string pane_host_socket(const std::string& workspace, const std::string& host) {
  return terminal::socket_name_for_workspace(workspace) + "-" + host;
}

namespace {

// What the run told the host when it said hello.
struct Welcome {
  actors::store_writer_actor writer;
  std::string run_id;
  std::set<std::string> first_done;  // workers a leader message reached already
};

Result<Welcome> say_hello(caf::actor_system& sys, const actors::pane_host_gate_actor& gate,
                          const std::string& host) {
  Welcome w;
  std::string error;
  caf::scoped_actor self{sys};
  self->request(gate, std::chrono::seconds(10), actors::hello_atom::value, host)
    .receive(
      [&](actors::store_writer_actor& writer, std::string& run_id,
          std::vector<std::string>& first) {
        w = Welcome{std::move(writer), std::move(run_id), {first.begin(), first.end()}};
      },
      [&](caf::error& e) { error = sys.render(e); });
  if (!error.empty()) return make_error("the run refused pane host " + host + ": " + error);
  return w;
}

// The host's panes on its own tmux server, ready for their pane actors.
struct HostPanes {
  std::unique_ptr<terminal::TmuxServer> server;
  std::shared_ptr<terminal::TmuxControl> tmux;
  std::shared_ptr<terminal::PaneChanges> changes;
  std::vector<actors::PaneActorConfig> configs;
  std::vector<events::Draft> started;  // pane.started of each
};

Result<std::set<std::string>> members_elsewhere(const config::Paths& paths,
                                                const config::TeamSpec& spec,
                                                const std::string& host,
                                                store::SessionHistory& history) {
  auto view = store::open_state_view(paths);
  if (!view) return view.error();
  auto h = store::load_session_history(view->db());
  if (!h) return make_error("cannot read the agents' sessions: " + h.error().message);
  history = std::move(*h);
  auto stopped = store::stopped_agents(view->db());
  if (!stopped) return make_error("cannot read the stopped agents: " + stopped.error().message);
  std::set<std::string> skip = *stopped;
  for (const auto& id : spec.member_ids())
    if (const auto* a = spec.find(id); !a || a->host != host) skip.insert(id);
  return skip;
}

Result<HostPanes> start_panes(const RunInputs& in, const PaneHostOptions& o,
                              const Welcome& welcome) {
  auto trust_env = env_yes_no("TEAM_AGENT_AUTO_TRUST_OWN_WORKSPACE");
  if (!trust_env) return trust_env.error();
  HostPanes h;
  auto basics = prepare_pane_start(in, pane_host_socket(in.paths.workspace, o.host));
  if (!basics) return basics.error();
  h.server = std::move(basics->server);
  const std::string* bin = &basics->bin;
  auto& programs = basics->programs;
  store::SessionHistory history;
  auto skip = members_elsewhere(in.paths, in.spec, o.host, history);
  if (!skip) return skip.error();
  auto launch = launch_team(*h.server, {in.paths, in.spec, launch_inputs(in, *bin), history,
                                        false, false, *skip, nullptr});
  if (!launch) return launch.error();
  terminal::ControlOptions co;
  co.session = launch->plan.tmux_session;
  auto control = terminal::TmuxControl::connect(*h.server, co);
  if (!control) return control.error();
  h.tmux = std::shared_ptr<terminal::TmuxControl>(std::move(*control));
  h.changes = std::make_shared<terminal::PaneChanges>();

  actors::PaneActorConfig base;
  base.pane.tmux = h.tmux;
  base.pane.changes = h.changes;
  base.pane.last_dispatch_ms = std::make_shared<std::atomic<std::int64_t>>(0);
  base.trust = trust_policy(in, trust_env->value_or(false));
  base.workspace = in.paths.workspace;
  base.tmux_socket = h.server->socket_name();
  base.host = o.host;
  for (const auto& p : launch->panes) {
    const config::PanePlan* planned = nullptr;
    for (const auto& pp : launch->plan.panes)
      if (pp.agent_id == p.agent_id) planned = &pp;
    auto pc = pane_config_for(base, in.spec, planned, p, programs->version_for(p.agent_id),
                              !welcome.first_done.count(p.agent_id));
    if (!pc) return pc.error();
    h.started.push_back(events::to_draft(events::PaneStarted{
      p.agent_id, p.pane_id, p.provider, p.pid, p.adopted, 0, pc->provider_version,
      static_cast<std::int64_t>(process_start_ticks(static_cast<pid_t>(p.pid))), o.host}));
    h.configs.push_back(std::move(*pc));
  }
  return h;
}

// The keeper: the host's pane actors live while the run's gate does.
struct KeeperState {
  std::vector<actors::pane_actor> panes;
  std::set<caf::actor_addr> alive;
  caf::actor_addr gate;
  bool stopping = false;
  std::shared_ptr<std::atomic<int>> exit_code;
  static inline const char* name = "pane_host_keeper";
};

using keeper_ptr = actors::pane_host_keeper_actor::stateful_pointer<KeeperState>;

void stop_all(keeper_ptr self, int code) {
  auto& st = self->state;
  if (st.stopping) return;
  st.stopping = true;
  st.exit_code->store(code);
  for (auto& p : st.panes) self->send(p, actors::stop_atom::value);
  if (st.alive.empty()) self->quit();
}

actors::pane_host_keeper_actor::behavior_type keeper(keeper_ptr self,
                                                     actors::pane_host_gate_actor gate,
                                                     std::vector<actors::pane_actor> panes,
                                                     std::shared_ptr<std::atomic<int>> code) {
  auto& st = self->state;
  st.exit_code = std::move(code);
  st.gate = gate.address();
  self->monitor(gate);
  for (auto& p : panes) {
    self->monitor(p);
    st.alive.insert(p.address());
  }
  st.panes = std::move(panes);
  self->set_down_handler([self](const caf::down_msg& msg) {
    auto& st = self->state;
    if (msg.source == st.gate) {
      spdlog::info("pane host: the run ended ({})", self->system().render(msg.reason));
      return stop_all(self, 0);
    }
    st.alive.erase(msg.source);
    // The run stops its pane actors itself when it ends (a normal exit). One
    // that fails takes the host with it: the run records the host's loss,
    // and its agents' messages wait for the next pane host.
    if (!st.stopping) {
      const bool failed = msg.reason && msg.reason != caf::exit_reason::normal;
      if (failed)
        spdlog::error("pane host: a pane actor failed: {}", self->system().render(msg.reason));
      stop_all(self, failed ? 1 : 0);
    }
    if (st.alive.empty()) self->quit();
  });
  return {
    [self](actors::stop_atom) { stop_all(self, self->state.exit_code->load()); },
  };
}

Result<actors::pane_host_gate_actor> connect_to_run(caf::actor_system& sys,
                                                    const config::Paths& paths,
                                                    const PaneHostOptions& o) {
  auto address =
    o.connect.empty() ? read_pane_host_address(paths) : parse_pane_host_address(o.connect);
  if (!address) return address.error();
  auto gate =
    sys.middleman().remote_actor<actors::pane_host_gate_actor>(address->host, address->port);
  if (!gate)
    return make_error("cannot reach the run at " + address->host + ":" +
                      std::to_string(address->port) + " (" + sys.render(gate.error()) +
                      "); is `team-agent run` running?");
  return *gate;
}

}  // namespace

Result<int> run_pane_host(const config::Paths& paths, const PaneHostOptions& o) {
  block_run_signals();  // before CAF and tmux start threads
  auto spec = config::load_team_spec(paths.team_json);
  if (!spec) return spec.error();
  const auto mine = spec->members_on(o.host);
  if (o.host.empty() || mine.empty())
    return make_error("the team places no agent on pane host \"" + o.host +
                        "\"; give workers \"host\": \"" + o.host + "\" in " + paths.team_json,
                      2);
  actors::SystemConfig sys_config(2, true);
  caf::actor_system sys{sys_config};
  auto gate = connect_to_run(sys, paths, o);
  if (!gate) return gate.error();
  auto welcome = say_hello(sys, *gate, o.host);
  if (!welcome) return welcome.error();
  RunInputs in{paths, *spec, welcome->run_id, o.fake_mode, false, false};
  auto host = start_panes(in, o, *welcome);
  if (!host) return host.error();
  if (auto seqs = actors::append_blocking(sys, welcome->writer, host->started); !seqs)
    return make_error("cannot record the pane host's panes: " + seqs.error().message);

  std::vector<actors::pane_actor> panes;
  std::map<std::string, actors::pane_actor> by_pane;
  for (const auto& cfg : host->configs) {
    auto actor = sys.spawn(actors::pane_actor_behaviour, cfg, welcome->writer);
    panes.push_back(actor);
    by_pane[cfg.pane.pane_id] = actor;
  }
  host->tmux->on_output([by_pane, changes = host->changes](const std::string& pane) {
    changes->notify(pane);
    if (auto it = by_pane.find(pane); it != by_pane.end())
      caf::anon_send(it->second, actors::output_atom::value);
  });
  auto code = std::make_shared<std::atomic<int>>(0);
  auto keeping = sys.spawn(keeper, *gate, panes, code);
  for (const auto& cfg : host->configs)
    caf::anon_send(*gate, actors::attach_atom::value, o.host, cfg.pane.agent_id,
                   by_pane[cfg.pane.pane_id]);
  SignalThread signals(
    [keeping, code](int sig) {
      code->store(128 + sig);
      caf::anon_send(keeping, actors::stop_atom::value);
    },
    [] {});
  const std::string socket = host->server->socket_name();
  if (!o.quiet)
    std::fprintf(stderr, "team-agent: pane host %s running %s (tmux -L %s) for run %s\n",
                 o.host.c_str(), join(mine).c_str(), socket.c_str(), welcome->run_id.c_str());
  {
    caf::scoped_actor waiter{sys};
    waiter->wait_for(keeping);
  }
  host->tmux->close();
  if (!o.quiet)
    std::fprintf(stderr,
                 "team-agent: pane host %s stopped; its agents keep running on tmux -L %s "
                 "(`team-agent pane-host %s` adopts them)\n",
                 o.host.c_str(), socket.c_str(), o.host.c_str());
  return code->load();
}

}  // namespace ta::supervisor
