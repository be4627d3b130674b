// `team-agent send TARGET MESSAGE...`: persists one message.accepted per
// recipient (all in one append batch), then, when a supervisor runs, waits for
// each message's send.submitted or send.failed by following the log.
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>

#include "cli/command.h"
#include "cli/send_outcome.h"
#include "config/team_spec.h"
#include "events/log.h"
#include "events/pane_text.h"
#include "events/reader.h"
#include "events/types.h"
#include "store/projector.h"
#include "util/fs.h"
#include "util/ids.h"
#include "util/read_bounded.h"
#include "util/utf8.h"

namespace ta::cli {

namespace {

constexpr size_t kMaxMessageBytes = 1u << 20;  // 1 MiB; a bigger paste overwhelms any agent CLI

struct SendOptions {
  std::string target;
  std::vector<std::string> words;
  std::string from;
  std::string task;
  std::string message_id;
  std::string config;
  double timeout = 30;
  bool from_stdin = false;
  bool no_wait = false;
  bool now = false;
  bool json = false;
};

Error usage(std::string message) { return make_error(std::move(message), kExitUsage); }

// A fan-out retried with --message-id must map each recipient to the same id
// again, so the ids are derived (FNV-1a) from the given id and the recipient.
std::string derived_message_id(const std::string& base, const std::string& recipient) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : base + "\n" + recipient) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return "msg_" + std::string(buf, 12);
}

Result<std::string> read_message(const SendOptions& o) {
  std::string text;
  size_t total = 0;
  const std::string advice =
      "send a shorter message, or write the content to a file in the workspace and send its path";
  if (o.from_stdin) {
    // Read at most the limit plus a trailing CR LF (dropped below) plus one
    // byte: an endless stdin (/dev/zero) is refused, not counted for ever.
    auto in = read_fd_bounded(STDIN_FILENO, "on stdin",
                              {kMaxMessageBytes, "the message", advice, /*slack=*/2});
    if (!in) return in.error();
    text = std::move(*in);
    // `echo text | team-agent send …` ends in a newline the sender did not mean.
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    total = text.size();
  } else {
    for (const auto& w : o.words) text += (text.empty() ? "" : " ") + w;
    total = text.size();
  }
  if (total > kMaxMessageBytes)
    return usage("the message is " + std::to_string(total) + " bytes, over the " +
                 describe_limit(kMaxMessageBytes) + " limit; " + advice);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    return usage("the message is empty; give the text after the target, or pipe it in with --stdin");
  if (auto bad = first_invalid_utf8(text); bad != std::string_view::npos)
    return usage("the message is not valid UTF-8 (bad byte at offset " + std::to_string(bad) +
                 "); convert it to UTF-8 and send it again");
  return text;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// TARGET is an id, `leader`, `*` (everyone but the sender) or a comma list of those.
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
      return usage("the target \"" + target + "\" has an empty entry; name agents as a,b or use *");
    } else if (!spec.find(id)) {
      return usage("unknown target \"" + id + "\"; the team's agents are: " + join(members) +
                   " (or * for everyone but the sender)");
    } else if (id == from) {
      return usage("\"" + id + "\" is the sender; an agent cannot send a message to itself");
    } else {
      add(id);
    }
  }
  if (out.empty()) return usage("no one to send to: the team has no member besides the sender");
  return out;
}

// Two message.accepted are the same message for a --message-id retry when
// every field but `now` (how urgently to deliver, not what) is equal.
bool same_message(events::Json a, events::Json b) {
  if (a.is_object()) a.erase("now");
  if (b.is_object()) b.erase("now");
  return a == b;
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
        return usage("--message-id " + client_id + " already names another message (to " +
                     earlier->data.value("to", std::string("?")) + ", seq " +
                     std::to_string(earlier->seq) +
                     "); reuse an id only to retry the same message to the same recipients, "
                     "or choose a new id");
    }
    if (found != 0 && found != batch.size())
      return usage("--message-id " + client_id + " already names a message to other "
                   "recipients; reuse an id only to retry the same message to the same "
                   "recipients, or choose a new id");
    return ok_status();
  };
}

