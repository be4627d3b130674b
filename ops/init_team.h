#pragma once
// Setting up a team in a workspace (`team-agent init`): .team/team.json
// written from a built-in template that passes the same validation `run`
// applies, in a .team/ private to the user.
#include <string>

#include "config/paths.h"
#include "config/team_spec.h"
#include "ops/team_shape.h"
#include "util/result.h"

namespace ta::ops {

enum class TeamTemplate {
  starter,  // a real team to edit: a Claude leader, a Codex and a Claude worker
  demo,     // fake agents only: runs without an account for any AI service
  shaped,   // the leader and workers the command line asked for (InitRequest::shape)
};

// The template's team.json text (2-space JSON, ending in a newline).
std::string team_template_text(TeamTemplate kind);

struct InitRequest {
  TeamTemplate kind = TeamTemplate::starter;
  bool replace = false;  // replace an existing team.json (otherwise refused, exit 2)
  TeamShape shape;       // for TeamTemplate::shaped
};

struct InitOutcome {
  std::string team_json;  // the file written
  config::TeamSpec spec;  // what it holds
};

Result<InitOutcome> init_team(const config::Paths& paths, const InitRequest& request);

// `team "demo": leader (fake), backend (fake), …`
std::string describe_team(const config::TeamSpec& spec);

}  // namespace ta::ops
