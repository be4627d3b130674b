#pragma once
// The team's status: agents (pane state, queue depth, first send, last
// outcome, and their session: whether its file holds the context now and
// what a restart would do), message states, failures, the last API error
// and the supervisor's liveness, from the projections (caught up first when
// no supervisor is projecting), with the members of the team spec that have
// no events yet. One read model for every front end, as text or as JSON.
#include <optional>
#include <string>

#include "config/paths.h"
#include "events/event.h"
#include "ops/errors.h"
#include "store/queries.h"
#include "store/status_report.h"
#include "util/result.h"

namespace ta::ops {

struct StatusRequest {
  std::string agent;  // only this agent's pane and messages; empty: everyone
};

struct TeamStatus {
  std::string workspace;
  std::string agent;  // the request's
  store::StatusData data;
  store::StatusPresentation presentation;
  bool caught_up = false;              // the projections had folded the whole log
  std::optional<std::string> warning;  // why they could not be caught up
};

// The supervisor as its lock and record show it now: liveness from the lock;
// pid, start and run id from the record it guards.
store::LiveSupervisor live_supervisor(const config::Paths& paths);

// Reads the status of the workspace `paths`. A broken team spec, and an
// agent the team does not have, are errors (exit 2); a missing spec only
// means no members without events are added.
Result<TeamStatus> team_status(const config::Paths& paths, const StatusRequest& r,
                               const Warn& warn);

// One JSON object: the read model plus workspace, agent, caught_up, warning.
events::Json team_status_json(const TeamStatus& s);
// The text summary for people, under a "workspace:" line; within 100 columns.
std::string team_status_text(const TeamStatus& s);
// `status --summary`: one line per agent (name, provider, state, queue
// depth, last activity), as text or as {workspace, agents: [...]}.
std::string team_summary_text(const TeamStatus& s);
events::Json team_summary_json(const TeamStatus& s);

}  // namespace ta::ops