// Appends one message.accepted per recipient in a single batch.
Result<std::vector<Outcome>> accept(events::EventLog& log, const SendOptions& o,
                                    const std::vector<std::string>& to, const std::string& from,
                                    const std::string& content,
                                    const std::vector<std::string>& members) {
  const bool client_id = !o.message_id.empty();
  const std::string batch_hex = client_id ? o.message_id.substr(4) : random_hex12();
  auto id_for = [&](const std::string& recipient) {
    if (!client_id) return "msg_" + random_hex12();
    return to.size() == 1 ? o.message_id : derived_message_id(o.message_id, recipient);
  };
  std::vector<Outcome> outcomes;
  std::vector<events::Draft> batch;
  for (const auto& r : to) {
    Outcome oc;
    oc.to = r;
    oc.message_id = id_for(r);
    events::MessageAccepted m{oc.message_id, from, r, o.task, content, o.now,
                              to.size() > 1 ? "batch_" + batch_hex : ""};
    batch.push_back(events::to_draft(m, oc.message_id));
    outcomes.push_back(std::move(oc));
  }
  // A random id that collides with an earlier message (2^-48 per pair) would
  // read as a retry and drop this message: draw a new id and append again.
  std::vector<size_t> index(batch.size());
  for (size_t i = 0; i < index.size(); ++i) index[i] = i;
  for (int round = 0; !batch.empty(); ++round) {
    auto appended = client_id ? log.append(batch, same_message_guard(o.message_id, members, batch))
                              : log.append(batch);
    if (!appended) return appended.error();
    std::vector<events::Draft> again;
    std::vector<size_t> again_index;
    for (size_t k = 0; k < batch.size(); ++k) {
      Outcome& oc = outcomes[index[k]];
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
  return outcomes;
}

int run_send(const Context& ctx, SendOptions o) {
  auto paths = workspace(ctx);
  if (!paths) return report(paths.error());
  auto spec = config::load_team_spec(o.config.empty() ? paths->team_json : o.config);
  if (!spec) return report(spec.error());

  std::string from = o.from;
  if (from.empty()) {
    const char* env = std::getenv("TEAM_AGENT_ID");
    from = env && *env ? env : std::string(config::kHumanId);
  }
  if (from != config::kHumanId && !spec->find(from))
    return report(usage("unknown sender \"" + from + "\" (from --from or $TEAM_AGENT_ID); use " +
                        std::string(config::kHumanId) + " or one of: " + join(spec->member_ids())));
  if (!o.message_id.empty() && !is_prefixed_hex12(o.message_id, "msg_"))
    return report(usage("--message-id \"" + o.message_id +
                        "\" is not a message id; use msg_ and 12 lowercase hex digits, e.g. "
                        "msg_0123456789ab"));
  if (!o.task.empty() &&
      (o.task.size() > 64 || !std::all_of(o.task.begin(), o.task.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("._:/#-").find(c) !=
                                                                  std::string_view::npos;
      })))
    return report(usage("--task \"" + o.task +
                        "\" is not a task id; use up to 64 letters, digits and . _ : / # -"));
  if (!(o.timeout > 0) || o.timeout > 86400)
    return report(usage("--timeout must be a number of seconds above 0 (and at most 86400); "
                        "use --no-wait to skip waiting"));
  if (o.from_stdin && !o.words.empty())
    return report(usage("give the message either as arguments or on stdin (--stdin / -), not both"));

  auto to = resolve_recipients(*spec, o.target, from);
  if (!to) return report(to.error());
  auto content = read_message(o);
  if (!content) return report(content.error());

  if (auto st = config::ensure_team_dir(*paths); !st) return report(st.error());
  events::LogOptions lo{spec->team};
  lo.seq_floor = store::projection_seq_floor(*paths);
  auto log = events::EventLog::open(paths->events_dir, lo);
  if (!log) return report(log.error());
  auto accepted = accept(**log, o, *to, from, *content, spec->member_ids());
  if (!accepted) return report(accepted.error());
  auto& outcomes = *accepted;

  if (!o.json)
    for (const auto& oc : outcomes)
      std::printf("accepted %s \u2192 %s (seq %llu%s)\n", oc.message_id.c_str(), oc.to.c_str(),
                  static_cast<unsigned long long>(oc.seq),
                  oc.duplicate ? ", already accepted earlier; nothing new was appended" : "");

  int code = kExitOk;
  if (!config::supervisor_running(*paths)) {
    code = kExitNoSupervisor;
  } else if (!o.no_wait) {
    // Delivery is the supervisor's job; here we only watch the log for its verdict.
    std::fflush(stdout);
    wait_for_outcomes(paths->events_dir, outcomes, o.timeout);
    for (const auto& oc : outcomes) {
      if (oc.state != "submitted") code = kExitFailed;
      // Failures are also told on stderr under --json: stdout stays machine-readable.
      if (oc.state == "submitted") {
        if (!o.json) std::printf("delivered %s \u2192 %s\n", oc.message_id.c_str(), oc.to.c_str());
      } else if (oc.state == "failed") {
        std::fprintf(stderr, "team-agent: %s \u2192 %s failed: %s; see `team-agent replay --message %s`\n",
                     oc.message_id.c_str(), oc.to.c_str(), oc.reason.c_str(), oc.message_id.c_str());
      } else {
        std::fprintf(stderr,
                     "team-agent: no outcome for %s \u2192 %s within %gs; it stays queued, follow "
                     "it with `team-agent events -f --message %s`\n",
                     oc.message_id.c_str(), oc.to.c_str(), o.timeout, oc.message_id.c_str());
      }
    }
  }
  if (o.json)
    for (const auto& oc : outcomes) {
      events::Json j{{"message_id", oc.message_id}, {"to", oc.to}, {"seq", oc.seq},
                     {"state", oc.state}, {"duplicate", oc.duplicate}};
      if (oc.state == "failed") j["reason"] = oc.reason;
      std::printf("%s\n", j.dump().c_str());
    }
  std::fflush(stdout);  // the note below must come after the ids, also through a pipe
  if (code == kExitNoSupervisor)
    std::fprintf(stderr, "accepted; no supervisor is running \u2014 it will be delivered when "
                         "`team-agent run` starts\n");
  return code;
}

}  // namespace

