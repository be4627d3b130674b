#pragma once
// Rebuilding the projections from the event log, and looking at them: the
// state at an earlier point, and the live projections checked against a
// fresh rebuild. `team-agent replay` prints what these return; the timeline
// of one message or agent is store::timeline.
#include <cstdint>
#include <functional>
#include <string>

#include "config/paths.h"
#include "store/log_fold.h"
#include "store/queries.h"
#include "store/replay.h"
#include "util/clock.h"
#include "util/result.h"

namespace ta::ops {

// Where a replay stops: all digits is a seq; anything else a time (RFC 3339,
// or a duration before `now` like "5m"); empty: the end of the log. A text
// that is neither is a usage error (exit 2) that says what to give.
Status parse_until(const std::string& text, UnixMicros now, store::FoldLimits& limits);

// The workspace holds a team (.team/); otherwise a usage error saying how to make one.
Status require_team_dir(const config::Paths& paths);

// Told of the corrupt lines a fold stepped over as soon as it is done, so
// they are known even when a later step fails.
using SkippedSink = std::function<void(const store::FoldReport&)>;

struct PointInTime {
  store::FoldReport built;
  store::StatusData status;  // the state the log gives at that point
  std::string output;        // where the database was kept; empty: not kept
  double seconds = 0;
};

// Rebuilds the projections up to `limits` into a scratch database, or into
// `output` when given (never the live state.db; its directory must exist),
// and reads the team's status from it.
Result<PointInTime> state_at(const config::Paths& paths, const std::string& output,
                             const store::FoldLimits& limits, const SkippedSink& on_skipped);

// The live projections against a replay of the log up to their last seq.
// With no supervisor running they are caught up first (we hold the lock);
// otherwise one snapshot of them is compared while the supervisor writes on.
Result<store::Verification> verify_live(const config::Paths& paths, const store::FoldLimits& limits);

struct Rebuilt {
  store::FoldReport built;
  double seconds = 0;
};

// Rebuilds state.db from the log and puts it in place; refused while a
// supervisor (anyone holding the state lock) runs.
Result<Rebuilt> rebuild_live(const config::Paths& paths, const store::FoldLimits& limits,
                             const SkippedSink& on_skipped);

}  // namespace ta::ops
