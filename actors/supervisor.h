#pragma once
// The supervisor actor (SPEC §1.3): spawns and monitors the children (one
// pane_actor per member, the scheduler), routes accepted messages to the
// recipient's pane_actor, restarts a crashed child with bounded intensity
// and jittered backoff, and runs the graceful stop. The process around it
// (supervisor/run.cc) owns tmux, the lock and the signal thread.
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "actors/agent_lifecycle.h"
#include "actors/blocking_worker.h"
#include "actors/health_watch.h"
#include "actors/interfaces.h"
#include "actors/pane_actor.h"
#include "actors/scheduler.h"
#include "actors/session_keeper.h"
#include "events/types.h"

namespace ta::actors {

// How the run ended, read by the thread that waits for the supervisor.
struct RunOutcome {
  std::mutex mu;
  int exit_code = 0;
  std::string error;  // one sentence for stderr; empty when the stop was asked for
  // The run stopped because its tmux server was lost, for the team to be
  // started again (runtime.restart "on-failure").
  bool server_lost = false;
};

// What the supervisor is told at start and never changes.
struct SupervisorConfig {
  std::string run_id;
  std::string version;
  // One per member with a pane, the leader first; kept up to date by the
  // per-agent verbs (a pane started again, a worker added).
  std::vector<PaneActorConfig> panes;
  // Every member of the team spec, those without a pane (stopped) included:
  // messages to a member wait for its pane; to anyone else they fail.
  std::vector<std::string> members;
  std::set<std::string> stopped;  // members stopped on purpose: no pane until `start`
  // Members placed on a pane host (agent -> host, docs/scale-out.md): their
  // pane actors run there and attach over the network; none is spawned here.
  std::map<std::string, std::string> hosts;
  // The per-agent verbs' blocking work (tmux, team.json); nullptr: refused.
  std::shared_ptr<AgentLifecycle> lifecycle;
  // Restart intensity: more than max_restarts crashes of one child within
  // restart_window stop the run.
  int max_restarts = 5;
  std::chrono::seconds restart_window{60};
  std::chrono::milliseconds first_backoff{100};
  std::chrono::milliseconds max_backoff{5000};
  // How long a graceful stop waits for in-flight deliveries.
  std::chrono::milliseconds stop_bound{5000};
  // runtime.restart "on-failure": a lost tmux server stops the run so that
  // the process around it starts the team again; otherwise the run stays up
  // with its panes gone until `team-agent restart`.
  bool restart_on_server_loss = false;
  bool test_hooks = false;  // fault_atom is honoured
  // The leader pane's session ("%pane:pid"): a result notification's id is
  // derived from (result_id, session).
  std::string leader_session;
  // Subscribed to the bus before it starts (the live log), if set.
  std::vector<event_subscriber_actor> observers;
  // Where the run's end is reported (shared with the thread that waits).
  std::shared_ptr<RunOutcome> outcome;
  // The health watch's settings (its run id and backlog are filled in here).
  HealthWatchConfig health;
};

// What the log said when the run started (the projection's snapshot): the
// work the supervisor takes over and the starting point of what it tracks.
struct SupervisorSnapshot {
  // Events to append once the bus runs (supervisor.started, pane.started).
  std::vector<events::Draft> start_events;
  std::vector<Delivery> backlog;      // accepted earlier, never attempted
  std::vector<Delivery> interrupted;  // attempted by a run that died mid-delivery
  std::vector<PendingTimer> timers;   // pending in the projection
  // Ids of messages already addressed to the leader.
  std::set<std::string> leader_message_ids;
  // Results reported while no supervisor ran; the leader hears of each.
  std::vector<events::ResultReported> unnotified_results;
  // Message id -> highest trust_retry attempt whose timer fired.
  std::map<std::string, int> trust_fired;
};

struct ChildRecord {
  std::deque<std::chrono::steady_clock::time_point> crashes;  // within the window
  bool restarting = false;
};

// A per-agent request from the log (agent.<verb>_requested), one at a time.
struct AgentRequest {
  std::string id, verb, agent;
  bool allow_fresh = false, force = false;
  std::optional<config::NewWorker> add;
};

// Results of the lifecycle worker's jobs, picked up by the actor when told.
struct LifecycleResults {
  std::mutex mu;
  std::map<std::string, AgentStartOutcome> by_request;
};

struct SupervisorState {
  SupervisorConfig cfg;  // as given at spawn; panes, members and stopped kept up to date
  store_writer_actor writer;
  scheduler_actor scheduler;
  session_keeper_actor keeper;
  health_watch_actor health;
  std::map<std::string, pane_actor> panes;        // agent id -> its actor
  std::map<std::string, std::string> pane_agent;  // pane id -> agent id
  std::map<std::string, ChildRecord> children;    // "pane_actor:<agent>", "scheduler", "session_keeper", "health_watch"
  std::map<caf::actor_addr, std::string> child_by_addr;
  // What each agent is still owed, by accepted seq; ids attempted so far.
  std::map<std::string, std::map<std::uint64_t, Delivery>> owed;
  std::map<std::string, std::pair<std::string, std::uint64_t>> owed_index;  // id -> (agent, seq)
  std::set<std::string> attempted;
  // Kept up to date from the bus, starting from the snapshot: pending
  // timers; ids addressed to the leader (a known notification id means
  // "already notified"); message id -> highest trust_retry attempt whose
  // timer fired (see Delivery::trust_resume_attempt).
  std::vector<PendingTimer> timers;
  std::set<std::string> leader_message_ids;
  std::map<std::string, int> trust_fired;
  // Workers whose first leader message arrived during this run: a pane
  // actor started again no longer stamps worker.first_interaction.
  std::set<std::string> first_interaction_done;
  // The per-agent verbs: requests waiting and the one in progress (its pane
  // actor being stopped on purpose: its end is not a crash), each member's
  // last pane state, and the seq of this run's supervisor.started (requests
  // before it were a dead run's).
  std::deque<AgentRequest> requests;
  bool request_busy = false;
  AgentRequest current;  // the one in progress, while request_busy
  bool checked = false;  // restart: its start was found possible before the pane closed
  std::string closing_child;
  std::set<std::string> members, stopped;
  std::map<std::string, std::string> pane_state;
  std::uint64_t started_seq = 0;
  std::shared_ptr<BlockingWorker> lifecycle_worker;
  std::shared_ptr<LifecycleResults> lifecycle_results;
  bool tmux_lost = false;  // tmux.server_lost recorded: every pane is gone
  // Pane hosts: the agents each one has attached now (host -> agents).
  std::map<std::string, std::set<std::string>> attached;
  bool stopping = false;
  bool finishing = false;
  std::string stop_reason;
  int exit_code = 0;
  static inline const char* name = "supervisor";
};

supervisor_actor::behavior_type supervisor(supervisor_actor::stateful_pointer<SupervisorState> self,
                                           SupervisorConfig cfg, SupervisorSnapshot snapshot,
                                           store_writer_actor writer);

}  // namespace ta::actors
