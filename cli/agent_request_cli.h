#pragma once
// What every per-agent verb does once its request is built: asks the
// running supervisor (ops/agent_request.h) and prints its answer as one
// line, or one JSON object with --json. Exit 0 when it was carried out,
// 1 when refused or failed, 3 without a supervisor.
#include <string>

#include "cli/command.h"
#include "events/event.h"

namespace ta::cli {

int ask_supervisor(const Context& ctx, events::Draft request, const std::string& request_id,
                   bool json);

}  // namespace ta::cli
