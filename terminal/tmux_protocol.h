#pragma once
// The tmux control-mode protocol as pure functions: reading the lines tmux
// writes (reply blocks and notifications) and writing command lines tmux
// parses back exactly. No I/O here, so every rule is unit-tested.
//
// What tmux 3.3 writes on a control client's stdout, one '\n'-terminated line
// at a time:
//   %begin TIME NUMBER FLAGS      a reply block opens; FLAGS is 1 when the
//   ...output lines...            command came from our control input, 0 for
//   %end TIME NUMBER FLAGS        the client's own start-up command (attach)
//   %error TIME NUMBER FLAGS      (same triple as %begin; %error = it failed)
//   %output %PANE VALUE           pane output, octal-escaped (\ooo)
//   %extended-output %PANE AGE ... : VALUE   the same with pause-after set
//   %pause %PANE / %continue %PANE           pause-after flow control
//   %exit [REASON]                the client is about to exit
//   %session-changed $ID NAME, %window-add @ID, ... other notifications
// Replies come back in the order commands were written, one block per
// command. Notifications do not occur inside a reply block, with one
// exception: the %pause/%continue that a `refresh-client -A` command itself
// causes is written inside that command's block.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace ta::terminal {

// The TIME NUMBER FLAGS triple of %begin/%end/%error.
struct BlockGuard {
  long long time = 0;
  long long number = 0;
  int flags = 0;
  bool operator==(const BlockGuard& o) const {
    return time == o.time && number == o.number && flags == o.flags;
  }
};

// A complete reply block.
struct ControlReply {
  BlockGuard guard;
  bool ok = true;  // %end; false for %error (the lines then hold the message)
  std::vector<std::string> lines;
  // True for blocks answering our own commands (FLAGS 1); false for the
  // block of the client's start-up command, which answers nobody's call.
  bool from_control_input() const { return guard.flags == 1; }
};

enum class NotificationKind {
  output,          // %output and %extended-output: `pane` and `value`
  pause,           // %pause: `pane`
  resume,          // %continue: `pane`
  exit,            // %exit: `value` is the reason, possibly empty
  session_changed, // %session-changed: `args` is "$ID NAME"
  other,           // any other %notification: `name` and `args`
  stray,           // a line outside a block that is not a notification
};

struct ControlNotification {
  NotificationKind kind = NotificationKind::other;
  std::string name;   // without the leading '%', e.g. "window-add"
  std::string pane;   // "%3" for pane notifications
  std::string args;   // everything after the name, raw
  std::string value;  // output data still escaped (see decode_output_value)
};

// Parses %begin/%end/%error; nothing when the line is not a guard line.
std::optional<std::pair<std::string, BlockGuard>> parse_guard_line(std::string_view line);

// Parses a line seen outside a reply block (not a %begin line).
ControlNotification parse_notification(std::string_view line);

// Turns %output's VALUE back into the bytes the pane wrote: tmux escapes
// bytes below 0x20 and the backslash as \ooo and passes every other byte
// (UTF-8 included) through unchanged.
std::string decode_output_value(std::string_view value);

// Feeds control-mode lines one at a time and reports what each completes.
// Reply lines are not escaped by tmux, so a captured pane line that equals
// the exact closing guard ("%end TIME NUMBER 1" of that very command) would
// end the reply early; a program would have to guess the second and tmux's
// global command number, and the worst outcome is a truncated capture.
class ControlParser {
 public:
  struct Event {
    std::optional<ControlReply> reply;
    std::optional<ControlNotification> notification;
  };
  // `line` without its '\n'. Returns an empty event for lines inside a block.
  Event feed(std::string_view line);
  bool inside_block() const { return open_.has_value(); }

 private:
  std::optional<ControlReply> open_;
};

// --- Writing commands -------------------------------------------------------

// One argument as a tmux double-quoted string that tmux's parser turns back
// into exactly `word`: '"', '\\', '$' and '~' are escaped (no variable or home
// expansion); control bytes, DEL and bytes that are not valid UTF-8 become
// \ooo (tmux's parser splits words at invalid UTF-8); valid UTF-8 and the
// rest pass as is. NUL cannot be represented (tmux arguments are C strings).
std::string quote_word(std::string_view word);

// Words joined into one command line; a word made only of characters that
// are never special to tmux stays bare, every other word is quoted.
Result<std::string> command_line(const std::vector<std::string>& words);

// tmux runs a pane command given as one word through `sh -c` and executes
// two or more words directly. Programs are always executed directly here
// (a one-word argv goes through `env`), so no text ever reaches a shell.
std::vector<std::string> exec_words(const std::vector<std::string>& argv);

// Control mode answers each command with exactly one reply block, and replies
// are matched to callers by order, so a line must hold exactly one command:
// no newline, not empty, not a comment, not an assignment or %if, and no
// unquoted ';' (a command sequence gets one block per command).
Status check_single_command(std::string_view line);

}  // namespace ta::terminal
