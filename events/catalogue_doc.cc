#include "events/catalogue_doc.h"

#include "events/types.h"

namespace ta::events {

const std::vector<std::string_view>& event_areas() {
  static const std::vector<std::string_view> areas = {
      "log/store", "supervisor", "panes", "messages", "timers", "trust", "leader", "results",
      "sessions", "restart", "agents", "health", "team", "mcp", "human"};
  return areas;
}

// Fields are listed in declaration order here for whoever edits the table;
// the rendered document lists them in the catalogue's (and the log line's) order.
const std::vector<EventDoc>& event_docs() {
  static const std::vector<EventDoc> docs = {
      // log/store -------------------------------------------------------------
      {"log.recovered", "log/store",
       "The log found a torn last line (a crash mid-write) when it was opened, cut it back to "
       "the last complete record and kept the cut bytes, or found that it ends below the last "
       "seq the projections folded (a lost tail: a lost write cache, a restored backup) and "
       "numbers on after the lost seqs; appended by that process ahead of its first batch.",
       {{"segment", "file name of the segment that had the torn tail"},
        {"offset", "byte offset where the segment was cut"},
        {"bytes", "how many bytes were cut"},
        {"quarantine", "path of the cut bytes, relative to the events directory; empty when "
                       "nothing was cut"},
        {"lost_from", "first seq the projections had seen that the log no longer holds; 0: none"},
        {"lost_to", "last such seq: this event is numbered after it, so no seq is reused"}}},
      {"projection.rebuilt", "log/store",
       "The projections in `state.db` were rebuilt from the log because they could not be read "
       "or were folded by another fold version; appended by the projector that rebuilt them.",
       {{"reason", "why the projections were rebuilt, in words"},
        {"from_fold_version", "fold version `state.db` had before (0 when unreadable)"},
        {"to_fold_version", "fold version of the binary that rebuilt them"},
        {"last_seq", "last event folded into the rebuilt projections"}}},

      // supervisor ------------------------------------------------------------
      {"supervisor.started", "supervisor",
       "A supervisor (`team-agent run`) started a run in this workspace; an earlier run that "
       "never said it stopped counts as over.",
       {{"run_id", "id of this run, repeated by its stopping and stopped events"},
        {"pid", "process id of the supervisor"},
        {"version", "team-agent version of the supervisor's binary"}}},
      {"supervisor.stopping", "supervisor",
       "The supervisor began a graceful stop and is finishing in-flight deliveries.",
       {{"run_id", "the run that is stopping"}, {"reason", "what asked it to stop"}}},
      {"supervisor.stopped", "supervisor",
       "The supervisor ended its run; the last event a run appends.",
       {{"run_id", "the run that stopped"},
        {"reason", "why it stopped"},
        {"exit_code", "the supervisor's exit code (0 after `shutdown`, 130 after SIGINT, 143 after SIGTERM)"}}},
      {"supervisor.shutdown_requested", "supervisor",
       "`team-agent shutdown` asked the running supervisor to stop; the supervisor answers with "
       "a graceful stop (reason `shutdown`, exit code 0). A supervisor honours only requests "
       "appended after its own `supervisor.started`, so a request left from before never stops "
       "a later run.",
       {{"request_id", "random id of this request"},
        {"kill_panes", "whether `shutdown --kill-panes` asked it (the panes are killed after the "
                       "supervisor has stopped)"},
        {"requested_by_pid", "process id of the `team-agent shutdown` that asked"}}},
      {"actor.restarted", "supervisor",
       "The supervisor started a crashed child actor again after a backoff.",
       {{"actor", "the child, e.g. `pane_actor:backend`"},
        {"reason", "the crash, as CAF reported it"},
        {"restarts", "restarts within the current intensity window, this one included"},
        {"backoff_ms", "delay before the restart, in milliseconds"}}},
      {"actor.gave_up", "supervisor",
       "A child actor crashed more often than the supervisor's restart intensity allows, so "
       "the supervisor stops the run.",
       {{"actor", "the child, e.g. `pane_actor:backend`"},
        {"reason", "the last crash, as CAF reported it"},
        {"restarts", "restarts counted within the window"},
        {"window_s", "length of the intensity window, in seconds"}}},

      // panes -----------------------------------------------------------------
      {"pane.started", "panes",
       "The supervisor started an agent's tmux pane, adopted one that was already running, or "
       "started an exited agent again under its on-failure restart policy.",
       {{"agent_id", "the agent the pane runs"},
        {"pane_id", "tmux pane id; empty when unknown, the agent id stands in"},
        {"provider", "provider profile of the agent's CLI"},
        {"pid", "process id of the pane's program"},
        {"adopted", "the pane was already running when the supervisor started"},
        {"restarts", "how often the restart policy started this agent again in this run"},
        {"provider_version",
         "the version the provider's program gave for `--version` (e.g. `2.1.332`), asked once "
         "per provider per run; empty when it did not answer in time"},
        {"start_ticks",
         "the pid's start time (`/proc/<pid>/stat` field 22): with the pid it tells the agent's "
         "process from a later one given the same pid; 0 when unknown"},
        {"host",
         "the pane host whose tmux server holds the pane (the agent's `host` in the spec); "
         "empty for the supervisor's own server"}}},
      {"pane.state_changed", "panes",
       "An agent's pane_actor moved to another state of its state machine: `starting` (launched, "
       "no steady composer yet: nothing is pasted), `ready`, `busy`, `blocked` (a screen that "
       "takes no input), `delivering`, `awaiting_trust`, `exited`.",
       {{"agent_id", "the agent whose pane changed"},
        {"from", "previous state"},
        {"to", "new state"},
        {"screen",
         "what the last screen read showed: an activity (`idle`, `working`, …), `starting` (a "
         "splash), a non-input screen (`trust_prompt`, `numbered_menu`, …) or `exited`"}}},
      {"pane.exited", "panes",
       "The program in an agent's pane exited; appended by the agent's pane_actor.",
       {{"agent_id", "the agent whose pane exited"},
        {"pane_id", "tmux pane id; empty when unknown"},
        {"code", "exit status of the pane's program"},
        {"during_start", "true when it exited before the pane was ever ready"},
        {"cause",
         "a recognised start failure of the CLI (`app_server_unavailable`, `program_not_found`, "
         "`runtime_too_old`, `config_invalid`, `permission_denied`, `in_use`, `not_logged_in`, "
         "`out_of_memory`); empty when none was recognised"},
        {"advice", "one sentence saying what to do about `cause`; empty without one"},
        {"screen_tail", "the last lines the program left on its pane, secrets redacted"}}},
      {"pane.start_retried", "panes",
       "An agent's program exited while starting for a cause that leftover processes of this "
       "workspace explain (a stale Codex app server); they were ended "
       "(`shutdown.process_ended`, reason `stale_at_start`) and the pane started once more.",
       {{"agent_id", "the agent whose pane was started again"},
        {"pane_id", "tmux pane id"},
        {"cause", "the start failure recognised (see `pane.exited`)"},
        {"ended", "pids of the leftover processes ended first"}}},
      {"pane.process_escaped", "panes",
       "A process started inside an agent's pane (it carries the team's marker: "
       "TEAM_AGENT_WORKSPACE, TEAM_AGENT_ID and the team's TMUX socket) lives outside every live "
       "pane's process tree: a daemon the CLI forked, found when the pane exits, at start or "
       "at shutdown.",
       {{"agent_id", "the agent whose pane started it (its TEAM_AGENT_ID)"},
        {"pid", "its process id"},
        {"command", "its command line, secrets redacted"},
        {"found_at", "`pane_exit`, `start` or `shutdown`"}}},
      {"shutdown.process_ended", "panes",
       "A leftover process of the team was ended: SIGTERM (to its process group when the whole "
       "group is the team's), up to 3 s, then SIGKILL. Processes without the team's marker are "
       "never signalled.",
       {{"pid", "its process id"},
        {"signal", "`SIGTERM` or `SIGKILL`: the signal that ended it; empty when it was gone first"},
        {"agent_id", "its TEAM_AGENT_ID"},
        {"command", "its command line, secrets redacted"},
        {"reason", "`shutdown` (`shutdown --kill-panes`) or `stale_at_start` (before a start retry)"}}},
      {"shutdown.process_kept", "panes",
       "A leftover process of the team was left running because processes outside the team are "
       "connected to it (a Codex the user started by hand, using an app server one of the team's "
       "Codex panes started).",
       {{"pid", "its process id"},
        {"agent_id", "its TEAM_AGENT_ID"},
        {"command", "its command line, secrets redacted"},
        {"reason", "`serves_outsiders`"},
        {"outsiders", "pids of the processes outside the team connected to it"}}},

      // messages --------------------------------------------------------------
      {"message.accepted", "messages",
       "A message was persisted for delivery, before any attempt to deliver it; appended by "
       "`team-agent send`.",
       {{"message_id", "`msg_` + 12 hex; also the idempotency key"},
        {"from", "sender's agent id, or `leader`"},
        {"to", "recipient's agent id"},
        {"task_id", "task the message is about; empty when none"},
        {"content", "the message text"},
        {"now", "deliver even when the recipient is busy (`send --now`)"},
        {"batch_id", "groups the messages of one fan-out send"},
        {"result_id", "for the leader's notification of a result: that result; else empty"},
        {"leader_session",
         "for a result notification: the leader pane it is for (`%pane:pid`), so each leader "
         "session gets each result once"}}},
      {"send.deliver_attempt", "messages",
       "The recipient's pane_actor began an attempt to deliver a message to its pane.",
       {{"message_id", "the message"},
        {"to", "recipient's agent id"},
        {"attempt", "attempt number, from 1"}}},
      {"send.deferred_busy", "messages",
       "The recipient's pane was busy, so its pane_actor queued the message until the pane is "
       "idle; appended once per message, not on every check.",
       {{"message_id", "the message"},
        {"to", "recipient's agent id"},
        {"state", "what the pane showed"}}},
      {"send.deferred_starting", "messages",
       "The recipient's CLI was still starting (its composer not drawn and steady yet), so its "
       "pane_actor holds the message until the pane is ready; appended once per message.",
       {{"message_id", "the message"},
        {"to", "recipient's agent id"},
        {"screen", "what the pane showed"}}},
      {"send.submitted", "messages",
       "The recipient's pane_actor pasted a message, saw it land on screen and submitted it.",
       {{"message_id", "the message"},
        {"to", "recipient's agent id"},
        {"attempt", "attempt that succeeded, from 1"},
        {"verified_by", "how the paste was seen: `token`, `fragment` or `placeholder`"},
        {"enter_presses", "Enter presses it took to submit (at most 3)"}}},
      {"send.failed", "messages",
       "An attempt to deliver a message failed; the message stays visible as failed, with its "
       "reason; appended by the recipient's pane_actor.",
       {{"message_id", "the message"},
        {"to", "recipient's agent id"},
        {"reason", "why it failed, in words"},
        {"stage", "delivery step where it failed, e.g. `gate`"},
        {"detected", "the non-input screen the gate saw, e.g. `trust_prompt`"},
        {"pane_mode", "tmux mode the pane was in, e.g. copy mode"},
        {"pane_capture_tail", "last lines of the pane when it failed, secrets redacted"},
        {"attempt", "attempt that failed, from 1"}}},
      {"message.acknowledged", "messages",
       "The recipient acknowledged a message, possibly with the result that answers it; "
       "`team-agent report` appends one (idempotency key `ack:<message_id>`) for each of the "
       "reporting agent's open messages of the task, in the batch of its `result.reported`.",
       {{"message_id", "the message"},
        {"result_id", "result that acknowledges it; empty when none"}}},
      {"worker.first_interaction", "messages",
       "The leader's first successful delivery to a worker; appended once per worker, never "
       "for worker-to-worker messages.",
       {{"worker_id", "the worker's agent id"},
        {"first_send_at", "when that delivery was submitted (RFC 3339)"},
        {"message_id", "the message delivered"}}},

      // timers ----------------------------------------------------------------
      {"schedule.created", "timers",
       "A durable timer was created; the scheduler appends it and arms a timer for every such "
       "event, so timers survive restarts.",
       {{"schedule_id", "the timer's id, also part of its idempotency key"},
        {"kind", "what the timer is for, e.g. `trust_retry`"},
        {"owner", "who is told when it fires"},
        {"due_at", "when it fires (RFC 3339, UTC)"},
        {"payload", "JSON object handed back to the owner when it fires"}}},
      {"schedule.fired", "timers",
       "A durable timer came due; the scheduler appends this, then tells the timer's owner.",
       {{"schedule_id", "the timer"}}},
      {"schedule.cancelled", "timers",
       "A pending durable timer was cancelled before it fired; appended by the scheduler.",
       {{"schedule_id", "the timer"}, {"reason", "why it was cancelled"}}},

      // trust -----------------------------------------------------------------
      {"leader_panes.trust_auto_answered", "trust",
       "A pane_actor answered a trust prompt for its agent's own workspace (opted in): it read "
       "the options by meaning, moved the selection onto the accepting one with arrow keys when "
       "it was elsewhere, read the screen back to see it selected, then pressed Enter. The "
       "message waiting for the pane follows once the prompt is gone.",
       {{"agent_id", "the agent whose pane showed the prompt"},
        {"message_id", "the message parked behind the prompt"},
        {"attempt", "1 for the first answer, up to 4 with the retries"},
        {"prompt_path", "the directory the prompt named (the repository root when "
                        "`runtime.auto_trust_scope` is `repository` and the prompt names it)"},
        {"option", "the accepting option confirmed, as the screen showed it"},
        {"selected_by", "`preselected` (Enter only) or `keys` (arrow keys, read back, Enter)"},
        {"keys", "the Up/Down keys pressed before Enter (empty when preselected)"}}},
      {"leader_panes.trust_auto_skipped", "trust",
       "A trust prompt was left alone because auto-answering is not opted in; the message "
       "fails at the gate with detected=trust_prompt.",
       {{"agent_id", "the agent whose pane showed the prompt"},
        {"message_id", "the message that could not be delivered"},
        {"reason", "`not_opted_in`"}}},
      {"leader_panes.trust_auto_refused", "trust",
       "A trust prompt named a directory other than the agent's workspace (or the git "
       "repository root above it while `runtime.auto_trust_scope` is `workspace`), so it was "
       "not answered; nothing was typed.",
       {{"agent_id", "the agent whose pane showed the prompt"},
        {"message_id", "the message that could not be delivered"},
        {"reason", "`workspace_dir_mismatch` or `repository_root_not_allowed`"},
        {"prompt_path", "the directory the prompt named (as far as the screen shows it)"},
        {"workspace", "the agent's workspace"}}},
      {"leader_panes.trust_auto_failed", "trust",
       "A trust prompt could not be answered safely: no workspace to compare with, the "
       "accepting option could not be identified for certain, the read-back after the arrow "
       "keys did not show it selected, or a key could not be sent. Nothing more was pressed; "
       "a declining option is never confirmed.",
       {{"agent_id", "the agent whose pane showed the prompt"},
        {"message_id", "the message parked behind the prompt"},
        {"attempt", "the attempt that failed"},
        {"reason", "`workspace_unknown`, `unrecognized_options`, `keys_failed`, "
                   "`enter_failed` or `prompt_changed`"},
        {"detail", "what could not be recognised (e.g. `no option reads as accepting`)"},
        {"screen", "for `unrecognized_options`: the prompt as the pane showed it, redacted"}}},
      {"leader_panes.trust_auto_answer_retry_needed", "trust",
       "The trust prompt was still on screen 3 s after an answer.",
       {{"agent_id", "the agent whose pane showed the prompt"},
        {"message_id", "the parked message"},
        {"attempt", "the attempt after which the prompt remained"}}},
      {"leader_panes.trust_auto_answer_retry_scheduled", "trust",
       "A durable retry (a `trust_retry` timer) was scheduled; the message stays parked.",
       {{"agent_id", "the agent whose pane showed the prompt"},
        {"message_id", "the parked message"},
        {"next_attempt", "the attempt the timer will make (2-4)"},
        {"max_attempts", "always 4"},
        {"backoff_seconds", "delay before the retry: 5, 15 then 30"},
        {"due_at", "when the timer fires (RFC 3339 UTC)"},
        {"schedule_id", "the timer's schedule.created id"}}},
      {"leader_panes.trust_auto_answer_retry_attempted", "trust",
       "A `trust_retry` timer fired and the pane_actor answers the prompt again.",
       {{"agent_id", "the agent whose pane showed the prompt"},
        {"message_id", "the parked message"},
        {"attempt", "this attempt's number (2-4)"}}},
      {"leader_panes.trust_auto_answer_retry_skipped", "trust",
       "A `trust_retry` timer fired but the prompt had gone by itself; the message is delivered.",
       {{"agent_id", "the agent"},
        {"message_id", "the parked message"},
        {"attempt", "the attempt that was not needed"},
        {"reason", "`prompt_gone`"}}},
      {"leader_panes.trust_auto_answer_exhausted", "trust",
       "The trust prompt survived all 4 attempts; the parked message fails with reason "
       "`trust_auto_answer_exhausted`.",
       {{"agent_id", "the agent whose pane shows the prompt"},
        {"message_id", "the message that failed"},
        {"attempts", "how many answers were tried (4)"}}},

      // leader ----------------------------------------------------------------
      {"leader_receiver.submitted", "leader",
       "A result notification was typed into the leader pane and submitted.",
       {{"message_id", "the notification's message"},
        {"result_id", "the result it announces"},
        {"leader_session", "the leader pane it was delivered to (`%pane:pid`)"}}},
      {"leader_receiver.delivery_failed", "leader",
       "A message for the leader could not be typed into its pane (it cannot take input or is "
       "gone); its text was appended to the leader inbox file instead.",
       {{"message_id", "the message"},
        {"result_id", "the result, for a result notification; else empty"},
        {"leader_session", "the leader pane it was meant for"},
        {"reason", "why the pane refused it, as in send.failed"},
        {"fallback_path", "the file that got the text (`.team/leader-inbox.log`)"}}},
      {"leader_notification.dedupe_skip", "leader",
       "A result was reported again for a leader session that already has its notification; "
       "nothing is typed.",
       {{"result_id", "the repeated result"},
        {"leader_session", "the leader pane that already has it"},
        {"message_id", "the notification delivered (or failed) earlier"}}},

      {"leader.api_error", "leader",
       "The leader_watcher saw an API error on the leader pane; repeats of the same error are "
       "not appended again until a clean capture.",
       {{"error_class", "`Overloaded`, `RateLimit`, `NetworkError`, `Timeout` or `Unknown`"},
        {"provider", "provider profile of the leader's CLI"},
        {"matched_pattern_snippet",
         "the text that matched, at most its last 400 characters, secrets redacted"},
        {"partial_response_streamed", "part of a reply had streamed before the error"},
        {"worker_dispatch_just_before", "a message to a worker was dispatched just before"}}},
      {"leader.notice", "leader",
       "The leader's CLI printed a notice about its own housekeeping (for example Claude's "
       "\"Remote managed settings failed to load (network error)\" at startup). It is not a "
       "failed request, so it is never a `leader.api_error`; each notice is recorded once per "
       "leader session.",
       {{"provider", "provider profile of the leader's CLI"},
        {"text", "the notice line as shown"}}},

      // results ---------------------------------------------------------------
      {"result.reported", "results",
       "A worker reported the outcome of a task with `team-agent report`; the leader_watcher "
       "then notifies the leader exactly once. A report repeated with the same `result_id` is "
       "appended again, and the leader_watcher answers it with "
       "`leader_notification.dedupe_skip`.",
       {{"result_id", "the result's id"},
        {"task_id", "the task"},
        {"agent_id", "the worker that reported"},
        {"status", "`success`, `blocked`, `failed` or `partial`"},
        {"summary", "the worker's summary (at most 64 KiB)"},
        {"details", "longer text from the result envelope (`--file`); empty when none"},
        {"files", "paths the worker names as its output, from the envelope; empty when none"}}},
  };
  static const std::vector<EventDoc> all = [] {
    std::vector<EventDoc> v = docs;
    for (auto& d : session_event_docs()) v.push_back(d);
    for (auto& d : agent_event_docs()) v.push_back(d);
    for (auto& d : health_event_docs()) v.push_back(d);
    for (auto& d : team_event_docs()) v.push_back(d);
    for (auto& d : mcp_event_docs()) v.push_back(d);
    return v;
  }();
  return all;
}

const EventDoc* find_event_doc(std::string_view type) {
  for (auto& d : event_docs())
    if (d.type == type) return &d;
  return nullptr;
}

}  // namespace ta::events
