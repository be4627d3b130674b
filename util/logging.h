#pragma once
// Where log lines go: stderr always (stdout carries only a command's output
// and the event stream), and a running supervisor's file under
// .team/logs/. Every line passes the redactor (util/log_redaction.h).
// The level comes from --log-level, else $TEAM_AGENT_LOG, else "info".
#include <optional>
#include <string>

#include "util/result.h"

namespace ta {

// The level names --log-level and $TEAM_AGENT_LOG accept, for help texts.
const char* log_level_names();

// Logs to stderr at `level_flag` (empty: $TEAM_AGENT_LOG, else info). An
// unknown level name is an error (exit 2) naming the accepted ones;
// nothing is changed then.
Status start_logging(const std::string& level_flag);

// Adds `path` (its folder made private if missing), rotated at 5 MiB with 3
// old files kept, to where log lines go, at the current level.
Status log_to_file(const std::string& path);

}  // namespace ta
