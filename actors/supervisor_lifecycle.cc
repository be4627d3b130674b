// The supervisor's per-agent verbs (stop, start, restart, reset, remove,
// add), asked for by agent.<verb>_requested events and answered with
// agent.request_completed. One request at a time: its pane actor is
// stopped on purpose (not a crash: no restart), then the lifecycle worker
// does the blocking part (kill-pane, a start as a restart would decide it,
// team.json), then the actor spawns the new pane actor and hands it what
// the agent is owed. A stopped member keeps its place: its messages wait.
#include <algorithm>

#include <caf/actor_cast.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/pane_io.h"
#include "actors/supervisor_internal.h"
#include "config/team_spec.h"
#include "events/types.h"

namespace ta::actors::supervisor_detail {

namespace {

std::optional<AgentRequest> request_of(const events::Event& e) {
  const auto& d = e.data;
  AgentRequest r{d.value("request_id", ""), "", d.value("agent_id", ""), false, false, {}};
  if (e.type == events::AgentStopRequested::kType) {
    r.verb = "stop";
  } else if (e.type == events::AgentStartRequested::kType) {
    r.verb = "start";
    r.allow_fresh = d.value("allow_fresh", false);
  } else if (e.type == events::AgentRestartRequested::kType) {
    r.verb = "restart";
    r.allow_fresh = d.value("allow_fresh", false);
  } else if (e.type == events::AgentResetRequested::kType) {
    r.verb = "reset";
  } else if (e.type == events::AgentRemoveRequested::kType) {
    r.verb = "remove";
    r.force = d.value("force", false);
  } else if (e.type == events::AgentAddRequested::kType) {
    r.verb = "add";
    r.add = config::NewWorker{r.agent, d.value("provider", ""), d.value("role", ""),
                              d.value("model", "")};
  } else {
    return std::nullopt;
  }
  return r;
}

std::string short_id(const std::string& id) { return id.substr(0, 8); }

void next_request(self_ptr self);

void complete(self_ptr self, bool ok, const std::string& reason, const std::string& message,
              const std::string& mode = "", const std::string& session_id = "") {
  auto& st = self->state;
  const auto& r = st.current;
  append(self, {events::to_draft(events::AgentRequestCompleted{
                 r.id, r.verb, r.agent, ok, reason, mode, session_id, message})});
  st.request_busy = false;
  next_request(self);
}

const PaneActorConfig* config_of(self_ptr self, const std::string& agent) {
  for (auto& p : self->state.cfg.panes)
    if (p.pane.agent_id == agent) return &p;
  return nullptr;
}

// The blocking part of the current request, on the lifecycle worker; its
// result is picked up by on_lifecycle_done.
void post_job(self_ptr self, std::string pane_id, bool check_only = false) {
  auto& st = self->state;
  caf::weak_actor_ptr weak{self->ctrl()};
  st.lifecycle_worker->post([weak, r = st.current, pane_id, check_only, hooks = st.cfg.lifecycle,
                             results = st.lifecycle_results] {
    AgentStartOutcome out;
    out.ok = true;
    out.reason = "done";
    if (check_only)
      out = hooks->check_start({r.agent, r.allow_fresh, false, std::nullopt});
    else if (!pane_id.empty())
      if (auto closed = hooks->close_pane(r.agent, pane_id); !closed) {
        out.ok = false;
        out.reason = "failed";
        out.message = "cannot close its pane: " + closed.error().message;
      }
    if (check_only) {
    } else if (out.ok && r.verb == "remove") {
      if (auto removed = hooks->remove_worker(r.agent); !removed) {
        out.ok = false;
        out.reason = "failed";
        out.message = removed.error().message;
      }
    } else if (out.ok && r.verb != "stop") {
      AgentStartOrder order{r.agent, r.allow_fresh, r.verb == "reset", r.add};
      out = hooks->start_agent(order);
    }
    {
      std::lock_guard<std::mutex> lock(results->mu);
      results->by_request[r.id] = std::move(out);
    }
    if (auto strong = weak.lock())
      caf::anon_send(caf::actor_cast<supervisor_actor>(strong), lifecycle_atom::value, r.id);
  });
}

// The agent's pane actor is gone (or was never there): close its pane and
// do the rest of the request on the worker.
void after_close(self_ptr self) {
  auto& st = self->state;
  const auto& agent = st.current.agent;
  std::string pane_id;  // none when it was stopped already: its pane is gone
  if (auto* cfg = config_of(self, agent); cfg && !st.stopped.count(agent))
    pane_id = cfg->pane.pane_id;
  st.pane_agent.erase(pane_id);
  st.stopped.insert(agent);
  post_job(self, pane_id);
}

// Stops the agent's pane actor on purpose; after_close follows its end.
void close_agent(self_ptr self) {
  auto& st = self->state;
  const auto& agent = st.current.agent;
  auto pane = st.panes.find(agent);
  const auto child = kPanePrefix + agent;
  if (pane == st.panes.end()) return after_close(self);
  auto actor = pane->second;
  st.panes.erase(pane);
  if (st.children[child].restarting) return after_close(self);  // it crashed: nothing runs
  st.closing_child = child;
  self->send(actor, stop_atom::value);
}

void begin(self_ptr self) {
  auto& st = self->state;
  const auto r = st.current;
  const bool member = st.members.count(r.agent) > 0;
  const bool running = member && !st.stopped.count(r.agent);
  if (!st.cfg.lifecycle) return complete(self, false, "failed", "this run cannot change agents");
  if (st.tmux_lost)
    return complete(self, false, "tmux_unavailable",
                    "the team's tmux server is gone; bring the team back with "
                    "'team-agent restart'");
  if (r.agent == config::kLeaderId)
    return complete(self, false, "invalid",
                    "the leader starts and stops with the team: use 'team-agent restart' or "
                    "'team-agent shutdown'");
  if (r.verb == "add") {
    if (member) return complete(self, false, "invalid", "the team already has an agent " + r.agent);
    return post_job(self, "");
  }
  if (!member) return complete(self, false, "unknown_agent", "the team has no agent " + r.agent);
  if (auto host = host_of(self, r.agent); !host.empty())
    return complete(self, false, "invalid",
                    "agent " + r.agent + " runs on pane host " + host +
                      ", which starts and stops its pane; stop or restart that pane host");
  if (r.verb == "stop" && !running)
    return complete(self, true, "already_stopped", "agent " + r.agent + " is stopped already");
  if (r.verb == "start") {
    if (running)
      return complete(self, true, "already_running", "agent " + r.agent + " is running already");
    return post_job(self, "");
  }
  const auto& pane_state = st.pane_state[r.agent];
  const bool working = pane_state == "busy" || pane_state == "delivering";
  if (r.verb == "remove" && !r.force && running && working)
    return complete(self, false, "working",
                    "agent " + r.agent + " is working; wait until it is idle, or use --force");
  if (r.verb == "restart" && running) return post_job(self, "", true);
  close_agent(self);
}

void next_request(self_ptr self) {
  auto& st = self->state;
  if (st.request_busy || st.requests.empty() || st.stopping) return;
  st.current = st.requests.front();
  st.requests.pop_front();
  st.request_busy = true;
  st.checked = false;
  begin(self);
}

void forget_worker(self_ptr self, const std::string& agent) {
  auto& st = self->state;
  st.members.erase(agent);
  st.stopped.erase(agent);
  auto& panes = st.cfg.panes;
  panes.erase(std::remove_if(panes.begin(), panes.end(),
                             [&](const auto& p) { return p.pane.agent_id == agent; }),
              panes.end());
  std::vector<events::Draft> failures;
  for (auto& [_, d] : st.owed[agent])
    failures.push_back(failed_without_inject(d, "agent_removed", "route",
                                             "agent " + agent + " was removed from the team"));
  append(self, std::move(failures));
}

void started(self_ptr self, AgentStartOutcome out) {
  auto& st = self->state;
  const auto agent = st.current.agent;
  auto& panes = st.cfg.panes;
  panes.erase(std::remove_if(panes.begin(), panes.end(),
                             [&](const auto& p) { return p.pane.agent_id == agent; }),
              panes.end());
  panes.push_back(out.pane);
  st.members.insert(agent);
  st.stopped.erase(agent);
  spawn_pane(self, out.pane);
  resend_owed(self, agent);
  const std::string how =
    out.mode == "resumed" ? "resumed session " + short_id(out.session_id) : "in a fresh session";
  complete(self, true, "done", "agent " + agent + " started, " + how, out.mode, out.session_id);
}

}  // namespace

void on_agent_request(self_ptr self, const events::Event& e) {
  auto& st = self->state;
  if (st.started_seq == 0 || e.seq <= st.started_seq || st.stopping) return;
  if (e.type == events::AgentCancelRequested::kType) return on_cancel_request(self, e);
  auto r = request_of(e);
  if (!r) return;
  st.requests.push_back(std::move(*r));
  next_request(self);
}

bool on_child_closed(self_ptr self, const std::string& child) {
  auto& st = self->state;
  if (child.empty() || child != st.closing_child) return false;
  st.closing_child.clear();
  after_close(self);
  return true;
}

void on_lifecycle_done(self_ptr self, const std::string& id) {
  auto& st = self->state;
  AgentStartOutcome out;
  {
    std::lock_guard<std::mutex> lock(st.lifecycle_results->mu);
    auto it = st.lifecycle_results->by_request.find(id);
    if (it == st.lifecycle_results->by_request.end()) return;
    out = std::move(it->second);
    st.lifecycle_results->by_request.erase(it);
  }
  if (st.stopping || !st.request_busy || st.current.id != id) return;
  const auto& r = st.current;
  if (r.verb == "restart" && !st.checked && !st.stopped.count(r.agent)) {
    if (!out.ok) return complete(self, false, out.reason, out.message);  // still running
    st.checked = true;
    return close_agent(self);
  }
  if (!out.ok) {
    const bool was_stopped = r.verb != "add" && r.verb != "start" && r.verb != "stop";
    return complete(self, false, out.reason,
                    out.message + (was_stopped ? "; agent " + r.agent + " is stopped now" : ""));
  }
  if (r.verb == "stop")
    return complete(self, true, "done",
                    "agent " + r.agent + " stopped; its session is kept and messages to it wait "
                    "until 'team-agent start " + r.agent + "'");
  if (r.verb == "remove") {
    forget_worker(self, r.agent);
    return complete(self, true, "done", "agent " + r.agent + " was removed from the team");
  }
  started(self, std::move(out));
}

}  // namespace ta::actors::supervisor_detail
