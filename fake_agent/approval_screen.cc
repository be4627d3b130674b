// The tool approval prompt each CLI draws in place of its working line and
// input box while the model waits to run a command, as captured from Claude
// Code 2.1.332 (default permission mode) and Codex 0.171.0 (approval policy
// on-request) driven by a local stand-in for their APIs: Claude's "Do you
// want to proceed?" under a rule with four options, Codex's "Would you like
// to run the following command?" with three. No working line and no input
// line show meanwhile: the screen is a blocking prompt, not work, not idle.
#include <cctype>

#include "fake_agent/screen.h"
#include "fake_agent/text.h"

namespace ta::fake {

namespace {

struct ApprovalText {
  std::vector<std::string> head;     // the tool call and what is asked
  std::vector<std::string> options;  // top to bottom; the last one declines
  std::string indent;                // of the options
  std::string marker;                // before the selected option
  std::string hint;
};

// The tool the turn's reply calls, by name and as Claude titles it.
std::string asked_tool(const Options& o) {
  return o.reply == ReplyKind::send ? "send_message" : "report_result";
}
std::string tool_title(const std::string& name) {
  std::string t = name;
  bool start = true;
  for (auto& c : t) {
    if (c == '_') c = ' ';
    else if (start) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    start = c == ' ';
  }
  return t;
}

ApprovalText mcp_approval_text(const Options& o, int width) {
  const std::string server = o.approval_tool, tool = asked_tool(o), title = tool_title(tool);
  if (o.mode == Mode::claude)
    return {{"● Calling " + server + "… (ctrl+o to expand)", "", repeat("─", width), " Tool use",
             " " + server + " — " + title + " Tool: (MCP)", repeat("╌", width),
             " to: \"leader\"", repeat("╌", width), "", " Do you want to proceed?"},
            {"Yes", "Yes, and don't ask again for " + server + " — " + title + " commands in " + o.cwd,
             "No"},
            " ",
            "❯ ",
            " Esc to cancel · Tab to amend"};
  if (o.mode == Mode::codex)
    return {{"• Calling " + server + "." + tool, "",
             "  Allow " + server + " to run tool \"" + tool + "\"?", ""},
            {"Allow  Run the tool and continue.",
             "Allow for this session  Run the tool and remember this choice for this session.",
             "Allow and don't ask me again  Run the tool and remember this choice for future "
             "tool calls.",
             "Cancel  Cancel this tool call."},
            "",
            "› ",
            "  Press enter to confirm or esc to cancel"};
  return {{server + " — " + tool + " (MCP)"},
          {"Yes", "Yes, for this session", "No"},
          "",
          "> ",
          "Enter to confirm · Esc to cancel"};
}

ApprovalText approval_text(const Options& o, int width) {
  if (!o.approval_tool.empty()) return mcp_approval_text(o, width);
  const std::string command = kAskedCommand, description = kAskedDescription;
  if (o.mode == Mode::claude)
    return {{"● Bash(" + command + ")", "  ⎿  Waiting…", "", repeat("─", width), " Bash command",
             " " + description, repeat("╌", width), " " + command, repeat("╌", width), "",
             " Do you want to proceed?"},
            {"Yes", "Yes, and don’t ask again for: " + command + " *",
             "Yes, and switch to auto mode · auto mode handles these prompts for you", "No"},
            " ",
            "❯ ",
            " Esc to cancel · Tab to amend"};
  if (o.mode == Mode::codex)
    return {{"• Running " + command, "", "  Would you like to run the following command?", "",
             "  Environment: local", "", "  Reason: " + description, "", "  $ " + command, ""},
            {"Yes, proceed (y)",
             "Yes, and don't ask again for commands that start with `" + command + "` (p)",
             "No, and tell Codex what to do differently (esc)"},
            "",
            "› ",
            "  Press enter to confirm or esc to cancel"};
  return {{"The agent wants to run: " + command},
          {"Yes", "Yes, and don't ask again", "No"},
          "",
          "> ",
          "Enter to confirm · Esc to cancel"};
}

}  // namespace

int approval_choices(const Options& o) {
  if (!o.approval_tool.empty()) return o.mode == Mode::codex ? 4 : 3;
  return o.mode == Mode::claude ? 4 : 3;
}

std::vector<std::string> approval_lines(const Options& o, int selection, int width) {
  ApprovalText t = approval_text(o, width);
  std::vector<std::string> lines{""};
  lines.insert(lines.end(), t.head.begin(), t.head.end());
  lines.push_back("");
  for (std::size_t i = 0; i < t.options.size(); ++i) {
    bool selected = static_cast<int>(i) == selection;
    lines.push_back(t.indent + (selected ? t.marker : std::string(display_width(t.marker), ' ')) +
                    std::to_string(i + 1) + ". " + t.options[i]);
  }
  lines.push_back("");
  lines.push_back(t.hint);
  return lines;
}

}  // namespace ta::fake
