#pragma once
// Who is on the team, for every operation: always read through the strict
// TeamSpec, so a broken team.json is an error naming each problem's JSON path
// (exit 2) whichever command meets it first.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/paths.h"
#include "config/team_spec.h"
#include "events/log.h"
#include "util/result.h"

namespace ta::ops {

// The spec at `path`, or nothing when no file is there (each operation
// decides what a missing spec means); a file that is not a valid spec is an
// error (exit 2) listing every problem at its JSON path.
Result<std::optional<config::TeamSpec>> load_team_if_present(const std::string& path);

// The workspace's event log, opened to append for `team`, above whatever
// seq the projections have already seen (a log cut behind them stays ahead).
Result<std::unique_ptr<events::EventLog>> open_team_log(const config::Paths& paths,
                                                        const std::string& team);


}  // namespace ta::ops
