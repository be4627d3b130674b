#include "ops/send.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>

#include "events/log.h"
#include "events/pane_text.h"
#include "events/types.h"
#include "ops/errors.h"
#include "ops/team.h"
#include "ops/tmux_lost.h"
#include "util/hash.h"
#include "util/ids.h"
#include "util/read_bounded.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace ta::ops {

namespace {

const char* const kTooLongAdvice =
    "send a shorter message, or write the content to a file in the workspace and send its path";

// Two message.accepted are the same message for a --message-id retry when
// every field but `now` (how urgently to deliver, not what) is equal.
bool same_message(events::Json a, events::Json b) {
  if (a.is_object()) a.erase("now");
  if (b.is_object()) b.erase("now");
  return a == b;
}

Error id_reused(const std::string& client_id, const std::string& what) {
  return usage_error("--message-id " + client_id + " already names " + what +
                     "; reuse an id only to retry the same message to the same recipients, "
                     "or choose a new id");
}

// A client id names one message: a retry must repeat it exactly (the same
// recipients, sender, task and text). Every id the client id can stand for
// (itself, and its derivation for each member) is looked up under the log's
// lock, so reusing the id for anything else is refused before a byte is
// written, whichever of single send and fan-out came first.
events::AppendGuard same_message_guard(const std::string& client_id,
                                       const std::vector<std::string>& members,
                                       const std::vector<events::Draft>& batch) {
  return [client_id, members, &batch](const events::KeyLookup& recorded) -> Status {
    std::vector<std::string> ids{client_id};
    for (const auto& m : members) ids.push_back(derived_message_id(client_id, m));
    size_t found = 0;
    for (const auto& id : ids) {
      auto earlier = recorded(id);
      if (!earlier) continue;
      ++found;
      auto mine = std::find_if(batch.begin(), batch.end(),
                               [&](const events::Draft& d) { return d.key == id; });
      events::Json stored_form = mine == batch.end() ? events::Json() : mine->data;
      events::redact_pane_text(stored_form);  // compared as the log keeps it
      if (mine == batch.end() || !same_message(stored_form, earlier->data))
        return id_reused(client_id, "another message (to " +
                                        earlier->data.value("to", std::string("?")) + ", seq " +
                                        std::to_string(earlier->seq) + ")");
    }
    if (found != 0 && found != batch.size())
      return id_reused(client_id, "a message to other recipients");
    return ok_status();
  };
}

// One message.accepted per recipient, with the outcomes that will tell what became of them.
void draft_batch(const SendRequest& r, const std::string& from, const std::vector<std::string>& to,
                 const std::string& text, std::vector<events::Draft>& batch,
                 std::vector<SendOutcome>& outcomes) {
  const bool client_id = !r.message_id.empty();
  const std::string batch_hex = client_id ? r.message_id.substr(4) : random_hex12();
  for (const auto& recipient : to) {
    SendOutcome oc;
    oc.to = recipient;
    oc.message_id = !client_id     ? "msg_" + random_hex12()
                    : to.size() == 1 ? r.message_id
                                     : derived_message_id(r.message_id, recipient);
    events::MessageAccepted m{oc.message_id, from, recipient, r.task, text, r.now,
                              to.size() > 1 ? "batch_" + batch_hex : ""};
    batch.push_back(events::to_draft(m, oc.message_id));
    outcomes.push_back(std::move(oc));
  }
}

// Appends the batch. A random id that collides with an earlier message
// (2^-48 per pair) would read as a retry and drop this message: such a
// message draws a new id and is appended again.
Status append_batch(events::EventLog& log, const SendRequest& r,
                    const std::vector<std::string>& members, std::vector<events::Draft> batch,
                    std::vector<SendOutcome>& outcomes) {
  const bool client_id = !r.message_id.empty();
  std::vector<size_t> index(batch.size());
  for (size_t i = 0; i < index.size(); ++i) index[i] = i;
  for (int round = 0; !batch.empty(); ++round) {
    auto appended = client_id ? log.append(batch, same_message_guard(r.message_id, members, batch))
                              : log.append(batch);
    if (!appended) return appended.error();
    std::vector<events::Draft> again;
    std::vector<size_t> again_index;
    for (size_t k = 0; k < batch.size(); ++k) {
      SendOutcome& oc = outcomes[index[k]];
      oc.seq = (*appended)[k].seq;
      oc.duplicate = (*appended)[k].duplicate;
      if (oc.duplicate && !client_id && round < 3) {
        oc.message_id = "msg_" + random_hex12();
        batch[k].data["message_id"] = oc.message_id;
        batch[k].key = oc.message_id;
        again.push_back(batch[k]);
        again_index.push_back(index[k]);
      }
    }
    batch = std::move(again);
    index = std::move(again_index);
  }
  return ok_status();
}

}  // namespace

bool is_task_id(std::string_view s) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("._:/#-").find(c) != std::string_view::npos;
  });
}

