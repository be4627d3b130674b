#include "events/catalogue_doc.h"

namespace ta::events {

const std::vector<EventDoc>& team_event_docs() {
  static const std::vector<EventDoc> docs = {
      {"pane_host.connected", "team",
       "A pane host (`team-agent pane-host NAME`) connected to the run over loopback or the "
       "network and started (or adopted) the panes of the agents the spec places on it "
       "(`\"host\": NAME`), on its own tmux server; their messages are delivered through it "
       "from now on, and what they were owed is handed over.",
       {{"host", "the pane host's name"},
        {"agents", "the agents whose panes it runs"},
        {"run_id", "the supervisor run it joined"}}},
      {"pane_host.lost", "team",
       "The run lost a pane host: its connection dropped, it stopped, or it crashed. Its "
       "agents get nothing delivered until it connects again; their messages wait (a delivery "
       "it had begun fails as `interrupted`, never pasted twice).",
       {{"host", "the pane host's name"},
        {"agents", "the agents whose panes went with it"},
        {"why", "how the connection ended, in words"},
        {"run_id", "the supervisor run that lost it"}}},
      {"display.rebuilt", "team",
       "The run's display moved the team's panes to where its layout puts them: the leader in "
       "a window of its own (or first in the first overview window), the workers in overview "
       "windows `team`, `team-2`, … of up to `display.per_window` tiled panes, or one window "
       "per agent under `run --no-display`. Panes are moved (`join-pane`, `break-pane`), never "
       "restarted. Appended at the start of a run, when agents are added, removed, stopped or "
       "started, and when the terminal's new size changes how many panes fit a window.",
       {{"windows", "windows of the layout"},
        {"moved", "panes moved to another window"},
        {"reason", "`start`, `members` or `resize`"},
        {"mode", "`overview` or `per_agent` (`run --no-display`)"},
        {"per_window", "panes an overview window holds, after a small terminal's cap"},
        {"error", "the tmux error that stopped the rebuild part way; empty when it was done"}}},
      {"tmux.server_lost", "team",
       "The supervisor's control connection to the team's private tmux server ended and the "
       "server (or the team's session on it) no longer answers: every pane is `gone`. Messages "
       "waiting for delivery stay queued (they are not failed), and `send` fails at once with "
       "`tmux_unavailable`. Under `runtime.restart` \"on-failure\" the supervisor then restarts "
       "the team; otherwise `team-agent restart` brings it back. Once per run.",
       {{"socket", "the server's socket name (`tmux -L NAME`)"},
        {"session", "the team's tmux session"},
        {"why", "how the control connection ended, in words"},
        {"run_id", "the supervisor run that lost it"}}},
      {"team.restarted", "team",
       "The supervisor started the team again by itself, as a new run in the same process, "
       "after its tmux server was lost (`runtime.restart` \"on-failure\"); every agent that "
       "worked resumes its session, and queued messages are delivered by the new run.",
       {{"reason", "`tmux_server_lost`"},
        {"run_id", "the new run"},
        {"previous_run_id", "the run that lost the team"},
        {"restarts", "automatic restarts within the last 10 minutes, this one included"}}},
      {"team.restart_gave_up", "team",
       "The team's tmux server was lost again after 3 automatic restarts within 10 minutes: "
       "the supervisor stops instead of restarting once more, and the team waits for "
       "`team-agent restart`.",
       {{"reason", "`tmux_server_lost`"},
        {"run_id", "the run that lost the team last"},
        {"restarts", "automatic restarts already made within the window"},
        {"window_s", "the window, in seconds"}}},
      {"team.gone", "team",
       "A command found the whole team gone: the last run never recorded `supervisor.stopped`, "
       "no supervisor holds the workspace's lock, and the team's tmux server does not answer. "
       "Appended once per run by the first command that looks (the log's idempotency key "
       "`team_gone:<run_id>`); `team-agent run` or `restart` brings the team back resumed.",
       {{"run_id", "the run that ended without a shutdown"},
        {"detected_by", "the command that found it (`status`, `send`, `run`, `events`, …)"}}},
  };
  return docs;
}

}  // namespace ta::events
