#include "events/catalogue_doc.h"

namespace ta::events {

const std::vector<EventDoc>& agent_event_docs() {
  static const std::vector<EventDoc> docs = {
      {"agent.stop_requested", "agents",
       "`team-agent stop AGENT` asked the running supervisor to close the agent's pane; its "
       "session is kept and messages to it wait until it is started again.",
       {{"request_id", "the request's id, echoed by `agent.request_completed`"},
        {"agent_id", "the agent"}}},
      {"agent.start_requested", "agents",
       "`team-agent start AGENT` asked the running supervisor to start a stopped agent, "
       "resuming its session as a restart would.",
       {{"request_id", "the request's id"},
        {"agent_id", "the agent"},
        {"allow_fresh", "whether it may start fresh when its context cannot be resumed"}}},
      {"agent.restart_requested", "agents",
       "`team-agent restart AGENT` asked the running supervisor to close the agent's pane and "
       "start it again in its session.",
       {{"request_id", "the request's id"},
        {"agent_id", "the agent"},
        {"allow_fresh", "whether it may start fresh when its context cannot be resumed"}}},
      {"agent.reset_requested", "agents",
       "`team-agent reset AGENT --discard-session` asked the running supervisor to give up the "
       "agent's session (a `session.discarded` tombstone) and start it fresh.",
       {{"request_id", "the request's id"},
        {"agent_id", "the agent"},
        {"discard_session", "always true: the flag is required"}}},
      {"agent.remove_requested", "agents",
       "`team-agent remove-agent ID` asked the running supervisor to stop the agent and remove "
       "it from `team.json`.",
       {{"request_id", "the request's id"},
        {"agent_id", "the agent"},
        {"force", "whether an agent that is working may be removed"}}},
      {"agent.add_requested", "agents",
       "`team-agent add-agent ID` asked the running supervisor to add a worker to `team.json` "
       "and start its pane.",
       {{"request_id", "the request's id"},
        {"agent_id", "the new worker's id"},
        {"provider", "its provider profile"},
        {"role", "its role text; empty when none"},
        {"model", "its model; empty for the provider's default"}}},
      {"agent.request_completed", "agents",
       "The supervisor's outcome of one per-agent request; `status` folds the agent's lifecycle "
       "(running, stopped, removed) from these.",
       {{"request_id", "the request answered"},
        {"verb", "`stop`, `start`, `restart`, `reset`, `remove` or `add`"},
        {"agent_id", "the agent"},
        {"ok", "whether the request was carried out (a no-op counts)"},
        {"reason", "a word: `done`, `already_running`, `already_stopped`, `refused`, "
                   "`working`, `unknown_agent`, `invalid`, `failed`"},
        {"mode", "`resumed` or `fresh` when the agent was started; empty otherwise"},
        {"session_id", "the session it was started in, when known"},
        {"message", "one sentence for people"}}},
  };
  return docs;
}

}  // namespace ta::events
