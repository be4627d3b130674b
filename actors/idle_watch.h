#pragma once
// The leader's idle take-over reminder: when every node of the team has had
// its turn closed for a while after workers did something, the leader is told
// once per idle episode, so a team never sits idle unnoticed while its user
// is away. Pure: the caller feeds node states and the time (steady seconds)
// and acts on the decision; nothing here sends or sleeps.
//
// Arming: a worker turn that opens arms the watch (a team that never worked
// is not "idle after work"). An episode starts when the last node goes idle
// and ends when any node leaves idle. `acknowledge-idle` suppresses until the
// next worker turn, or for a given time.
#include <optional>
#include <string>
#include <vector>

#include "sessions/turn_state.h"

namespace ta::actors {

struct IdleNode {
  std::string id;
  bool leader = false;
  sessions::TurnState state = sessions::TurnState::unknown;
};

struct IdleWatch {
  bool armed = false;                       // a worker turn opened since the last ack
  std::optional<double> all_idle_since;     // start of the current idle episode
  std::optional<double> pinged_for_episode; // the episode already reminded about
  bool suppressed_until_next_turn = false;  // acknowledged without a duration
  std::optional<double> suppressed_until;   // acknowledged --for
};

struct IdleDecision {
  bool ping = false;
  // node_working, node_unknown, node_blocked_on_human, node_abnormal,
  // not_armed_no_worker_turn, acknowledged, debounce_active,
  // already_pinged_this_episode, all_idle_debounce_elapsed
  std::string reason;
  std::string message;                   // what the leader is told, when ping
  std::vector<std::string> interrupted;  // nodes whose last turn was interrupted
};

// Moves the watch on with what the nodes show now: arms on a working worker,
// starts or ends the idle episode.
void observe_nodes(IdleWatch& watch, const std::vector<IdleNode>& nodes, double now);

// Whether to remind the leader now, and why (not).
IdleDecision evaluate_idle_reminder(const std::vector<IdleNode>& nodes, const IdleWatch& watch,
                                    double now, double debounce_s);

// The reminder was sent for the current episode.
void mark_pinged(IdleWatch& watch);
// `team-agent acknowledge-idle [--for D]`: no reminder until the next worker
// turn, or for `for_s` seconds when given.
void acknowledge_idle(IdleWatch& watch, double now, std::optional<double> for_s);

}  // namespace ta::actors
