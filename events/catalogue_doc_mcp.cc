#include "events/catalogue_doc.h"

namespace ta::events {

const std::vector<EventDoc>& mcp_event_docs() {
  static const std::vector<EventDoc> docs = {
      {"mcp.tool_called", "mcp",
       "An agent called one of the team's tools through `team-agent mcp` (its CLI's MCP "
       "connection); appended after the call ran, whatever its outcome. The arguments are not "
       "recorded: what the tool did has its own events (`message.accepted`, "
       "`result.reported`, …).",
       {{"agent_id", "the calling agent ($TEAM_AGENT_ID of the server)"},
        {"tool", "the tool's name as the agent asked for it"},
        {"ok", "whether the tool did what was asked"},
        {"error_code", "why not, as a word (`bad_arguments`, `unknown_tool`, `leader_only`, "
                       "`refused`, `no_supervisor`, `failed`); empty when ok"}}},
      {"human.requested", "human",
       "An agent asked a person a question (the `request_human` tool); `status` lists it "
       "until `team-agent answer REQUEST_ID TEXT` answers it.",
       {{"request_id", "the question's id (`hq_` + 12 hex), for `team-agent answer`"},
        {"agent_id", "the agent that asked"},
        {"question", "the question, as the agent put it"},
        {"options", "answers the agent suggested; empty when none"}}},
      {"human.answered", "human",
       "A person answered an agent's question (`team-agent answer`); the answer goes to the "
       "agent as a message from `human`, recorded in the same batch.",
       {{"request_id", "the question answered"},
        {"agent_id", "the agent that asked, and gets the answer"},
        {"answer", "the answer's text"},
        {"message_id", "the message.accepted that carries it to the agent"}}},
  };
  return docs;
}

}  // namespace ta::events