std::string derived_message_id(const std::string& client_id, const std::string& recipient) {
  // Stable across versions, so a retry by a newer binary matches.
  return "msg_" + hex16(fnv1a(client_id + "\n" + recipient)).substr(0, 12);
}

Result<std::string> check_send_request(const config::TeamSpec& spec, const SendRequest& r) {
  const std::string from = r.from.empty() ? std::string(config::kHumanId) : r.from;
  if (from != config::kHumanId && !spec.find(from))
    return usage_error("unknown sender \"" + from + "\" (from --from or $TEAM_AGENT_ID); use " +
                       std::string(config::kHumanId) + " or one of: " +
                       join(spec.member_ids()));
  if (!r.message_id.empty() && !is_prefixed_hex12(r.message_id, "msg_"))
    return usage_error("--message-id \"" + r.message_id +
                       "\" is not a message id; use msg_ and 12 lowercase hex digits, e.g. "
                       "msg_0123456789ab");
  if (!r.task.empty() && !is_task_id(r.task))
    return usage_error("--task \"" + r.task +
                       "\" is not a task id; use up to 64 letters, digits and . _ : / # -");
  return from;
}

Result<std::vector<std::string>> resolve_recipients(const config::TeamSpec& spec,
                                                    const std::string& target,
                                                    const std::string& from) {
  const auto members = spec.member_ids();
  std::vector<std::string> out;
  auto add = [&out](const std::string& id) {
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  };
  size_t start = 0;
  while (start <= target.size()) {
    size_t comma = target.find(',', start);
    if (comma == std::string::npos) comma = target.size();
    std::string id = target.substr(start, comma - start);
    id.erase(0, id.find_first_not_of(' '));
    id.erase(id.find_last_not_of(' ') + 1);
    start = comma + 1;
    if (id == "*") {
      for (const auto& m : members)
        if (m != from) add(m);
    } else if (id.empty()) {
      return usage_error("the target \"" + target +
                         "\" has an empty entry; name agents as a,b or use *");
    } else if (!spec.find(id)) {
      return usage_error("unknown target \"" + id + "\"; the team's agents are: " +
                         join(members) + " (or * for everyone but the sender)");
    } else if (id == from) {
      return usage_error("\"" + id + "\" is the sender; an agent cannot send a message to itself");
    } else {
      add(id);
    }
  }
  if (out.empty()) return usage_error("no one to send to: the team has no member besides the sender");
  return out;
}

Status check_message_text(const std::string& text) {
  if (text.size() > kMaxMessageBytes)
    return usage_error("the message is " + std::to_string(text.size()) + " bytes, over the " +
                       describe_limit(kMaxMessageBytes) + " limit; " + kTooLongAdvice);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    return usage_error(
        "the message is empty; give the text after the target, or pipe it in with --stdin");
  if (auto bad = first_invalid_utf8(text); bad != std::string_view::npos)
    return usage_error("the message is not valid UTF-8 (bad byte at offset " +
                       std::to_string(bad) + "); convert it to UTF-8 and send it again");
  return ok_status();
}

Result<std::string> read_message_text(const std::vector<std::string>& words, bool from_stdin) {
  std::string text;
  if (from_stdin) {
    // Read at most the limit plus a trailing CR LF (dropped below) plus one
    // byte: an endless stdin (/dev/zero) is refused, not counted for ever.
    auto in = read_fd_bounded(STDIN_FILENO, "on stdin",
                              {kMaxMessageBytes, "the message", kTooLongAdvice, /*slack=*/2});
    if (!in) return in.error();
    text = std::move(*in);
    // `echo text | team-agent send …` ends in a newline the sender did not mean.
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  } else {
    for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
  }
  if (auto st = check_message_text(text); !st) return st.error();
  return text;
}

Result<std::vector<SendOutcome>> accept_message(const config::Paths& paths,
                                                const config::TeamSpec& spec,
                                                const SendRequest& r, const std::string& from,
                                                const std::vector<std::string>& to,
                                                const std::string& text) {
  if (auto st = config::ensure_team_dir(paths); !st) return st.error();
  auto log = open_team_log(paths, spec.team);
  if (!log) return log.error();
  std::vector<events::Draft> batch;
  std::vector<SendOutcome> outcomes;
  draft_batch(r, from, to, text, batch, outcomes);
  if (auto st = append_batch(**log, r, spec.member_ids(), std::move(batch), outcomes); !st)
    return st.error();
  return outcomes;
}

Result<std::vector<SendOutcome>> send_message(const config::Paths& paths,
                                              const config::TeamSpec& spec, const SendRequest& r,
                                              const std::string& text) {
  auto from = check_send_request(spec, r);
  if (!from) return from.error();
  auto to = resolve_recipients(spec, r.target, *from);
  if (!to) return to.error();
  if (auto st = check_message_text(text); !st) return st.error();
  // Nothing half-accepted: a team without panes refuses before recording.
  if (auto loss = live_tmux_loss(paths)) return tmux_unavailable_error(*loss, spec);
  return accept_message(paths, spec, r, *from, *to, text);
}

}  // namespace ta::ops
