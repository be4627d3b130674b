// The health watch's decisions (actors/health_book.h): faults the CLI wrote
// down, stuck agents, suspected deadlocks and the leader's idle reminder.
#include <algorithm>
#include <cmath>

#include "actors/health_book.h"
#include "config/team_spec.h"
#include "events/types.h"
#include "util/hash.h"
#include "util/redact.h"

namespace ta::actors {

namespace {

using sessions::TurnState;

constexpr const char* kSender = "team-agent";
constexpr std::size_t kMaxErrorChars = 500;

bool is_idle(TurnState s) { return s == TurnState::idle || s == TurnState::idle_interrupted; }

// A message from team-agent itself to the leader; its id (also the log's
// idempotency key) is derived from what it is about, so it is typed once.
events::Draft leader_message(const std::string& about, const std::string& text) {
  events::MessageAccepted m;
  m.message_id = "msg_" + hex16(fnv1a(about)).substr(4);
  m.from = kSender;
  m.to = std::string(config::kLeaderId);
  m.content = text;
  return events::to_draft(m, m.message_id);
}

std::string minutes_text(double seconds) {
  long m = std::lround(seconds / 60.0);
  return m < 1 ? std::to_string(std::lround(seconds)) + " s" : std::to_string(m) + " min";
}

std::string stuck_text(const NodeHealth& n, double quiet_s) {
  std::string work = n.state == TurnState::working ? "an open turn" : "";
  if (!n.pending.empty()) {
    if (!work.empty()) work += " and ";
    work += std::to_string(n.pending.size()) + " undelivered message" +
            (n.pending.size() == 1 ? "" : "s");
  }
  return "Agent " + n.member.id + " looks stuck: it has " + work +
         " but has shown no output and no turn progress for about " + minutes_text(quiet_s) +
         ". Look at it with `team-agent inspect " + n.member.id +
         "`; interrupt its turn with `team-agent cancel " + n.member.id + "`.";
}

void unstick(NodeHealth& n, const std::string& why, std::vector<events::Draft>& out) {
  if (!n.stuck) return;
  n.stuck = false;
  out.push_back(events::to_draft(events::AgentUnstuck{n.member.id, why}));
}

}  // namespace

void HealthBook::take_faults(NodeHealth& n, const std::vector<sessions::FaultFact>& faults,
                             std::vector<events::Draft>& out) {
  const auto& allowed = n.member.fault_signatures;
  for (const auto& f : faults) {
    if (f.signature == "approval_required") continue;  // a person's turn, not a fault
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), f.signature) == allowed.end())
      continue;
    const std::string key = f.dedupe_key();
    if (!n.faults_seen.insert(key).second) continue;
    std::string error = redact_secrets(f.error);
    if (error.size() > kMaxErrorChars) error.resize(kMaxErrorChars);
    // Keyed in the log too: a later run reading the same tail adds nothing.
    out.push_back(events::to_draft(
      events::AgentFault{n.member.id, f.signature, f.turn_id, f.api_error_status, error, key},
      "fault:" + n.member.id + ":" + hex16(fnv1a(key))));
  }
}

void HealthBook::check_stuck(NodeHealth& n, double now, std::vector<events::Draft>& out) {
  const bool has_work = n.state == TurnState::working || !n.pending.empty();
  if (!has_work) return unstick(n, "no_work", out);
  // Its tmux server is gone (tmux.server_lost says so): quiet, not stuck.
  if (n.pane_state == "gone") return unstick(n, "pane_gone", out);
  const double quiet = now - n.last_progress;
  if (quiet < timings_.stuck_after_s) return unstick(n, "progress", out);
  if (n.stuck) return;
  n.stuck = true;
  events::AgentStuck s{n.member.id, std::floor(quiet), static_cast<int>(n.pending.size()),
                       sessions::turn_state_name(n.state), ""};
  const bool may_message = !n.member.leader && (!n.stuck_messaged_at ||
                                                now - *n.stuck_messaged_at >= timings_.stuck_renotify_s);
  if (may_message) {
    n.stuck_messaged_at = now;
    auto msg = leader_message(run_id_ + "\nstuck\n" + n.member.id + "\n" +
                                std::to_string(++stuck_messages_),
                              stuck_text(n, quiet));
    s.message_id = msg.data.value("message_id", "");
    out.push_back(events::to_draft(s));
    out.push_back(std::move(msg));
    return;
  }
  out.push_back(events::to_draft(s));
}

void HealthBook::check_deadlock(NodeHealth& n, double now, std::vector<events::Draft>& out) {
  if (!is_idle(n.state) || n.pane_state != "ready" || n.pending.empty()) return;
  auto oldest = std::min_element(n.pending.begin(), n.pending.end(),
                                 [](auto& a, auto& b) { return a.second < b.second; });
  const double waiting = now - oldest->second;
  if (waiting < timings_.stuck_after_s || n.deadlock_noted_for == oldest->first) return;
  n.deadlock_noted_for = oldest->first;
  out.push_back(events::to_draft(events::TeamDeadlockSuspected{
    n.member.id, static_cast<int>(n.pending.size()), oldest->first, std::floor(waiting)}));
}

void HealthBook::check_idle(double now, std::vector<events::Draft>& out) {
  // Workers always count; the leader only once its state is known.
  std::vector<IdleNode> nodes;
  for (const auto& [id, n] : nodes_)
    if (n.present && (!n.member.leader || n.state != TurnState::unknown))
      nodes.push_back({id, n.member.leader, n.state});
  const bool was_idle = idle_.all_idle_since.has_value();
  observe_nodes(idle_, nodes, now);
  auto d = evaluate_idle_reminder(nodes, idle_, now, timings_.idle_debounce_s);
  if (!was_idle && idle_.all_idle_since) {
    events::IdleEpisodeStarted ep{{}, d.interrupted, idle_.armed};
    for (const auto& node : nodes) ep.nodes.push_back(node.id);
    out.push_back(events::to_draft(ep));
    ++episodes_;
  }
  if (d.reason != idle_reason_) {
    idle_reason_ = d.reason;
    events::IdleWatchChanged w{d.reason, idle_.armed, {}};
    for (const auto& node : nodes)
      if (!is_idle(node.state))
        w.blocking.push_back(node.id + ":" + sessions::turn_state_name(node.state));
    out.push_back(events::to_draft(w));
  }
  if (!d.ping) return;
  mark_pinged(idle_);
  // One reminder per idle episode after work: the leader's own turn on it
  // must not start another; the next worker turn arms the watch again.
  idle_.armed = false;
  auto msg = leader_message(run_id_ + "\nidle\n" + std::to_string(episodes_), d.message);
  const double idle_s = now - idle_.all_idle_since.value_or(now);
  out.push_back(events::to_draft(events::IdleReminderSent{
    msg.data.value("message_id", ""), static_cast<int>(nodes.size()),
    static_cast<int>(std::max(1L, std::lround(idle_s / 60.0))), d.interrupted}));
  out.push_back(std::move(msg));
}

}  // namespace ta::actors
