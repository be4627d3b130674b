#include "actors/idle_watch.h"

#include <cmath>

namespace ta::actors {

namespace {

using sessions::TurnState;

bool idle(TurnState s) { return s == TurnState::idle || s == TurnState::idle_interrupted; }

// Why a node keeps the team from being idle, or "" when it is idle.
std::string busy_reason(const IdleNode& n) {
  if (idle(n.state)) return {};
  return std::string("node_") + sessions::turn_state_name(n.state);
}

std::string reminder_text(const std::vector<IdleNode>& nodes, double idle_s,
                          const std::vector<std::string>& interrupted) {
  long minutes = std::max(1L, std::lround(idle_s / 60.0));
  std::string text = "All nodes idle: " + std::to_string(nodes.size()) +
                     " team nodes have had every turn closed for about " +
                     std::to_string(minutes) + " min. If this idle state is intentional, run "
                     "`team-agent acknowledge-idle`.";
  if (!interrupted.empty()) {
    text += " Interrupted:";
    for (std::size_t i = 0; i < interrupted.size(); ++i)
      text += (i ? ", " : " ") + interrupted[i];
    text += ".";
  }
  return text;
}

}  // namespace

void observe_nodes(IdleWatch& watch, const std::vector<IdleNode>& nodes, double now) {
  bool all_idle = !nodes.empty();
  for (const auto& n : nodes) {
    if (!n.leader && n.state == TurnState::working) {
      watch.armed = true;
      watch.suppressed_until_next_turn = false;
    }
    all_idle = all_idle && idle(n.state);
  }
  if (!all_idle) {
    watch.all_idle_since.reset();
    watch.pinged_for_episode.reset();
  } else if (!watch.all_idle_since) {
    watch.all_idle_since = now;
  }
}

IdleDecision evaluate_idle_reminder(const std::vector<IdleNode>& nodes, const IdleWatch& watch,
                                    double now, double debounce_s) {
  IdleDecision d;
  for (const auto& n : nodes) {
    if (auto why = busy_reason(n); !why.empty()) {
      d.reason = why;
      return d;
    }
    if (n.state == TurnState::idle_interrupted) d.interrupted.push_back(n.id);
  }
  double since = watch.all_idle_since.value_or(now);
  if (watch.suppressed_until_next_turn || (watch.suppressed_until && now < *watch.suppressed_until))
    d.reason = "acknowledged";
  else if (!watch.armed)
    d.reason = "not_armed_no_worker_turn";
  else if (now - since < debounce_s)
    d.reason = "debounce_active";
  else if (watch.pinged_for_episode && *watch.pinged_for_episode == since)
    d.reason = "already_pinged_this_episode";
  else {
    d.ping = true;
    d.reason = "all_idle_debounce_elapsed";
    d.message = reminder_text(nodes, now - since, d.interrupted);
  }
  return d;
}

void mark_pinged(IdleWatch& watch) { watch.pinged_for_episode = watch.all_idle_since; }

void acknowledge_idle(IdleWatch& watch, double now, std::optional<double> for_s) {
  if (for_s) watch.suppressed_until = now + *for_s;
  else watch.suppressed_until_next_turn = true;
  watch.armed = false;
}

}  // namespace ta::actors
