#include "supervisor/run_setup.h"

#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>

#include "supervisor/run_panes.h"
#include "supervisor/run_providers.h"
#include "config/paths.h"
#include "events/types.h"
#include "store/pending_deliveries.h"
#include "terminal/pane_processes.h"

namespace ta::supervisor {

namespace {

Result<std::string> own_binary() {
  char buf[PATH_MAX];
  auto n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return make_error("cannot find this program's own path (/proc/self/exe)");
  return std::string(buf, static_cast<std::size_t>(n));
}

actors::Delivery delivery_of(const store::PendingMessage& m) {
  return actors::Delivery{m.accepted_seq, m.message_id, m.from, m.to, m.task_id, m.content, m.now,
                          m.result_id, 0, 0};
}

bool env_is(const char* name, const char* value) {
  const char* v = std::getenv(name);
  return v && std::string(v) == value;
}

// SPEC §5: opted in by the supervisor's environment or the spec. Tests may
// shorten the 5/15/30 s retry schedule (milliseconds, comma-separated).
actors::TrustPolicy trust_policy(const RunInputs& in) {
  actors::TrustPolicy t;
  t.opted_in = env_is("TEAM_AGENT_AUTO_TRUST_OWN_WORKSPACE", "1") ||
               in.spec.runtime.auto_trust_own_workspace;
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

}  // namespace

Result<RunSetup> prepare_run(const RunInputs& in) {
  RunSetup s;
  terminal::ServerOptions so;
  so.socket_name = terminal::socket_name_for_workspace(in.paths.workspace);
  auto server = terminal::TmuxServer::locate(so);
  if (!server) return server.error();
  s.server = std::make_unique<terminal::TmuxServer>(std::move(*server));

  auto bin = own_binary();
  if (!bin) return bin.error();
  config::LaunchInputs li;
  li.workspace = in.paths.workspace;
  li.team_agent_bin = *bin;
  li.run_id = in.run_id;
  const char* path = std::getenv("PATH");
  li.path = path ? path : "/usr/local/bin:/usr/bin:/bin";
  li.fake_mode = in.fake_mode;
  auto plan = config::plan_launch(in.spec, li);
  if (!plan) return plan.error();
  s.plan = std::move(*plan);
  auto programs = ProviderPrograms::check(s.plan, in.spec, in.paths.workspace, *bin);
  if (!programs) return programs.error();

  // Before any pane of this run exists, every process with the team's
  // marker is one an earlier run left behind.
  auto leftovers = s.server->running()
                     ? std::vector<terminal::Leftover>{}
                     : terminal::find_leftovers(in.paths.workspace, so.socket_name, {});
  auto panes = ensure_panes(*s.server, s.plan);
  if (!panes) return panes.error();

  terminal::ControlOptions co;
  co.session = s.plan.tmux_session;
  auto control = terminal::TmuxControl::connect(*s.server, co);
  if (!control) return control.error();
  s.tmux = std::shared_ptr<terminal::TmuxControl>(std::move(*control));
  s.changes = std::make_shared<terminal::PaneChanges>();

  actors::StoreWriterOptions wo;
  wo.log.team = in.spec.team;
  wo.start_paused = true;
  auto io = actors::open_store_io(in.paths, wo);
  if (!io) return io.error();
  s.store_io = *io;
  auto pending = store::load_pending_deliveries(actors::projection(*s.store_io));
  if (!pending) return make_error("cannot read undelivered messages: " + pending.error().message);
  auto timers = actors::load_pending_timers(in.paths);
  if (!timers) return timers.error();

  auto& c = s.supervisor;
  c.run_id = in.run_id;
  c.version = TEAM_AGENT_VERSION;
  c.timers = std::move(*timers);
  c.start_events.push_back(events::to_draft(
    events::SupervisorStarted{in.run_id, static_cast<std::int64_t>(::getpid()), c.version}));
  note_leftovers(leftovers, c.start_events);
  auto last_dispatch = std::make_shared<std::atomic<std::int64_t>>(0);
  actors::TrustPolicy trust = trust_policy(in);
  for (auto& p : *panes) {
    auto profile = config::load_provider_profile(p.provider, in.paths.workspace);
    if (!profile) return profile.error();
    actors::PaneActorConfig pc;
    pc.pane.agent_id = p.agent_id;
    pc.pane.pane_id = p.pane_id;
    pc.pane.is_leader = p.agent_id == config::kLeaderId;
    pc.pane.profile = *profile;
    pc.pane.tmux = s.tmux;
    pc.pane.changes = s.changes;
    pc.pane.last_dispatch_ms = last_dispatch;
    pc.trust = trust;
    if (pc.pane.is_leader) {
      auto watch = std::make_shared<actors::LeaderWatch>();
      watch->session = p.pane_id + ":" + std::to_string(p.pid);
      watch->inbox_path = in.paths.leader_inbox;
      watch->provider = p.provider;
      pc.pane.leader = watch;
      c.leader_session = watch->session;
    }
    const auto* member = in.spec.find(p.agent_id);
    pc.restart_on_failure = member && member->restart == config::RestartPolicy::on_failure;
    pc.provider = p.provider;
    pc.workspace = in.paths.workspace;
    pc.tmux_socket = s.server->socket_name();
    pc.provider_version = (*programs)->version_for(p.agent_id);
    for (auto& planned : s.plan.panes)
      if (planned.agent_id == p.agent_id)
        pc.launch = terminal::SpawnSpec{planned.argv, "", planned.env, planned.cwd, planned.window_name};
    pc.first_interaction_pending =
      !pc.pane.is_leader && !pending->first_interaction_done.count(p.agent_id);
    c.start_events.push_back(events::to_draft(
      events::PaneStarted{p.agent_id, p.pane_id, p.provider, p.pid, p.adopted, 0,
                          pc.provider_version}));
    c.panes.push_back(std::move(pc));
  }
  for (auto& m : pending->messages)
    (m.interrupted ? c.interrupted : c.backlog).push_back(delivery_of(m));
  c.leader_message_ids = std::move(pending->leader_message_ids);
  c.trust_fired = std::move(pending->trust_fired_attempt);
  for (auto& r : pending->unnotified_results)
    c.unnotified_results.push_back({r.result_id, r.task_id, r.agent_id, r.status, r.summary});
  return s;
}

}  // namespace ta::supervisor
