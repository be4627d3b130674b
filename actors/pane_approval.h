#pragma once
// Answering a CLI's prompt to approve a call of the team's own MCP tools.
// The CLIs are started with those tools allowed (Claude --allowedTools,
// Codex's approval mode for the server), yet a CLI may still ask (Claude's
// auto mode when its own check has no answer). An agent blocked on asking
// to send a message to its own team helps nobody, so the pane's actor
// answers: only for the team's own server, only with an option that allows
// for this session (else this one call, never a rule saved beyond the
// session), and only after the screen shows that option selected, as for a
// trust prompt. Anything else is left for the person, recorded once
// (mcp.approval_left), and the agent shows as blocked on a human.
// Blocking: runs on the pane's I/O thread and records its own events.
#include <caf/actor_system.hpp>

#include "actors/interfaces.h"
#include "actors/pane_io.h"

namespace ta::actors {

// Acts on the approval prompt `screen` shows, if any. True when keys were
// pressed (the screen changed: read it again).
bool handle_tool_approval(caf::actor_system& sys, const store_writer_actor& writer,
                          const PaneTarget& pane, const PaneScreen& screen);

}  // namespace ta::actors
