#pragma once
// The team's display in tmux: which agent each pane is (pane user options
// set when the pane starts, so that a pane keeps its identity wherever the
// layout moves it), applying a DisplayPlan, and the live borders: each
// pane's `agent · provider · state` and each window's counts, kept in user
// options that the border and status formats read. Every call is one or a
// few tmux commands, made over the control connection by the supervisor.
#include <map>
#include <string>
#include <vector>

#include "terminal/display_border.h"
#include "terminal/display_layout.h"
#include "terminal/display_plan.h"
#include "terminal/tmux_runner.h"
#include "util/result.h"

namespace ta::terminal {

// Pane options: the agent's id and provider. Window option: the layout
// window it holds.
inline constexpr const char* kAgentOption = "@ta_agent";
inline constexpr const char* kProviderOption = "@ta_provider";
inline constexpr const char* kWindowOption = "@ta_window";

// Marks `pane_id` as the pane of `agent`, running `provider`.
Status tag_agent_pane(TmuxRunner& tmux, const std::string& pane_id, const std::string& agent,
                      const std::string& provider);

// Every pane of `session` with its window and tags.
Result<std::vector<PlacedPane>> list_placed_panes(TmuxRunner& tmux, const std::string& session);

// Agent id -> its pane, for every pane of `session` tagged with an agent. A
// pane an older team-agent started untagged is known by its window's name
// (one window per agent, named after it) when no tagged pane claims it.
Result<std::map<std::string, std::string>> agent_panes(TmuxRunner& tmux,
                                                       const std::string& session);

// The size of `session`'s windows (all of a session's windows share the
// size of the terminal last attached to it).
Result<TerminalSize> session_window_size(TmuxRunner& tmux, const std::string& session);

// Carries out `plan` step by step; the first step tmux refuses ends it
// with that error.
Status apply_display_plan(TmuxRunner& tmux, const std::string& session,
                          const DisplayPlan& plan);

// select-layout tiled on the window of each pane given; with
// `unless_zoomed`, a window a person zoomed in on stays as it is (tiling it
// would end the zoom).
Status retile(TmuxRunner& tmux, const std::vector<std::string>& window_panes,
              bool unless_zoomed = false);

// The server-wide formats: borders on top showing each pane's label
// (overview mode), off (per-agent mode, as before); window names followed by
// their counts.
Status set_display_formats(TmuxRunner& tmux, DisplayMode mode);

// One pane's border label, and its window's counts.
Status set_pane_label(TmuxRunner& tmux, const std::string& pane_id, const BorderLabel& label);
Status set_window_counts(TmuxRunner& tmux, const std::string& pane_id, const std::string& counts);

}  // namespace ta::terminal
