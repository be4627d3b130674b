#pragma once
// What `team-agent fake-agent` is told to be: which CLI it imitates, which
// blocking screens it shows, how it works and how it answers. Filled in by
// fake_agent/resolve.cc; every -1 default is resolved per mode there.
#include <string>
#include <vector>

namespace ta::fake {

// The real CLI whose screen shape is imitated.
enum class Mode { codex, claude, plain };
// What the agent does with a rendered team-agent message once its turn ends.
enum class ReplyKind { none, report, send };
// Which API failure --api-error-after shows (the leader watcher's classes).
// auth: the provider refused the key, and its message quotes the key (as OpenAI's 401 does).
enum class ApiErrorKind { overloaded, rate_limit, network, timeout, auth };
// Claude Code draws its prompt in a box (1.x) or between two rules (2.x).
enum class ClaudeStyle { box, rule };
// How the trust prompt looks: the mode's numbered prompt with "Yes" selected
// (classic); Claude Code 2.1.33x's unnumbered options with the selection
// starting on "No, exit"; Codex 0.171's "Folder access" prompt, which in a
// git subdirectory names the repository root it will trust.
enum class TrustStyle { classic, claude_unnumbered, codex_folder_access };

struct Options {
  std::string id;  // empty: $TEAM_AGENT_ID, or "fake"
  Mode mode = Mode::codex;
  ClaudeStyle claude_style = ClaudeStyle::box;
  std::string model = "fake-model";
  std::string cwd;  // shown in banners and footers
  // A line shown under the banner from the start, like Claude's "Remote
  // managed settings failed to load (network error)"; empty: none.
  std::string startup_notice;
  // A startup screen (logo, "Starting…") shown this long before anything
  // else; keys typed meanwhile are lost, as with a real CLI that has not
  // drawn its input yet. 0: none.
  int splash_ms = 0;

  // Blocking screens, shown in this order before the prompt.
  bool trust_prompt = false;
  bool sticky_trust = false;  // Enter never dismisses the trust prompt
  std::string trust_path;     // path the trust prompt names (default: cwd)
  TrustStyle trust_style = TrustStyle::classic;
  std::vector<std::string> trust_options;  // labels, top to bottom (default: the style's)
  int trust_selected = -1;                 // option selected at first, 0-based (-1: the style's)
  std::string trust_repo_root;             // codex_folder_access: the root its note names
  bool trust_arrows_ignored = false;       // Up/Down do not move the trust selection
  // Draws the trust prompt again this long after first showing it, the
  // selection back on the declining option, as Claude Code 2.1.332 does
  // ~150 ms after drawing its dialog: what the keys did to the first
  // drawing is lost, and an Enter before the redraw answers nothing. 0: never.
  int trust_redraw_ms = 0;
  bool login = false;         // never goes away
  bool api_key_screen = false;  // "use the key in your environment?"; never goes away
  bool menu = false;
  bool confirm = false;

  int work_ms = 300;
  // While working, tool output of this many bytes per second is printed
  // (a line every 100 ms), as a CLI streaming a build log does. 0: none.
  int output_rate = 0;
  int api_error_after = 0;  // 0: never
  ApiErrorKind api_error_kind = ApiErrorKind::overloaded;
  // The key the CLI found in its environment (ANTHROPIC_API_KEY in claude
  // mode, OPENAI_API_KEY otherwise): shown by the key screen and the auth error.
  std::string api_key;
  int die_after = 0;  // 0: never
  std::string die_on;
  int exit_code = 3;  // used when dying on purpose

  // Turn states, each set off by a submitted message containing the text
  // (empty: never). Claude and codex modes write each to their session file
  // the way the real CLI does (fake_agent/session_layout.h); plain mode only
  // shows it.
  //
  // hang_on: the turn starts (its records written; the model's tool call
  // stays open) and then the agent freezes. Rule: once a frame showing the
  // hung turn has been drawn, NOTHING is redrawn - no seconds counter, no
  // spinner, no typed key, no resize - and the turn never ends by itself,
  // until Esc or Ctrl-C interrupts it. Keys typed meanwhile still reach the
  // composer (Enter queues a message) and show at that next redraw.
  std::string hang_on;
  // fault_on: the turn ends in the API error of api_error_kind, shown and
  // recorded as --api-error-after's are.
  std::string fault_on;
  // approval_on: the turn stops on the mode's tool approval prompt (the
  // model wants to run a command). An allowing option (all but the last:
  // claude 1-3, codex 1-2 or y/p; by its digit or Enter on it) runs it and
  // the turn goes on to end normally; the declining last one (its digit,
  // Esc or Ctrl-C) ends the turn as interrupted.
  std::string approval_on;
  // approval_tool: the prompt asks instead whether to run a tool of this MCP
  // server (the one the turn's reply calls), as the mode's CLI draws it:
  // Claude once or saved rule, Codex once, for this session or always.
  std::string approval_tool;

  ReplyKind reply = ReplyKind::report;
  // The MCP configuration (Claude's --mcp-config shape) whose team_agent
  // server the replies call; empty: they run `team-agent` commands instead.
  std::string mcp_config;
  std::string transcript_path;  // empty: no transcript

  // A paste longer than this many characters (or with more lines than
  // placeholder_min_lines, when that is > 0) shows as a placeholder.
  int placeholder_min_chars = -1;
  int placeholder_min_lines = -1;
  // Codex treats Enter as a newline this long after a fast input burst.
  int paste_enter_guard_ms = -1;

  // At start, leave a daemon behind as Codex does (fake_agent/daemon.h),
  // serving a Unix socket at `detached_listen` when that is set.
  bool spawn_detached = false;
  std::string detached_listen;

  // The session kept in the mode's CLI layout (claude and codex modes,
  // fake_agent/session.h): its id (empty: a new random one), whether it is
  // resumed (`--resume ID` / `resume ID`), and the directory the CLI keeps
  // sessions under (Claude's config dir, Codex's home; empty: none kept).
  std::string session_id;
  bool resume = false;
  std::string session_root;
};

const char* mode_name(Mode m);

// Whether answering a trust prompt with `label` declines it (the fake then
// exits, as the real CLIs do on "No, exit").
bool trust_option_declines(const std::string& label);

}  // namespace ta::fake
