#include "events/catalogue_doc.h"

namespace ta::events {

const std::vector<EventDoc>& session_event_docs() {
  static const std::vector<EventDoc> docs = {
      // sessions --------------------------------------------------------------
      {"session.launched", "sessions",
       "The supervisor is about to start an agent's CLI with this session: a fresh one (Claude "
       "gets a new random id, Codex chooses its own) or the one a restart resumes. Appended "
       "before the pane's program starts.",
       {{"agent_id", "the agent"},
        {"provider", "its provider profile"},
        {"format", "`claude` or `codex` (whose files keep the session); empty when none is kept"},
        {"session_id", "the id given or resumed; empty for a fresh Codex session"},
        {"mode", "`fresh` or `resumed`"},
        {"run_id", "the supervisor run that launched it"},
        {"cwd", "the pane's working directory, resolved"},
        {"root", "where the CLI keeps its sessions (Claude's config dir, Codex's home)"}}},
      {"session.captured", "sessions",
       "The agent's session was found in its CLI's own files and holds its context (Claude: the "
       "transcript of the id it was given, with the same cwd and a user message; Codex: the "
       "rollout started in the agent's cwd at its launch). A restart resumes the newest one.",
       {{"agent_id", "the agent"},
        {"provider", "its provider profile"},
        {"format", "`claude` (a transcript) or `codex` (a rollout)"},
        {"session_id", "the CLI's session id"},
        {"path", "the transcript or rollout file"},
        {"via", "`session_id` (the id we gave), `rollout_scan` (found by cwd and start time)"},
        {"confidence", "`high`, or `medium` when the file's originator is not the CLI's own"}}},
      {"session.capture_missing", "sessions",
       "The agent's session could not be found or holds no context yet (a CLI writes its "
       "session only once a message was submitted).",
       {{"agent_id", "the agent"},
        {"provider", "its provider profile"},
        {"session_id", "the id looked for; empty for Codex"},
        {"reason", "`transcript_missing`, `blank_session`, `cwd_mismatch`, `unreadable` or "
                   "`no_matching_rollout`"}}},
      {"session.discarded", "sessions",
       "The agent's sessions so far were given up on purpose (`reset --discard-session`): a "
       "restart never resumes a session recorded before this tombstone.",
       {{"agent_id", "the agent"},
        {"session_id", "its session at the time; empty when none was known"},
        {"reason", "why, in words"}}},

      // restart ---------------------------------------------------------------
      {"restart.first_interaction_invalid", "restart",
       "A restart found a worker's recorded first interaction unreadable and refused before "
       "starting anything.",
       {{"agent_id", "the worker"}, {"recorded", "the value the log holds"}}},
      {"restart.resume_decision", "restart",
       "What a restart decided for one agent, before any pane was started.",
       {{"agent_id", "the agent"},
        {"decision", "`resume`, `fresh_start` or `refuse`"},
        {"reason", "`session_verified`, `earlier_session_verified`, `never_interacted`, "
                   "`allowed_fresh`, `session_unverified` or `no_session`"},
        {"session_id", "the session resumed, or the one that failed to verify"},
        {"first_interaction_at", "when the leader first reached the agent; empty: never"}}},
      {"restart.atomic_refusal", "restart",
       "A restart refused as a whole because an agent that had worked could not be resumed "
       "(or a first interaction was unreadable); nothing was started.",
       {{"agents", "each refused agent: `agent_id`, `reason`, `session_id`, "
                   "`first_interaction_at`"},
        {"invalid_first_interaction", "agents whose first interaction could not be read"}}},
      {"restart.fell_back_fresh", "restart",
       "A resumed agent's CLI exited at once, and `--allow-fresh` let it start a fresh session.",
       {{"agent_id", "the agent"},
        {"session_id", "the session that could not be resumed"},
        {"reason", "what happened, in words"}}},
      {"restart.rollback", "restart",
       "Starting an agent failed during a restart, so every pane that restart had created was "
       "removed again; the team is as it was before.",
       {{"run_id", "the run whose launches were undone: its `session.launched` never started"},
        {"agent_id", "the agent whose start failed"},
        {"reason", "the failure, as one sentence"},
        {"panes_removed", "tmux pane ids removed"}}},
      {"restart.complete", "restart",
       "A restart started every agent it had to, each resumed or fresh.",
       {{"agents", "each agent started: `agent_id`, `mode` (`resumed` or `fresh`), "
                   "`session_id`"}}},
  };
  return docs;
}

}  // namespace ta::events
