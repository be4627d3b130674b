#pragma once
// Sending a message: checking a request against the team, resolving its
// recipients, checking its text, and recording one message.accepted per
// recipient in one append batch. Delivery is the supervisor's job; waiting
// for its verdict is ops/send_wait.h. Every front end (the CLI's `send`, the
// agents' tools) calls send_message, which runs them in this order:
//   check_send_request → resolve_recipients → check_message_text →
//   (refused while the team's tmux server is lost) → accept_message.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "config/paths.h"
#include "config/team_spec.h"
#include "util/result.h"

namespace ta::ops {

// A message is refused above this size (1 MiB): a bigger paste overwhelms any agent CLI.
inline constexpr size_t kMaxMessageBytes = 1u << 20;

struct SendRequest {
  std::string target;      // an id, `leader`, `*` (everyone but the sender) or a comma list
  std::string from;        // the sender; empty: config::kHumanId
  std::string task;        // the task the message belongs to; empty: none
  std::string message_id;  // client-chosen id (msg_ + 12 hex) for retries; empty: random
  bool now = false;        // deliver even if the recipient is busy
};

// One recipient's message and what became of it.
struct SendOutcome {
  std::string message_id;
  std::string to;
  std::uint64_t seq = 0;
  bool duplicate = false;          // an earlier send with this id was already accepted
  std::string state = "accepted";  // accepted | submitted | failed | timeout
  std::string reason;              // why it failed
};

// Checks the sender, the client id and the task id of `r` against `spec`;
// returns the sender (config::kHumanId when `r.from` is empty). Errors exit 2.
Result<std::string> check_send_request(const config::TeamSpec& spec, const SendRequest& r);

// The recipients `target` names, each once, in the order named; `*` expands
// to every member but `from`. Errors (unknown id, the sender itself, nobody
// left) exit 2.
Result<std::vector<std::string>> resolve_recipients(const config::TeamSpec& spec,
                                                    const std::string& target,
                                                    const std::string& from);

// Refuses (exit 2) a message over kMaxMessageBytes, an empty one, and one
// that is not UTF-8, each with what to do instead.
Status check_message_text(const std::string& text);

// The message text: `words` joined with spaces, or stdin with its trailing
// newlines dropped (an endless stdin is refused, not read for ever); checked
// by check_message_text.
Result<std::string> read_message_text(const std::vector<std::string>& words, bool from_stdin);

// A task id: 1-64 letters, digits and . _ : / # - (`send --task` and
// `report --task` apply the same rule, so every task a message names can be reported).
bool is_task_id(std::string_view s);

// A fan-out retried with a client id must map each recipient to the same id
// again, so each recipient's id is derived from the client id and the recipient.
std::string derived_message_id(const std::string& client_id, const std::string& recipient);

// Records one message.accepted per recipient of `to`, sent by `from`, in one
// batch. With a client id a retry of the same message is recorded once (its
// outcomes say `duplicate`, with the original seq), and reusing the id for
// another message is refused (exit 2) before anything is written.
Result<std::vector<SendOutcome>> accept_message(const config::Paths& paths,
                                                const config::TeamSpec& spec,
                                                const SendRequest& r, const std::string& from,
                                                const std::vector<std::string>& to,
                                                const std::string& text);

// The whole of sending `text` as `r` asks: the checks, the recipients and
// the acceptance above, in that order; the first problem stops it. While the
// running supervisor's team has lost its tmux server nothing is recorded:
// the error (exit 1) starts with tmux_unavailable (ops/tmux_lost.h).
Result<std::vector<SendOutcome>> send_message(const config::Paths& paths,
                                              const config::TeamSpec& spec, const SendRequest& r,
                                              const std::string& text);

}  // namespace ta::ops
