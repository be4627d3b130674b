#include "actors/supervisor.h"

#include <csignal>
#include <random>

#include <caf/actor_cast.hpp>
#include <caf/exit_reason.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <spdlog/spdlog.h>

#include "actors/supervisor_internal.h"
#include "actors/timer_kind.h"
#include "config/team_spec.h"
#include "events/types.h"

namespace ta::actors {

namespace supervisor_detail {

const std::string kPanePrefix = "pane_actor:";
const std::string kKeeper = "session_keeper";

void append(self_ptr self, std::vector<events::Draft> drafts) {
  if (drafts.empty()) return;
  self->request(self->state.writer, caf::infinite, append_atom::value, std::move(drafts))
    .then([](const std::vector<std::uint64_t>&) {},
          [self](const caf::error& e) {
            spdlog::error("supervisor: cannot record events: {}", self->system().render(e));
          });
}

}  // namespace supervisor_detail

namespace {

using namespace supervisor_detail;
using Clock = std::chrono::steady_clock;

const PaneActorConfig* pane_config(self_ptr self, const std::string& agent) {
  for (auto& p : self->state.cfg.panes)
    if (p.pane.agent_id == agent) return &p;
  return nullptr;
}

}  // namespace

void supervisor_detail::spawn_pane(self_ptr self, PaneActorConfig cfg) {
  auto& st = self->state;
  if (st.first_interaction_done.count(cfg.pane.agent_id)) cfg.first_interaction_pending = false;
  auto actor = self->spawn(pane_actor_behaviour, cfg, st.writer);
  self->monitor(actor);
  const auto name = kPanePrefix + cfg.pane.agent_id;
  st.panes[cfg.pane.agent_id] = actor;
  st.pane_agent[cfg.pane.pane_id] = cfg.pane.agent_id;
  st.child_by_addr[actor.address()] = name;
  st.children[name].restarting = false;
  if (st.tmux_lost) self->send(actor, gone_atom::value);  // its pane went with the server
}

namespace {

void spawn_scheduler(self_ptr self) {
  auto& st = self->state;
  st.scheduler =
    self->spawn(scheduler, st.writer, caf::actor_cast<timer_owner_actor>(self), st.timers);
  self->monitor(st.scheduler);
  // Subscribed from here too, so that it is on the bus before start_atom.
  self->send(st.writer, subscribe_atom::value, caf::actor_cast<event_subscriber_actor>(st.scheduler));
  st.child_by_addr[st.scheduler.address()] = "scheduler";
  st.children["scheduler"].restarting = false;
}

void spawn_keeper(self_ptr self) {
  auto& st = self->state;
  st.keeper = self->spawn(session_keeper, st.writer, SessionKeeperConfig{});
  self->monitor(st.keeper);
  self->send(st.writer, subscribe_atom::value, caf::actor_cast<event_subscriber_actor>(st.keeper));
  st.child_by_addr[st.keeper.address()] = kKeeper;
  st.children[kKeeper].restarting = false;
}


std::chrono::milliseconds backoff_for(self_ptr self, std::size_t crashes) {
  const auto& c = self->state.cfg;
  static thread_local std::mt19937 rng{std::random_device{}()};
  double base = static_cast<double>(c.first_backoff.count()) *
                static_cast<double>(1u << std::min<std::size_t>(crashes - 1, 10));
  base = std::min(base, static_cast<double>(c.max_backoff.count()));
  // ±25 % so that children crashing together do not restart in lockstep.
  std::uniform_real_distribution<double> jitter(0.75, 1.25);
  return std::chrono::milliseconds(static_cast<std::int64_t>(base * jitter(rng)));
}

void finish(self_ptr self) {
  auto& st = self->state;
  if (st.finishing) return;
  st.finishing = true;
  auto done = [self] {
    auto& st = self->state;
    {
      std::lock_guard<std::mutex> lock(st.cfg.outcome->mu);
      st.cfg.outcome->exit_code = st.exit_code;
    }
    self->send(st.writer, stop_atom::value);
    self->quit();
  };
  events::SupervisorStopped stopped{st.cfg.run_id, st.stop_reason, st.exit_code};
  self->request(st.writer, std::chrono::seconds(10), append_atom::value,
                std::vector<events::Draft>{events::to_draft(stopped)})
    .then([done](const std::vector<std::uint64_t>&) { done(); },
          [done, self](const caf::error& e) {
            spdlog::error("supervisor: cannot record supervisor.stopped: {}",
                          self->system().render(e));
            done();
          });
}

void begin_stop(self_ptr self, const std::string& reason, int exit_code) {
  auto& st = self->state;
  if (st.stopping) return;
  st.stopping = true;
  st.stop_reason = reason;
  st.exit_code = exit_code;
  append(self, {events::to_draft(events::SupervisorStopping{st.cfg.run_id, reason})});
  for (auto& [_, pane] : st.panes) self->send(pane, stop_atom::value);
  self->send(st.scheduler, stop_atom::value);
  self->send(st.keeper, stop_atom::value);  // records the sessions not captured yet, then quits
  self->send(st.health, stop_atom::value);
  self->delayed_send(self, st.cfg.stop_bound + std::chrono::milliseconds(500), finish_atom::value);
  if (st.child_by_addr.empty()) finish(self);
}

}  // namespace

void supervisor_detail::stop_run(self_ptr self, const std::string& reason, int exit_code) {
  begin_stop(self, reason, exit_code);
}

namespace {

void restart_pane(self_ptr self, const std::string& agent) {
  auto& st = self->state;
  auto* cfg = pane_config(self, agent);
  // A pane stopped (or a worker removed) meanwhile stays so.
  if (!cfg || st.stopped.count(agent) || !st.members.count(agent)) return;
  spawn_pane(self, *cfg);
  resend_owed(self, agent);
}

void child_down(self_ptr self, const caf::down_msg& msg) {
  auto& st = self->state;
  auto it = st.child_by_addr.find(msg.source);
  if (it == st.child_by_addr.end()) return;
  const std::string name = it->second;
  st.child_by_addr.erase(it);
  if (st.stopping) {
    if (st.child_by_addr.empty()) finish(self);
    return;
  }
  if (on_child_closed(self, name)) return;  // stopped on purpose: not a crash
  if (on_host_pane_down(self, name, msg.reason)) return;  // its pane host owns it
  const bool crashed = msg.reason && msg.reason != caf::exit_reason::normal;
  const std::string why = crashed ? self->system().render(msg.reason) : "it quit unasked";
  auto& rec = st.children[name];
  const auto now = Clock::now();
  rec.crashes.push_back(now);
  while (!rec.crashes.empty() && now - rec.crashes.front() > st.cfg.restart_window)
    rec.crashes.pop_front();
  const int restarts = static_cast<int>(rec.crashes.size());
  const int window_s = static_cast<int>(st.cfg.restart_window.count());
  if (restarts > st.cfg.max_restarts) {
    append(self, {events::to_draft(events::ActorGaveUp{name, why, restarts, window_s})});
    // Without either only the capture of sessions or the health watch stops.
    if (name == kKeeper || name == kHealth) return;
    {
      std::lock_guard<std::mutex> lock(st.cfg.outcome->mu);
      st.cfg.outcome->error = name + " crashed " + std::to_string(restarts) + " times within " +
                              std::to_string(window_s) + " s (last: " + why +
                              "); the run stopped. See `team-agent events --type 'actor.*'`";
    }
    return begin_stop(self, "actor_gave_up", 1);
  }
  auto backoff = backoff_for(self, rec.crashes.size());
  rec.restarting = true;
  append(self,
         {events::to_draft(events::ActorRestarted{name, why, restarts, backoff.count()})});
  self->delayed_send(self, backoff, restart_atom::value, name);
}

void on_events(self_ptr self, const std::vector<events::Event>& batch) {
  auto& st = self->state;
  for (auto& e : batch) {
    if (e.type == events::MessageAccepted::kType) {
      if (st.stopping) continue;  // stays accepted; the next run delivers it
      auto m = events::decode<events::MessageAccepted>(e);
      if (!m) continue;
      if (m->to == config::kLeaderId) st.leader_message_ids.insert(m->message_id);
      route(self, Delivery{e.seq, m->message_id, m->from, m->to, m->task_id, m->content, m->now,
                           m->result_id, 0, 0});
    } else if (e.type == events::ResultReported::kType) {
      if (st.stopping) continue;  // the next run notifies, from the projection's results
      if (auto r = events::decode<events::ResultReported>(e)) notify_leader(self, *r);
    } else if (e.type == events::SendDeliverAttempt::kType) {
      st.attempted.insert(e.data.value("message_id", ""));
    } else if (e.type == events::SendSubmitted::kType || e.type == events::SendFailed::kType) {
      settle(self, e.data.value("message_id", ""));
    } else if (e.type == events::SupervisorStarted::kType) {
      if (e.data.value("run_id", "") == st.cfg.run_id) st.started_seq = e.seq;
    } else if (e.type == events::SupervisorShutdownRequested::kType) {
      // A request left in the log from before this run is not addressed to it.
      if (st.started_seq != 0 && e.seq > st.started_seq) begin_stop(self, "shutdown", 0);
    } else if (e.type == events::PaneStateChanged::kType) {
      st.pane_state[e.data.value("agent_id", "")] = e.data.value("to", "");
    } else if (e.type.rfind("agent.", 0) == 0) {
      on_agent_request(self, e);
    } else if (e.type == events::WorkerFirstInteraction::kType) {
      st.first_interaction_done.insert(e.data.value("worker_id", ""));
    } else if (e.type == events::ScheduleCreated::kType || e.type == events::ScheduleFired::kType ||
               e.type == events::ScheduleCancelled::kType) {
      track_timer(self, e);
    }
  }
}

int exit_code_for(int sig) { return 128 + sig; }

std::string signal_reason(int sig) {
  switch (sig) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    case SIGHUP: return "SIGHUP";
    default: return "signal " + std::to_string(sig);
  }
}

// Everyone on the bus before it starts, so nothing after the snapshot is missed.
void start_children(self_ptr self, const std::vector<Delivery>& backlog) {
  auto& st = self->state;
  self->send(st.writer, subscribe_atom::value, caf::actor_cast<event_subscriber_actor>(self));
  for (auto& o : st.cfg.observers) self->send(st.writer, subscribe_atom::value, o);
  spawn_scheduler(self);
  spawn_keeper(self);
  spawn_health(self, backlog);
  for (auto& p : st.cfg.panes) spawn_pane(self, p);
  self->send(st.writer, start_atom::value);
}

// Takes over what the log left: records the start, fails what a dead run
// interrupted, routes the backlog and tells the leader of unnotified results.
void take_over(self_ptr self, SupervisorSnapshot snap) {
  std::vector<events::Draft> start = std::move(snap.start_events);
  for (auto& d : snap.interrupted) start.push_back(interrupted_failure(d));
  append(self, std::move(start));
  for (auto& d : snap.backlog) route(self, d);
  for (auto& r : snap.unnotified_results) notify_leader(self, r);
}

void on_output(self_ptr self, const std::string& pane_id) {
  auto& st = self->state;
  auto agent = st.pane_agent.find(pane_id);
  if (agent == st.pane_agent.end()) return;
  auto pane = st.panes.find(agent->second);
  if (pane != st.panes.end()) self->send(pane->second, output_atom::value);
}

void on_fault(self_ptr self, const std::string& target) {
  auto& st = self->state;
  if (!st.cfg.test_hooks || target.rfind(kPanePrefix, 0) != 0) return;
  auto pane = st.panes.find(target.substr(kPanePrefix.size()));
  if (pane != st.panes.end()) self->send(pane->second, fault_atom::value);
}

void on_restart(self_ptr self, const std::string& name) {
  if (self->state.stopping) return;
  if (name == "scheduler") return spawn_scheduler(self);
  if (name == kKeeper) return spawn_keeper(self);
  if (name == kHealth) return spawn_health(self);
  if (name.rfind(kPanePrefix, 0) == 0) restart_pane(self, name.substr(kPanePrefix.size()));
}

void on_fired(self_ptr self, const std::string& id, const std::string& kind,
              const std::string& owner, const std::string& payload) {
  auto& st = self->state;
  if (owner.rfind(kPanePrefix, 0) == 0) {
    auto pane = st.panes.find(owner.substr(kPanePrefix.size()));
    if (pane != st.panes.end())
      return self->send(pane->second, fired_atom::value, id, kind, owner, payload);
  }
  spdlog::warn("supervisor: timer {} ({}) fired for {}, which is not running", id, kind, owner);
}

}  // namespace

