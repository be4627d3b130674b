// `team-agent send TARGET MESSAGE...`: persists one message.accepted per
// recipient (all in one append batch), then, when a supervisor runs, waits for
// each message's send.submitted or send.failed by following the log.
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "cli/command.h"
#include "config/team_spec.h"
#include "events/event.h"
#include "ops/send.h"
#include "ops/send_wait.h"
#include "ops/tmux_lost.h"

namespace ta::cli {

namespace {

struct SendOptions {
  ops::SendRequest request;
  std::vector<std::string> words;
  std::string config;
  double timeout = 30;
  bool from_stdin = false;
  bool no_wait = false;
  bool json = false;
};

void print_accepted(const std::vector<ops::SendOutcome>& outcomes) {
  for (const auto& oc : outcomes)
    std::printf("accepted %s \u2192 %s (seq %llu%s)\n", oc.message_id.c_str(), oc.to.c_str(),
                static_cast<unsigned long long>(oc.seq),
                oc.duplicate ? ", already accepted earlier; nothing new was appended" : "");
}

// Tells each outcome (failures on stderr, also under --json: stdout stays
// machine-readable). Exit 0 when every message was submitted, 1 when one
// failed, else 4: one is still queued (the supervisor delivers it later).
int print_delivery(const std::vector<ops::SendOutcome>& outcomes, const SendOptions& o) {
  int code = kExitOk;
  for (const auto& oc : outcomes) {
    if (oc.state == "failed") code = kExitFailed;
    if (oc.state == "timeout" && code == kExitOk) code = ops::kExitStillQueued;
    if (oc.state == "submitted") {
      if (!o.json) std::printf("delivered %s \u2192 %s\n", oc.message_id.c_str(), oc.to.c_str());
    } else if (oc.state == "failed") {
      std::fprintf(stderr, "team-agent: %s \u2192 %s failed: %s; see `team-agent replay --message %s`\n",
                   oc.message_id.c_str(), oc.to.c_str(), oc.reason.c_str(), oc.message_id.c_str());
    } else {
      std::fprintf(stderr,
                   "team-agent: still queued: %s \u2192 %s not delivered within %gs; the "
                   "supervisor delivers it when %s can take it (follow it with `team-agent "
                   "events -f --message %s`)\n",
                   oc.message_id.c_str(), oc.to.c_str(), o.timeout, oc.to.c_str(),
                   oc.message_id.c_str());
    }
  }
  return code;
}

void print_json(const std::vector<ops::SendOutcome>& outcomes) {
  for (const auto& oc : outcomes) {
    events::Json j{{"message_id", oc.message_id}, {"to", oc.to}, {"seq", oc.seq},
                   {"state", oc.state}, {"duplicate", oc.duplicate}};
    if (oc.state == "failed") j["reason"] = oc.reason;
    std::printf("%s\n", j.dump().c_str());
  }
}

// Under --json a refused send says so on stdout too, as one object.
void print_refusal_json(const Error& e) {
  events::Json j{{"state", "refused"},
                 {"error", std::string(ops::kTmuxUnavailable)},
                 {"message", e.message}};
  std::printf("%s\n", j.dump().c_str());
  std::fflush(stdout);
}

int run_send(const Context& ctx, SendOptions o) {
  auto paths = workspace(ctx);
  if (!paths) return report(paths.error());
  auto spec = config::load_team_spec(o.config.empty() ? paths->team_json : o.config);
  if (!spec) return report(spec.error());
  if (auto st = ops::check_wait_timeout(o.timeout); !st) return report(st.error());
  if (o.from_stdin && !o.words.empty())
    return report(make_error(
        "give the message either as arguments or on stdin (--stdin / -), not both", kExitUsage));
  auto text = ops::read_message_text(o.words, o.from_stdin);
  if (!text) return report(text.error());
  note_team_gone(*paths, "send");
  auto accepted = ops::send_message(*paths, *spec, o.request, *text);
  if (!accepted) {
    if (o.json && ops::is_tmux_unavailable(accepted.error()))
      print_refusal_json(accepted.error());
    return report(accepted.error());
  }
  auto& outcomes = *accepted;
  if (!o.json) print_accepted(outcomes);

  int code = kExitOk;
  if (!config::supervisor_running(*paths)) {
    code = kExitNoSupervisor;
  } else if (!o.no_wait) {
    // Delivery is the supervisor's job; here we only watch the log for its verdict.
    std::fflush(stdout);
    ops::wait_for_outcomes(paths->events_dir, outcomes, o.timeout, [](const ops::Deferral& d) {
      // On stderr: stdout stays the command's result (and JSON under --json).
      std::fprintf(stderr, "waiting: %s %s, queued as %s (Ctrl-C leaves it queued)\n",
                   d.message->to.c_str(), d.why.c_str(), d.message->message_id.c_str());
    });
    code = print_delivery(outcomes, o);
  }
  if (o.json) print_json(outcomes);
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
      "Exit 0 delivered (or accepted with --no-wait), 1 failed (or refused with "
      "tmux_unavailable, recording nothing, while the team's tmux server is lost), 2 bad input, "
      "3 accepted but no supervisor is running (delivered when `team-agent run` starts), 4 "
      "still queued when --timeout passed (the supervisor delivers it later).");
  sub->add_option("target", o->request.target,
                  "An agent id, `leader`, a comma list (a,b), or `*` for everyone but the sender")
      ->required();
  sub->add_option("message", o->words,
                  "The message (words are joined with spaces); `-` reads it from stdin");
  sub->add_option("--from", o->request.from,
                  "Sender id (default: $TEAM_AGENT_ID, set in every agent's pane; otherwise "
                  "`human`)");
  sub->add_option("--task", o->request.task, "Task id the message belongs to (shown in its header)");
  sub->add_flag("--stdin", o->from_stdin, "Read the message from stdin (trailing newlines dropped)");
  sub->add_flag("--no-wait", o->no_wait, "Return once the message is recorded");
  sub->add_option("--timeout", o->timeout, "Seconds to wait for the outcome (default 30)")
      ->type_name("SECONDS");
  sub->add_flag("--now", o->request.now, "Deliver even if the recipient is busy");
  sub->add_flag("--json", o->json,
                "Print one JSON object per recipient: message_id, to, seq, state, duplicate");
  sub->add_option("--message-id", o->request.message_id,
                  "Client-chosen id (msg_ + 12 lowercase hex) so a retry is recorded once; with "
                  "several recipients each gets an id derived from it");
  sub->add_option("--config", o->config, "Team spec to read (default: .team/team.json)");
  sub->callback([&ctx, o] {
    ctx.run = [&ctx, o] {
      SendOptions opts = *o;
      // Inside an agent's pane the supervisor names the sender in $TEAM_AGENT_ID.
      if (const char* env = std::getenv("TEAM_AGENT_ID"); opts.request.from.empty() && env)
        opts.request.from = env;
      if (opts.words.size() == 1 && opts.words[0] == "-") {
        opts.words.clear();
        opts.from_stdin = true;
      }
      return run_send(ctx, std::move(opts));
    };
  });
}

}  // namespace ta::cli
