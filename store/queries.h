#pragma once
// Read-only queries over the projections for `status` (and replay --until).
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/health_report.h"
#include "store/human_requests.h"
#include "store/team_incidents.h"
#include "util/result.h"

namespace ta::store {

struct StateCount {
  std::string state;
  std::int64_t count = 0;
};

struct MessageRow {
  std::string message_id, from, to, task_id, state, reason, stage, detected;
  std::int64_t attempts = 0;
  std::uint64_t accepted_seq = 0;
  std::string accepted_at, updated_at;
};

// An agent's session as `status` sees it now. The store only carries it: ops
// fills it in, because checking the CLI's session file and judging what a
// restart would do belong to sessions/, which the store does not know.
struct AgentSessionStatus {
  std::string session_id, short_id;  // empty: no session recorded (yet)
  std::string state;                 // launched | captured | missing | discarded | ""
  std::string path;                  // the session file, once captured
  bool verified = false;             // the file holds the context for the workspace now
  // What a restart (without --allow-fresh) would decide: resume | fresh |
  // refuse, why (sessions::plan_resume's reasons), and which session it would
  // resume (an earlier one when the current no longer verifies).
  std::string resume, resume_reason, resume_session_id;
};

struct AgentRow {
  std::string agent_id;
  std::string pane_id, provider, pane_state, pane_state_at;
  std::string first_send_at;    // the first message typed into its pane
  std::string first_send_from;  // who sent it ("human" for a person), if known
  std::string last_outcome, last_outcome_message_id, last_outcome_at, last_failure_reason;
  std::string exit_cause, exit_advice;  // why its program exited while starting, if known
  std::int64_t queued = 0;     // accepted or deferred, waiting for delivery
  std::int64_t delivered = 0;  // submitted or acknowledged
  std::int64_t failed = 0;
  // Nothing where sessions are not checked (a replayed point in the past).
  std::optional<AgentSessionStatus> session;
  std::string lifecycle;  // running | stopped | removed (per-agent verbs); empty: running
};

// Members stopped on purpose (`team-agent stop`): a run leaves them stopped.
Result<std::set<std::string>> stopped_agents(Database& db);

struct SupervisorRow {
  std::string run_id, state, version, started_at, stopped_at, reason;
  std::int64_t pid = 0;
  std::optional<std::int64_t> exit_code;
};

struct ApiErrorRow {
  std::uint64_t seq = 0;
  std::string ts, error_class, provider, snippet;
};

struct ResultRow {
  std::string result_id, task_id, agent_id, status, summary, reported_at;
  std::uint64_t reported_seq = 0;
};

struct StatusQuery {
  std::string agent;        // only this agent's rows and messages; empty: everyone
  int open_limit = 50;      // open (accepted/deferred) messages listed
  int failure_limit = 20;   // most recent failures listed
};

struct StatusData {
  std::uint64_t last_seq = 0;
  std::string last_ts;
  std::vector<StateCount> counts;      // every message state, zeros included
  std::int64_t open_total = 0;         // all open messages, beyond open_limit too
  std::vector<MessageRow> open;        // oldest first
  std::int64_t failed_total = 0;
  std::vector<MessageRow> failures;    // newest first
  std::vector<AgentRow> agents;        // by agent id
  std::optional<SupervisorRow> last_supervisor;
  // What happened to the last run's team: its tmux server lost, found gone.
  std::optional<TeamIncident> last_run_incident;
  std::optional<ApiErrorRow> last_api_error;
  std::int64_t pending_timers = 0;
  std::int64_t results_total = 0;      // distinct result ids reported
  std::optional<ResultRow> last_result;
  TeamHealth health;  // filled by load_team_health, where status shows it
  std::vector<HumanRequestRow> open_questions;  // request_human, not answered yet
};

Result<StatusData> query_status(Database& db, const StatusQuery& q = {});

// Ids of `agent`'s messages that a result for `task` answers and that are
// still open (accepted, deferred or submitted), oldest first. A message sent
// without a task is answered by a report naming its message id as the task.
Result<std::vector<std::string>> open_messages_of_task(Database& db, const std::string& agent,
                                                       const std::string& task);

}  // namespace ta::store
