#pragma once
// What `team-agent fake-agent` is told to be: which CLI it imitates, which
// blocking screens it shows, how it works and how it answers. Filled in by
// cli/fake_agent.cc; every -1 default is resolved per mode there.
#include <string>

namespace ta::fake {

// The real CLI whose screen shape is imitated.
enum class Mode { codex, claude, plain };
// What the agent does with a rendered team-agent message once its turn ends.
enum class ReplyKind { none, report, send };
// Which API failure --api-error-after shows (the leader watcher's classes).
enum class ApiErrorKind { overloaded, rate_limit, network, timeout };
// Claude Code draws its prompt in a box (1.x) or between two rules (2.x).
enum class ClaudeStyle { box, rule };

struct Options {
  std::string id;  // empty: $TEAM_AGENT_ID, or "fake"
  Mode mode = Mode::codex;
  ClaudeStyle claude_style = ClaudeStyle::box;
  std::string model = "fake-model";
  std::string cwd;  // shown in banners and footers
  // A line shown under the banner from the start, like Claude's "Remote
  // managed settings failed to load (network error)"; empty: none.
  std::string startup_notice;

  // Blocking screens, shown in this order before the prompt.
  bool trust_prompt = false;
  bool sticky_trust = false;  // Enter never dismisses the trust prompt
  std::string trust_path;     // path the trust prompt names (default: cwd)
  bool login = false;         // never goes away
  bool menu = false;
  bool confirm = false;

  int work_ms = 300;
  int api_error_after = 0;  // 0: never
  ApiErrorKind api_error_kind = ApiErrorKind::overloaded;
  int die_after = 0;  // 0: never
  std::string die_on;
  int exit_code = 3;  // used when dying on purpose

  ReplyKind reply = ReplyKind::report;
  std::string transcript_path;  // empty: no transcript

  // A paste longer than this many characters (or with more lines than
  // placeholder_min_lines, when that is > 0) shows as a placeholder.
  int placeholder_min_chars = -1;
  int placeholder_min_lines = -1;
  // Codex treats Enter as a newline this long after a fast input burst.
  int paste_enter_guard_ms = -1;
};

const char* mode_name(Mode m);

}  // namespace ta::fake
