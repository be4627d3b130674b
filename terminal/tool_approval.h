#pragma once
// An agent CLI asking whether it may run one call of an MCP server's tool:
// Claude's "Tool use / team_agent — Send Message Tool: (MCP) … Do you want
// to proceed?" menu, Codex's `Allow team_agent to run tool "send_message"?`
// choices. Read by meaning with the profile's tool_approval patterns: the
// heading names the server and the tool, each option's label says whether
// it allows the call once, for the rest of the session, beyond the session
// (a saved rule), or declines. The answer we may give is the one option
// that allows for this session, else the one that allows once; never a
// saved rule (that would change the user's settings for later sessions).
#include <optional>
#include <string>
#include <vector>

#include "config/provider_profile.h"
#include "terminal/option_list.h"

namespace ta::terminal {

enum class ApprovalMeaning { session, remembers, once, decline, other };

const char* approval_meaning_name(ApprovalMeaning m);

struct ToolApproval {
  std::string server;  // as the heading names it ("team_agent")
  std::string tool;    // as the heading names it ("Send Message", "send_message")
  std::string heading; // the heading line, for evidence
  std::vector<MenuOption> options;
  std::vector<ApprovalMeaning> meanings;
  int selected = -1;      // the option the marker is on
  int choice = -1;        // the option to answer with; -1: none for certain
  std::string problem;    // why no option is chosen; empty when one is

  bool answerable() const { return choice >= 0; }
  // "session" or "once" for the chosen option.
  std::string scope() const;
  const std::string& choice_label() const;
};

// The tool approval prompt at the bottom of `lines` (a normalised screen,
// top to bottom, tall enough to hold the whole prompt), if one shows: a
// marked option list that ends the screen (only hint lines below it), with
// a heading naming a server and a tool in the prompt above it — among the
// first lines below the prompt's top rule, or just above the options when
// the CLI draws no rule. Text the model wrote (the call's arguments) sits
// lower in the prompt and is never read as its heading.
std::optional<ToolApproval> inspect_tool_approval(const std::vector<std::string>& lines,
                                                  const config::ScreenPatterns& patterns);

// The tmux keys that move the selection onto the chosen option.
std::vector<std::string> keys_to_choice(const ToolApproval& a);

}  // namespace ta::terminal