supervisor_actor::behavior_type supervisor(self_ptr self, SupervisorConfig cfg,
                                           SupervisorSnapshot snapshot, store_writer_actor writer) {
  auto& st = self->state;
  st.cfg = std::move(cfg);
  st.writer = std::move(writer);
  st.timers = std::move(snapshot.timers);
  st.leader_message_ids = std::move(snapshot.leader_message_ids);
  st.trust_fired = std::move(snapshot.trust_fired);
  st.members = {st.cfg.members.begin(), st.cfg.members.end()};
  for (auto& p : st.cfg.panes) st.members.insert(p.pane.agent_id);
  st.stopped = st.cfg.stopped;
  st.lifecycle_worker = std::make_shared<BlockingWorker>("lifecycle");
  st.lifecycle_results = std::make_shared<LifecycleResults>();
  self->set_down_handler([self](caf::down_msg& msg) { child_down(self, msg); });
  start_children(self, snapshot.backlog);
  take_over(self, std::move(snapshot));
  return {
    [self](signal_atom, int sig) { begin_stop(self, signal_reason(sig), exit_code_for(sig)); },
    [self](stop_atom) { begin_stop(self, "shutdown requested", 0); },
    [self](event_atom, const std::vector<events::Event>& batch) { on_events(self, batch); },
    [self](output_atom, const std::string& pane_id) { on_output(self, pane_id); },
    [self](fault_atom, const std::string& target) { on_fault(self, target); },
    [self](restart_atom, const std::string& name) { on_restart(self, name); },
    [self](finish_atom) { finish(self); },
    [self](lifecycle_atom, const std::string& id) { on_lifecycle_done(self, id); },
    [self](fired_atom, const std::string& id, const std::string& kind, const std::string& owner,
           const std::string& payload) { on_fired(self, id, kind, owner, payload); },
    [self](tmux_lost_atom, const std::string& socket, const std::string& session,
           const std::string& why) { on_tmux_lost(self, socket, session, why); },
    [self](hello_atom, const std::string& host) { return on_host_hello(self, host); },
    [self](attach_atom, const std::string& host, const std::string& agent, pane_actor actor) {
      on_host_attach(self, host, agent, actor);
    },
  };
}

}  // namespace ta::actors
