#pragma once
// The tmux operations the supervisor needs, typed, over any TmuxRunner (the
// control-mode connection normally; one subprocess per call in benchmarks).
// Panes are always addressed by pane id ("%3"), sessions by exact name:
// names can be ambiguous, ids cannot. No text ever passes through a shell:
// programs are executed directly and arguments are quoted for tmux itself.
#include <string>
#include <utility>
#include <vector>

#include "terminal/tmux_runner.h"
#include "util/result.h"

namespace ta::terminal {

// What a new pane runs, and with what.
struct SpawnSpec {
  // Executed directly (never by a shell); empty runs the default shell.
  std::vector<std::string> argv;
  // Used only when argv is empty: a fixed shell line of our own (tests,
  // demos). Never put message text or other outside input here.
  std::string shell_command;
  std::vector<std::pair<std::string, std::string>> env;  // set in the pane only
  std::string cwd;          // empty: the server's default
  std::string window_name;  // empty: tmux names it after the program
};

struct PaneInfo {
  std::string pane_id;  // "%3"
  std::string window_id;
  std::string session;
  int pid = 0;  // of the pane's first process
  std::string current_command;
  bool dead = false;      // the program exited (with remain-on-exit on)
  // Its exit status once known, else -1. tmux learns of the exit (pty
  // closed: `dead`) and of the status (SIGCHLD) separately, and tmux 3.3a
  // misses the status for a few percent of exits: treat -1 as unknown.
  int dead_status = -1;
  bool in_mode = false;   // copy/tree/view mode: keys go to the mode
  std::string mode;       // e.g. "copy-mode", empty when none
  int width = 0;
  int height = 0;
};

struct CaptureOptions {
  // Lines of history above the visible screen to include (0: visible only;
  // -1: all of it).
  int history_lines = 0;
  bool escapes = false;       // keep colour/attribute escape sequences (-e)
  bool join_wrapped = false;  // join wrapped lines, keep trailing spaces (-J)
};

struct PasteOptions {
  // Wrap in ESC[200~ ... ESC[201~ when the application asked for bracketed
  // paste (-p); tmux leaves the text itself as is.
  bool bracketed = true;
  // Delete the buffer as part of the paste (-d), so it never lingers.
  bool delete_after = true;
  // Keep LF as LF (-r); by default tmux sends each LF as CR, like a terminal.
  bool raw_newlines = false;
};

// Creates a detached session; returns the id of its first pane. Output of
// panes outside the control client's own session is not signalled.
Result<std::string> new_session(TmuxRunner& tmux, const std::string& session,
                                const SpawnSpec& spec, int width, int height);
// Adds a window to `session` without switching to it; returns its pane id.
Result<std::string> new_window(TmuxRunner& tmux, const std::string& session,
                               const SpawnSpec& spec);
// Splits `pane_id`'s pane (side by side when `beside`, else stacked).
Result<std::string> split_pane(TmuxRunner& tmux, const std::string& pane_id,
                               const SpawnSpec& spec, bool beside);

// Every pane of `session`, or of the whole server when `session` is empty.
Result<std::vector<PaneInfo>> list_panes(TmuxRunner& tmux, const std::string& session = "");
Result<PaneInfo> pane_info(TmuxRunner& tmux, const std::string& pane_id);

// The pane's text, one '\n'-terminated line per screen row (as
// `tmux capture-pane -p` prints it).
Result<std::string> capture_pane(TmuxRunner& tmux, const std::string& pane_id,
                                 const CaptureOptions& options = {});

Status load_buffer(TmuxRunner& tmux, const std::string& buffer, std::string_view text);
Status paste_buffer(TmuxRunner& tmux, const std::string& buffer, const std::string& pane_id,
                    const PasteOptions& options = {});
Status delete_buffer(TmuxRunner& tmux, const std::string& buffer);

// Key names as tmux knows them ("Enter", "Escape", "C-c", "q").
Status send_keys(TmuxRunner& tmux, const std::string& pane_id,
                 const std::vector<std::string>& keys);
// Types `text` literally (send-keys -l); for short input, not messages.
Status send_text(TmuxRunner& tmux, const std::string& pane_id, const std::string& text);

Status kill_pane(TmuxRunner& tmux, const std::string& pane_id);
// Starts `spec` in an existing pane, killing what runs there (respawn-pane
// -k); the pane keeps its id. spec.window_name renames the pane's window.
Status respawn_pane(TmuxRunner& tmux, const std::string& pane_id, const SpawnSpec& spec);
// Pane id -> name of its window, for every pane of `session`.
Result<std::vector<std::pair<std::string, std::string>>> pane_windows(TmuxRunner& tmux,
                                                                      const std::string& session);
Status kill_session(TmuxRunner& tmux, const std::string& session);

// Checks the "%N" form; ops refuse anything else as a pane target.
Status check_pane_id(const std::string& pane_id);

}  // namespace ta::terminal
