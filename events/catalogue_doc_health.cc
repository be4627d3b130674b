#include "events/catalogue_doc.h"

namespace ta::events {

const std::vector<EventDoc>& health_event_docs() {
  static const std::vector<EventDoc> docs = {
      // health ----------------------------------------------------------------
      {"agent.turn_state_changed", "health",
       "What an agent's turn is doing changed, read from its CLI's own session file (the last "
       "lifecycle fact of its tail), else from its pane. An open turn counts as working only "
       "while the pane's process (pid and start time of pane.started) still runs.",
       {{"agent_id", "the agent"},
        {"from", "the state before"},
        {"to", "`working`, `idle`, `idle_interrupted`, `blocked_on_human`, `abnormal` or `unknown`"},
        {"reason", "the fact that decided: `end_turn`, `task_complete`, `open_turn`, "
                   "`user_interrupt`, `api_error`, `crashed_mid_turn`, `screen_idle`, …"},
        {"turn_id", "the CLI's turn (or request) id, when it names one"},
        {"source", "`session_file`, `process_guard` or `screen`"}}},
      {"idle.episode_started", "health",
       "Every node of the team has its turn closed: an idle episode begins (it ends when any "
       "worker turn opens).",
       {{"nodes", "the nodes counted (workers, and the leader once its state is known)"},
        {"interrupted", "those whose last turn was interrupted"},
        {"armed", "whether a worker turn opened since the last acknowledgement"}}},
      {"idle.reminder_sent", "health",
       "The leader was told that the team sits idle after work (once per idle episode, after "
       "`runtime.idle_reminder_after_s`). The next worker turn arms the reminder again.",
       {{"message_id", "the message to the leader"},
        {"nodes", "how many nodes are idle"},
        {"idle_minutes", "for about how long"},
        {"interrupted", "the nodes whose last turn was interrupted"}}},
      {"idle.acknowledged", "health",
       "`team-agent acknowledge-idle` was run: no idle reminder until the next worker turn, "
       "or for the time given.",
       {{"for_s", "seconds of silence asked for; 0: until the next worker turn"},
        {"by", "who acknowledged (`human`, or the agent whose pane ran it)"}}},
      {"idle.watch_changed", "health",
       "Why the idle reminder is or is not sent changed (shown by `status --json`).",
       {{"reason", "`node_working`, `node_unknown`, `node_blocked_on_human`, `node_abnormal`, "
                   "`not_armed_no_worker_turn`, `acknowledged`, `debounce_active`, "
                   "`already_pinged_this_episode` or `all_idle_debounce_elapsed`"},
        {"armed", "whether a worker turn opened since the last reminder or acknowledgement"},
        {"blocking", "the nodes that are not idle, as `agent:state`"}}},
      {"agent.stuck", "health",
       "An agent with work (an open turn or an undelivered message) showed no screen output "
       "and no turn progress for `runtime.stuck_after_s`. The leader is told, at most once per "
       "agent in 10 minutes.",
       {{"agent_id", "the agent"},
        {"quiet_s", "seconds without output or progress"},
        {"pending_messages", "messages accepted for it and not delivered"},
        {"turn_state", "its turn state then"},
        {"message_id", "the message to the leader; empty when none was sent"}}},
      {"agent.unstuck", "health", "A stuck agent moved again, or has no work left.",
       {{"agent_id", "the agent"},
        {"why", "`progress` (output or turn progress) or `no_work`"}}},
      {"agent.fault", "health",
       "The agent's CLI wrote a fault into its session file (an API error, a failed turn), of "
       "a kind its provider's profile reports (`fault_signatures`). Once per (signature, turn), "
       "or per record when it names no turn.",
       {{"agent_id", "the agent"},
        {"signature", "`api_error`, `turn_failed`, `error_event` or `tool_result_is_error`"},
        {"turn_id", "the turn it happened in, when named"},
        {"api_error_status", "the HTTP status the CLI recorded; 0 when none"},
        {"error", "the CLI's words, redacted and shortened"},
        {"dedupe_key", "what makes it one fault"}}},
      {"agent.blocked_on_human", "health",
       "The agent waits on a person: an approval request in its session file, or a screen "
       "that takes no input (a prompt the supervisor does not answer).",
       {{"agent_id", "the agent"},
        {"source", "`session_file` or `screen`"},
        {"reason", "`approval_required`, or the screen (`numbered_menu`, `y_n_confirm`, …)"}}},
      {"team.deadlock_suspected", "health",
       "An idle agent with a ready composer has had messages accepted for it and undelivered "
       "for `runtime.stuck_after_s`: something keeps them from it.",
       {{"agent_id", "the agent"},
        {"pending_messages", "how many wait"},
        {"oldest_message_id", "the oldest of them"},
        {"waiting_s", "how long it has waited"}}},
      {"agent.cancel_requested", "health",
       "`team-agent cancel AGENT` asks the running supervisor to interrupt the agent's turn.",
       {{"request_id", "the request, answered by agent.request_completed"},
        {"agent_id", "the agent"}}},
      {"agent.cancelled", "health",
       "The provider's interrupt keys were sent to the agent's pane (or could not be).",
       {{"request_id", "the request"},
        {"agent_id", "the agent"},
        {"keys", "the tmux keys sent (the profile's `interrupt_keys`)"},
        {"ok", "whether tmux took them"},
        {"error", "why not"}}},
      {"supervisor.orphan_self_terminate", "health",
       "The supervisor's workspace was deleted or moved away under it (its log, lock and "
       "projections are gone from where every command looks): it stops by itself instead of "
       "living on as an orphan. Its agents keep running; `team-agent doctor --orphans "
       "--confirm` ends them. Recorded only where a log can still be written there (a `.team` "
       "made anew); a deleted workspace has no log left, and the stop is said on stderr.",
       {{"run_id", "the run that stops"},
        {"why", "what it saw, in words"},
        {"tmux_socket", "the private tmux server its agents still run on"}}},
  };
  return docs;
}

}  // namespace ta::events