void register_send(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<SendOptions>();
  auto* sub = app.add_subcommand(
      "send",
      "Send a message to agents: it is recorded first (message.accepted), then delivered into "
      "each recipient's pane by the supervisor. Waits for the outcome when a supervisor runs. "
      "Exit 0 delivered (or accepted with --no-wait), 1 failed or timed out, 2 bad input, "
      "3 accepted but no supervisor is running (delivered when `team-agent run` starts).");
  sub->add_option("target", o->target,
                  "An agent id, `leader`, a comma list (a,b), or `*` for everyone but the sender")
      ->required();
  sub->add_option("message", o->words,
                  "The message (words are joined with spaces); `-` reads it from stdin");
  sub->add_option("--from", o->from,
                  "Sender id (default: $TEAM_AGENT_ID, set in every agent's pane; otherwise "
                  "`human`)");
  sub->add_option("--task", o->task, "Task id the message belongs to (shown in its header)");
  sub->add_flag("--stdin", o->from_stdin, "Read the message from stdin (trailing newlines dropped)");
  sub->add_flag("--no-wait", o->no_wait, "Return once the message is recorded");
  sub->add_option("--timeout", o->timeout, "Seconds to wait for the outcome (default 30)")
      ->type_name("SECONDS");
  sub->add_flag("--now", o->now, "Deliver even if the recipient is busy");
  sub->add_flag("--json", o->json,
                "Print one JSON object per recipient: message_id, to, seq, state, duplicate");
  sub->add_option("--message-id", o->message_id,
                  "Client-chosen id (msg_ + 12 lowercase hex) so a retry is recorded once; with "
                  "several recipients each gets an id derived from it");
  sub->add_option("--config", o->config, "Team spec to read (default: .team/team.json)");
  sub->callback([&ctx, o] {
    ctx.run = [&ctx, o] {
      SendOptions opts = *o;
      if (opts.words.size() == 1 && opts.words[0] == "-") {
        opts.words.clear();
        opts.from_stdin = true;
      }
      return run_send(ctx, std::move(opts));
    };
  });
}

}  // namespace ta::cli
