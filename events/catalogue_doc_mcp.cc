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
      {"mcp.approval_answered", "mcp",
       "An agent's CLI asked whether it may run a tool of the team's own MCP server "
       "(`team_agent`) and the pane's actor allowed it: for the rest of the CLI's session when "
       "the prompt offers that, else for this one call. Never an option that saves a rule "
       "beyond the session, and never a prompt of another server or of a command.",
       {{"agent_id", "the agent whose pane showed the prompt"},
        {"server", "the MCP server the prompt names"},
        {"tool", "the tool as the prompt names it"},
        {"option", "the label of the option chosen"},
        {"scope", "`session` or `once`"}}},
      {"mcp.approval_left", "mcp",
       "A tool approval prompt is left for a person (the agent shows as blocked on a human in "
       "`status` meanwhile); recorded once per prompt.",
       {{"agent_id", "the agent whose pane shows the prompt"},
        {"server", "the MCP server the prompt names"},
        {"tool", "the tool as the prompt names it"},
        {"reason", "`other_server` (not the team's own tools), `no_clear_option` (no single "
                   "option allows the call for this session or once), `not_confirmed` (the "
                   "keys did not select the option, or the prompt stayed after Enter)"},
        {"detail", "what was seen, in a sentence"}}},
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
