#pragma once
// What the health watch knows of each node of the team and what it decides,
// pure: the actor feeds it the event bus and, on each tick, what its I/O
// thread read (the tail of each agent's session file, the pane's output
// version, whether the pane's process still runs) and appends the drafts it
// returns. Nothing here reads a file, sends or sleeps.
//
// A node's turn state comes from, in order: its pane (an exited program is
// abnormal; a screen that takes no input waits on a person), its CLI's
// session file (sessions/turn_state.h), else its screen (a ready composer is
// idle, a busy one works). From those states it decides the leader's idle
// reminder (actors/idle_watch.h), stuck agents (work but no output and no
// turn progress for stuck_after_s: one leader message per agent per
// renotify window), faults the CLI wrote down (once each, as the provider's
// profile lists them), approvals waiting on a person, and suspected
// deadlocks (an idle agent whose messages never reach it).
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "actors/idle_watch.h"
#include "events/event.h"
#include "sessions/fault_facts.h"
#include "sessions/turn_state.h"

namespace ta::actors {

struct HealthTimings {
  double idle_debounce_s = 60;
  double stuck_after_s = 300;
  // At most one leader message per stuck agent within this window.
  double stuck_renotify_s = 600;
};

// What is known of an agent from the start of the run (its provider's data).
struct HealthMember {
  std::string id;
  bool leader = false;
  std::string format;  // claude | codex | "" (keeps no session file we read)
  // Fault signatures reported as agent.fault; empty: every one.
  std::vector<std::string> fault_signatures;
};

// What the I/O thread should look at for one agent.
struct HealthProbe {
  std::string agent_id;
  std::string pane_id;
  std::string session_path;  // empty: none known yet
  sessions::SessionFormat format = sessions::SessionFormat::claude;
  sessions::ProcessIdentity process;
};

// What it saw.
struct HealthReading {
  std::string agent_id;
  bool file_read = false;     // a session file was there and its tail is in `verdict`
  bool file_changed = false;  // it changed since the last look
  sessions::TurnVerdict verdict;
  std::vector<sessions::FaultFact> faults;  // in the tail, when it changed
  std::uint64_t output_version = 0;        // the pane's %output count
};

struct NodeHealth {
  HealthMember member;
  bool present = false;  // has a pane this run (not stopped, not removed)
  std::string pane_id;
  sessions::ProcessIdentity process;
  std::string session_path;
  std::string pane_state = "starting";
  std::string screen;
  // The latest verdict read from the session file, if any.
  std::optional<sessions::TurnVerdict> file_verdict;
  // What was last recorded (agent.turn_state_changed).
  sessions::TurnState state = sessions::TurnState::unknown;
  std::string reason;
  std::map<std::string, double> pending;  // undelivered messages: id -> accepted at
  double last_progress = 0;
  std::uint64_t output_version = 0;
  bool stuck = false;
  std::optional<double> stuck_messaged_at;
  bool blocked_noted = false;
  std::string deadlock_noted_for;  // the oldest pending message a deadlock was noted for
  std::set<std::string> faults_seen;
};

class HealthBook {
 public:
  HealthBook(HealthTimings timings, std::string run_id, std::vector<HealthMember> members);

  // One event of the bus; `now` in steady seconds.
  void on_event(const events::Event& e, double now);
  // A message accepted before this run, still owed to its recipient.
  void owe(const std::string& agent, const std::string& message_id, double now);

  // The agents whose files and processes the I/O thread reads this tick.
  std::vector<HealthProbe> probes() const;
  // Folds in what it read and decides; returns what to append.
  std::vector<events::Draft> observe(const std::vector<HealthReading>& readings, double now);

  const NodeHealth* node(const std::string& id) const;
  const IdleWatch& idle_watch() const { return idle_; }

 private:
  std::vector<events::Draft> update_states(double now);
  void check_stuck(NodeHealth& n, double now, std::vector<events::Draft>& out);
  void check_deadlock(NodeHealth& n, double now, std::vector<events::Draft>& out);
  void check_idle(double now, std::vector<events::Draft>& out);
  void take_faults(NodeHealth& n, const std::vector<sessions::FaultFact>& faults,
                   std::vector<events::Draft>& out);
  void arm_for_worker_turn(const std::string& agent);
  void settle(const std::string& message_id);

  HealthTimings timings_;
  std::string run_id_;
  std::map<std::string, NodeHealth> nodes_;
  IdleWatch idle_;
  std::string idle_reason_;  // of the last idle.watch_changed
  int episodes_ = 0;         // idle episodes started this run
  int stuck_messages_ = 0;
};

// The verdict of a node from its pane and its file (the order above).
sessions::TurnVerdict node_verdict(const NodeHealth& n);

}  // namespace ta::actors
