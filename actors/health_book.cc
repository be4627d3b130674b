#include "actors/health_book.h"

#include <algorithm>

#include "config/team_spec.h"
#include "events/types.h"

namespace ta::actors {

namespace {

using sessions::TurnState;
using sessions::TurnVerdict;


// A file verdict says something only when the tail held a lifecycle fact.
bool says_something(const TurnVerdict& v) {
  return v.reason != "unreadable_or_empty" && v.reason != "no_turn_lifecycle_fact";
}

TurnVerdict screen_verdict(TurnState state, std::string reason) {
  TurnVerdict v;
  v.state = state;
  v.reason = std::move(reason);
  v.source = "screen";
  return v;
}

}  // namespace

TurnVerdict node_verdict(const NodeHealth& n) {
  if (n.pane_state == "exited") return screen_verdict(TurnState::abnormal, "exited");
  if (n.pane_state == "blocked")
    return screen_verdict(TurnState::blocked_on_human, n.screen.empty() ? "blocked" : n.screen);
  if (n.file_verdict && says_something(*n.file_verdict)) return *n.file_verdict;
  if (n.pane_state == "ready") return screen_verdict(TurnState::idle, "screen_idle");
  if (n.pane_state == "busy" || n.pane_state == "delivering")
    return screen_verdict(TurnState::working, "screen_working");
  return screen_verdict(TurnState::unknown, "screen_" + n.pane_state);
}

HealthBook::HealthBook(HealthTimings timings, std::string run_id, std::vector<HealthMember> members)
    : timings_(timings), run_id_(std::move(run_id)) {
  for (auto& m : members) nodes_[m.id].member = std::move(m);
}

const NodeHealth* HealthBook::node(const std::string& id) const {
  auto it = nodes_.find(id);
  return it == nodes_.end() ? nullptr : &it->second;
}

void HealthBook::arm_for_worker_turn(const std::string& agent) {
  auto it = nodes_.find(agent);
  if (it == nodes_.end() || it->second.member.leader) return;
  // A worker turn ends any idle episode, even one no tick saw end.
  idle_.armed = true;
  idle_.suppressed_until_next_turn = false;
  idle_.all_idle_since.reset();
  idle_.pinged_for_episode.reset();
}

void HealthBook::settle(const std::string& message_id) {
  for (auto& [_, n] : nodes_) n.pending.erase(message_id);
}

void HealthBook::owe(const std::string& agent, const std::string& message_id, double now) {
  auto it = nodes_.find(agent);
  if (it == nodes_.end()) return;
  if (it->second.pending.empty()) it->second.last_progress = now;
  it->second.pending.emplace(message_id, now);
}

void HealthBook::on_event(const events::Event& e, double now) {
  const auto& d = e.data;
  const std::string agent = d.value("agent_id", "");
  if (e.type == events::PaneStarted::kType) {
    auto& n = nodes_[agent];
    if (n.member.id.empty()) n.member = {agent, agent == config::kLeaderId, {}, {}};
    n.present = true;
    // A pane on a pane host is on another tmux server (its output is not
    // seen here) and its pid may be another machine's.
    const bool here = d.value("host", "").empty();
    n.pane_id = here ? d.value("pane_id", "") : "";
    const long long ticks = d.value("start_ticks", 0LL);
    n.process = {here ? d.value("pid", 0LL) : 0LL, ticks > 0 ? ticks : -1};  // -1: unknown
    n.pane_state = "starting";
    n.last_progress = now;
  } else if (e.type == events::SessionLaunched::kType) {
    if (auto it = nodes_.find(agent); it != nodes_.end())
      it->second.member.format = d.value("format", "");
  } else if (e.type == events::SessionCaptured::kType) {
    if (auto it = nodes_.find(agent); it != nodes_.end()) {
      it->second.session_path = d.value("path", "");
      it->second.file_verdict.reset();
    }
  } else if (e.type == events::SessionDiscarded::kType) {
    if (auto it = nodes_.find(agent); it != nodes_.end()) {
      it->second.session_path.clear();
      it->second.file_verdict.reset();
    }
  } else if (e.type == events::PaneStateChanged::kType) {
    if (auto it = nodes_.find(agent); it != nodes_.end()) {
      it->second.pane_state = d.value("to", "");
      it->second.screen = d.value("screen", "");
      if (it->second.pane_state == "busy") arm_for_worker_turn(agent);
    }
  } else if (e.type == events::PaneExited::kType) {
    if (auto it = nodes_.find(agent); it != nodes_.end()) it->second.pane_state = "exited";
  } else if (e.type == events::MessageAccepted::kType) {
    owe(d.value("to", ""), d.value("message_id", ""), now);
  } else if (e.type == events::SendSubmitted::kType) {
    settle(d.value("message_id", ""));
    const std::string to = d.value("to", "");
    arm_for_worker_turn(to);
    if (auto it = nodes_.find(to); it != nodes_.end()) it->second.last_progress = now;
  } else if (e.type == events::SendFailed::kType ||
             e.type == events::LeaderReceiverSubmitted::kType ||
             e.type == events::LeaderReceiverDeliveryFailed::kType) {
    settle(d.value("message_id", ""));
  } else if (e.type == events::IdleAcknowledged::kType) {
    double for_s = d.value("for_s", 0.0);
    acknowledge_idle(idle_, now, for_s > 0 ? std::optional<double>(for_s) : std::nullopt);
  } else if (e.type == events::AgentRequestCompleted::kType) {
    const std::string verb = d.value("verb", "");
    if (d.value("ok", false) && (verb == "stop" || verb == "remove"))
      if (auto it = nodes_.find(agent); it != nodes_.end()) it->second.present = false;
  } else if (e.type == events::AgentCancelled::kType) {
    if (auto it = nodes_.find(agent); it != nodes_.end()) it->second.last_progress = now;
  }
}

std::vector<HealthProbe> HealthBook::probes() const {
  std::vector<HealthProbe> out;
  for (const auto& [id, n] : nodes_) {
    if (!n.present) continue;
    HealthProbe p;
    p.agent_id = id;
    p.pane_id = n.pane_id;
    sessions::SessionFormat format;
    if (!n.session_path.empty() && sessions::session_format_of(n.member.format, format)) {
      p.session_path = n.session_path;
      p.format = format;
    }
    p.process = n.process;
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<events::Draft> HealthBook::observe(const std::vector<HealthReading>& readings,
                                               double now) {
  std::vector<events::Draft> out;
  for (const auto& r : readings) {
    auto it = nodes_.find(r.agent_id);
    if (it == nodes_.end() || !it->second.present) continue;
    auto& n = it->second;
    if (r.output_version != n.output_version) {
      n.output_version = r.output_version;
      n.last_progress = now;
    }
    if (r.file_read) {
      if (r.file_changed) n.last_progress = now;
      n.file_verdict = r.verdict;
      take_faults(n, r.faults, out);
    }
  }
  auto changes = update_states(now);
  out.insert(out.end(), changes.begin(), changes.end());
  for (auto& [_, n] : nodes_) {
    if (!n.present) continue;
    check_stuck(n, now, out);
    check_deadlock(n, now, out);
  }
  check_idle(now, out);
  return out;
}

std::vector<events::Draft> HealthBook::update_states(double now) {
  std::vector<events::Draft> out;
  for (auto& [id, n] : nodes_) {
    if (!n.present) continue;
    auto v = node_verdict(n);
    if (v.state == n.state && v.reason == n.reason) continue;
    if (v.state != n.state) n.last_progress = now;
    out.push_back(events::to_draft(events::AgentTurnStateChanged{
      id, sessions::turn_state_name(n.state), sessions::turn_state_name(v.state), v.reason,
      v.turn_id, v.source}));
    n.state = v.state;
    n.reason = v.reason;
    if (v.state != TurnState::blocked_on_human) {
      n.blocked_noted = false;
    } else if (!n.blocked_noted) {
      n.blocked_noted = true;
      out.push_back(events::to_draft(events::AgentBlockedOnHuman{id, v.source, v.reason}));
    }
  }
  return out;
}

}  // namespace ta::actors
