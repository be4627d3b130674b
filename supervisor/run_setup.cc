#include "supervisor/run_setup.h"

#include <unistd.h>

#include <atomic>
#include <climits>
#include <cstdio>
#include <cstdlib>

#include "supervisor/agent_lifecycle.h"
#include "supervisor/run_launch.h"
#include "supervisor/run_panes.h"
#include "supervisor/run_providers.h"
#include "config/paths.h"
#include "events/types.h"
#include "store/agent_sessions.h"
#include "store/pending_deliveries.h"
#include "store/queries.h"
#include "terminal/pane_processes.h"
#include "util/env_flag.h"
#include "util/processes.h"

namespace ta::supervisor {

Result<std::string> own_binary() {
  char buf[PATH_MAX];
  auto n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return make_error("cannot find this program's own path (/proc/self/exe)");
  return std::string(buf, static_cast<std::size_t>(n));
}

// SPEC §5: opted in by the supervisor's environment or the spec. Tests may
// shorten the 5/15/30 s retry schedule (milliseconds, comma-separated).
actors::TrustPolicy trust_policy(const RunInputs& in, bool opted_in_by_env) {
  actors::TrustPolicy t;
  t.opted_in = opted_in_by_env || in.spec.runtime.auto_trust_own_workspace;
  t.workspace = in.paths.workspace;
  t.scope = in.spec.runtime.auto_trust_scope;
  t.repository_root = config::find_repository_root(t.workspace);
  if (const char* home = std::getenv("HOME")) t.home = home;
  if (const char* test = std::getenv("TEAM_AGENT_TEST_TRUST_BACKOFF_MS")) {
    std::vector<std::chrono::milliseconds> backoff;
    std::string item;
    for (const char* c = test;; ++c) {
      if (*c == ',' || *c == '\0') {
        if (!item.empty()) backoff.emplace_back(std::atoll(item.c_str()));
        item.clear();
        if (*c == '\0') break;
      } else {
        item += *c;
      }
    }
    if (backoff.size() == 3) t.backoff = backoff;
  }
  return t;
}

config::LaunchInputs launch_inputs(const RunInputs& in, const std::string& bin) {
  config::LaunchInputs li;
  li.workspace = in.paths.workspace;
  li.team_agent_bin = bin;
  li.run_id = in.run_id;
  const char* path = std::getenv("PATH");
  li.path = path ? path : "/usr/local/bin:/usr/bin:/bin";
  li.fake_mode = in.fake_mode;
  return li;
}

std::set<std::string> members_on_pane_hosts(const config::TeamSpec& spec) {
  std::set<std::string> out;
  for (const auto& a : spec.agents)
    if (!a.host.empty()) out.insert(a.id);
  return out;
}

namespace {

actors::Delivery delivery_of(const store::PendingMessage& m) {
  return actors::Delivery{m.accepted_seq, m.message_id, m.from, m.to, m.task_id, m.content, m.now,
                          m.result_id, 0, 0};
}

// Says what an earlier run left running, and records it; nothing is ended:
// a leftover may serve the user's own programs (a start it blocks is
// retried by the pane actor after ending it).
void note_leftovers(const std::vector<terminal::Leftover>& leftovers,
                    std::vector<events::Draft>& out) {
  if (leftovers.empty()) return;
  std::string pids;
  for (const auto& l : leftovers) {
    out.push_back(events::to_draft(events::PaneProcessEscaped{
      l.agent_id, static_cast<int>(l.process.pid), l.process.command, "start"}));
    pids += (pids.empty() ? "" : ", ") + std::to_string(l.process.pid);
  }
  std::fprintf(stderr,
               "team-agent: %zu process(es) an earlier run of this team left behind still run "
               "(pid %s); 'team-agent doctor' lists them, 'team-agent shutdown --kill-panes' "
               "ends them.\n",
               leftovers.size(), pids.c_str());
}

// The log and its projections, folded and paused until the supervisor's
// subscribers are in.
Status open_store(const RunInputs& in, RunSetup& s) {
  actors::StoreWriterOptions wo;
  wo.log.team = in.spec.team;
  wo.start_paused = true;
  auto io = actors::open_store_io(in.paths, wo);
  if (!io) return io.error();
  s.store_io = *io;
  return ok_status();
}

// The control connection to the team's session.
Status connect(RunSetup& s) {
  terminal::ControlOptions co;
  co.session = s.plan.tmux_session;
  auto control = terminal::TmuxControl::connect(*s.server, co);
  if (!control) return control.error();
  s.tmux = std::shared_ptr<terminal::TmuxControl>(std::move(*control));
  s.changes = std::make_shared<terminal::PaneChanges>();
  return ok_status();
}

// What every pane actor of the run shares.
struct SharedPaneSetup {
  const RunInputs& in;
  const RunSetup& setup;
  ProviderPrograms& programs;
  const store::PendingDeliveries& pending;
  actors::TrustPolicy trust;
  std::shared_ptr<std::atomic<std::int64_t>> last_dispatch;
};

std::shared_ptr<actors::LeaderWatch> leader_watch(const RunInputs& in, const RunPane& p) {
  auto watch = std::make_shared<actors::LeaderWatch>();
  watch->session = p.pane_id + ":" + std::to_string(p.pid);
  watch->inbox_path = in.paths.leader_inbox;
  watch->provider = p.provider;
  return watch;
}

Result<actors::PaneActorConfig> pane_actor_config(const SharedPaneSetup& shared,
                                                  const RunPane& p) {
  const auto& in = shared.in;
  actors::PaneActorConfig base;
  base.pane.tmux = shared.setup.tmux;
  base.pane.changes = shared.setup.changes;
  base.pane.last_dispatch_ms = shared.last_dispatch;
  base.trust = shared.trust;
  base.workspace = in.paths.workspace;
  base.tmux_socket = shared.setup.server->socket_name();
  const config::PanePlan* planned = nullptr;
  for (auto& pp : shared.setup.plan.panes)
    if (pp.agent_id == p.agent_id) planned = &pp;
  auto pc = pane_config_for(base, in.spec, planned, p, shared.programs.version_for(p.agent_id),
                            !shared.pending.first_interaction_done.count(p.agent_id));
  if (pc && pc->pane.is_leader) pc->pane.leader = leader_watch(in, p);
  return pc;
}

// The pane actors' configurations, and pane.started for each pane.
Status configure_panes(const SharedPaneSetup& shared, const std::vector<RunPane>& panes,
                       RunSetup& s) {
  for (auto& p : panes) {
    auto pc = pane_actor_config(shared, p);
    if (!pc) return pc.error();
    if (pc->pane.leader) s.supervisor.leader_session = pc->pane.leader->session;
    s.snapshot.start_events.push_back(events::to_draft(events::PaneStarted{
      p.agent_id, p.pane_id, p.provider, p.pid, p.adopted, 0, pc->provider_version,
      static_cast<std::int64_t>(process_start_ticks(static_cast<pid_t>(p.pid)))}));
    s.supervisor.panes.push_back(std::move(*pc));
  }
  return ok_status();
}

// What the health watch knows of each member from the start: its session
// file format and which faults its provider's profile reports.
actors::HealthWatchConfig health_config(const RunInputs& in, const RunSetup& s) {
  actors::HealthWatchConfig h;
  h.timings.idle_debounce_s = in.spec.runtime.idle_reminder_after_s;
  h.timings.stuck_after_s = in.spec.runtime.stuck_after_s;
  h.changes = s.changes;
  for (const auto& id : in.spec.member_ids()) {
    actors::HealthMember m{id, id == config::kLeaderId, "", {}};
    for (const auto& p : s.plan.panes)
      if (p.agent_id == id) m.format = p.session_format;
    for (const auto& pc : s.supervisor.panes)
      if (pc.pane.agent_id == id && pc.pane.profile) m.fault_signatures = pc.pane.profile->fault_signatures;
    h.members.push_back(std::move(m));
  }
  return h;
}

// What the log left for this run to take over.
void take_over_pending(store::PendingDeliveries pending, actors::SupervisorSnapshot& snap) {
  for (auto& m : pending.messages)
    (m.interrupted ? snap.interrupted : snap.backlog).push_back(delivery_of(m));
  snap.leader_message_ids = std::move(pending.leader_message_ids);
  snap.trust_fired = std::move(pending.trust_fired_attempt);
  for (auto& r : pending.unnotified_results)
    snap.unnotified_results.push_back({r.result_id, r.task_id, r.agent_id, r.status, r.summary});
}

}  // namespace

Result<actors::PaneActorConfig> pane_config_for(const actors::PaneActorConfig& shared,
                                                const config::TeamSpec& spec,
                                                const config::PanePlan* planned, const RunPane& p,
                                                std::string provider_version,
                                                bool first_interaction_pending) {
  auto profile = config::load_provider_profile(p.provider, shared.workspace);
  if (!profile) return profile.error();
  actors::PaneActorConfig pc = shared;
  pc.pane.agent_id = p.agent_id;
  pc.pane.pane_id = p.pane_id;
  pc.pane.is_leader = p.agent_id == config::kLeaderId;
  pc.pane.profile = *profile;
  pc.pane.leader = nullptr;
  pc.pane.approvals = std::make_shared<actors::ApprovalWatch>();
  pc.pane.approvals->server = config::kMcpServerName;
  const auto* member = spec.find(p.agent_id);
  pc.restart_on_failure = member && member->restart == config::RestartPolicy::on_failure;
  pc.provider = p.provider;
  pc.provider_version = std::move(provider_version);
  if (planned)
    pc.launch = terminal::SpawnSpec{planned->argv, "", planned->env, planned->cwd,
                                    planned->window_name};
  pc.first_interaction_pending = !pc.pane.is_leader && first_interaction_pending;
  return pc;
}

Result<PaneStartBasics> prepare_pane_start(const RunInputs& in, const std::string& socket_name) {
  PaneStartBasics b;
  terminal::ServerOptions so;
  so.socket_name = socket_name;
  auto server = terminal::TmuxServer::locate(so);
  if (!server) return server.error();
  b.server = std::make_unique<terminal::TmuxServer>(std::move(*server));
  auto bin = own_binary();
  if (!bin) return bin.error();
  b.bin = *bin;
  auto first_plan = config::plan_launch(in.spec, launch_inputs(in, b.bin));
  if (!first_plan) return first_plan.error();
  auto programs = ProviderPrograms::check(*first_plan, in.spec, in.paths.workspace, b.bin);
  if (!programs) return programs.error();
  b.programs = std::move(*programs);
  return b;
}

Result<RunSetup> prepare_run(const RunInputs& in) {
  RunSetup s;
  auto trust_env = env_yes_no("TEAM_AGENT_AUTO_TRUST_OWN_WORKSPACE");
  if (!trust_env) return trust_env.error();
  const auto socket = terminal::socket_name_for_workspace(in.paths.workspace);
  auto basics = prepare_pane_start(in, socket);
  if (!basics) return basics.error();
  s.server = std::move(basics->server);
  const std::string* bin = &basics->bin;
  auto& programs = *basics->programs;

  // Before any pane of this run exists, every process with the team's
  // marker is one an earlier run left behind.
  auto leftovers = s.server->running()
                     ? std::vector<terminal::Leftover>{}
                     : terminal::find_leftovers(in.paths.workspace, socket, {});
  if (auto st = open_store(in, s); !st) return st.error();
  auto& db = actors::projection(*s.store_io);
  auto pending = store::load_pending_deliveries(db);
  if (!pending) return make_error("cannot read undelivered messages: " + pending.error().message);
  auto history = store::load_session_history(db);
  if (!history) return make_error("cannot read the agents' sessions: " + history.error().message);
  // A member stopped on purpose stays stopped (and unjudged) until `start`.
  auto stopped = store::stopped_agents(db);
  if (!stopped) return make_error("cannot read the stopped agents: " + stopped.error().message);
  // Pane hosts start their own members' panes (supervisor/pane_host.h).
  auto skip = *stopped;
  for (const auto& id : members_on_pane_hosts(in.spec)) skip.insert(id);
  auto launch = launch_team(*s.server, {in.paths, in.spec, launch_inputs(in, *bin), *history,
                                        in.restart, in.allow_fresh, skip, nullptr});
  if (!launch) return launch.error();
  s.plan = std::move(launch->plan);
  auto& panes = launch->panes;
  if (auto st = connect(s); !st) return st.error();
  auto timers = actors::load_pending_timers(in.paths);
  if (!timers) return timers.error();

  s.supervisor.run_id = in.run_id;
  s.supervisor.version = TEAM_AGENT_VERSION;
  s.snapshot.timers = std::move(*timers);
  s.snapshot.start_events.push_back(events::to_draft(events::SupervisorStarted{
    in.run_id, static_cast<std::int64_t>(::getpid()), s.supervisor.version}));
  note_leftovers(leftovers, s.snapshot.start_events);
  SharedPaneSetup shared{in, s, programs, *pending, trust_policy(in, trust_env->value_or(false)),
                         std::make_shared<std::atomic<std::int64_t>>(0)};
  if (auto st = configure_panes(shared, panes, s); !st) return st.error();
  s.supervisor.members = in.spec.member_ids();
  s.supervisor.stopped = *stopped;
  for (const auto& a : in.spec.agents)
    if (!a.host.empty()) s.supervisor.hosts[a.id] = a.host;
  s.supervisor.health = health_config(in, s);
  if (!s.supervisor.panes.empty())
    s.supervisor.lifecycle = make_agent_lifecycle(
      {in.paths, launch_inputs(in, *bin), s.server.get(), s.supervisor.panes.front()});
  take_over_pending(std::move(*pending), s.snapshot);
  return s;
}

}  // namespace ta::supervisor
