#pragma once
// Payloads of the events about the team as a whole: how its panes are
// shown, and the team being gone: its private tmux server lost under a
// running supervisor, the supervisor restarting the team because of it, and
// a team found gone (supervisor, panes and server all absent without a
// shutdown). Part of events/types.h, which includes
// this file.
#include <string>
#include <vector>

#include "events/event_type.h"

namespace ta::events {

// team ---------------------------------------------------------------------
// The supervisor's control connection to the team's tmux server dropped and
// the server (or the team's session on it) no longer answers: every pane is
// gone. Messages stay queued; `send` fails fast with tmux_unavailable.
struct TmuxServerLost {
  TA_EVENT(TmuxServerLost, "tmux.server_lost", 1)
  std::string socket;   // tmux -L name
  std::string session;  // the team's session
  std::string why;      // how the control connection ended, in words
  std::string run_id;   // the supervisor run that lost it
};
// Under runtime.restart "on-failure" the supervisor started the team again
// (its sessions resumed) in the same process, as a new run.
struct TeamRestarted {
  TA_EVENT(TeamRestarted, "team.restarted", 1)
  std::string reason;           // tmux_server_lost
  std::string run_id;           // the new run
  std::string previous_run_id;  // the run that lost the team
  int restarts = 0;             // automatic restarts within the window, this one included
};
// The automatic restarts ran out (too many within the window); the
// supervisor stops and the team waits for `team-agent restart`.
struct TeamRestartGaveUp {
  TA_EVENT(TeamRestartGaveUp, "team.restart_gave_up", 1)
  std::string reason;  // tmux_server_lost
  std::string run_id;  // the run that lost the team last
  int restarts = 0;    // restarts already made within the window
  int window_s = 0;
};
// A command found the team's last run ended without a shutdown: no
// supervisor holds the lock, the run never recorded supervisor.stopped, and
// its tmux server does not answer. Once per run (idempotency key
// "team_gone:<run_id>").
struct TeamGone {
  TA_EVENT(TeamGone, "team.gone", 1)
  std::string run_id;       // the run that ended without a shutdown
  std::string detected_by;  // the command that found it: status, send, run, events, …
};

// The run's display put the team's panes where its layout says (windows of
// tiled panes, or one window per agent): at the start, when agents came or
// went, when the terminal's size changed how many panes fit a window.
struct DisplayRebuilt {
  TA_EVENT(DisplayRebuilt, "display.rebuilt", 1)
  int windows = 0;         // windows of the layout
  int moved = 0;           // panes moved to another window
  std::string reason;      // start | members | resize
  std::string mode;        // overview | per_agent
  int per_window = 0;      // panes a window holds (after the size cap)
  std::string error = {};  // the tmux error that stopped it; empty: done
};

// A pane host (`team-agent pane-host NAME`, docs/scale-out.md) connected to
// the run over the network and runs these agents' panes on its own tmux server.
struct PaneHostConnected {
  TA_EVENT(PaneHostConnected, "pane_host.connected", 1)
  std::string host;                 // its name in the spec ("host" of its agents)
  std::vector<std::string> agents;  // the agents whose panes it runs
  std::string run_id;               // the supervisor run it joined
};
// The run lost a pane host: its connection dropped or it stopped. Its agents
// get nothing delivered until it connects again; their messages wait.
struct PaneHostLost {
  TA_EVENT(PaneHostLost, "pane_host.lost", 1)
  std::string host;
  std::vector<std::string> agents;  // the agents whose panes went with it
  std::string why;                  // how it ended, in words
  std::string run_id;
};

TA_EVENT_JSON(PaneHostConnected, host, agents, run_id)
TA_EVENT_JSON(PaneHostLost, host, agents, why, run_id)
TA_EVENT_JSON(DisplayRebuilt, windows, moved, reason, mode, per_window, error)
TA_EVENT_JSON(TmuxServerLost, socket, session, why, run_id)
TA_EVENT_JSON(TeamRestarted, reason, run_id, previous_run_id, restarts)
TA_EVENT_JSON(TeamRestartGaveUp, reason, run_id, restarts, window_s)
TA_EVENT_JSON(TeamGone, run_id, detected_by)

}  // namespace ta::events
