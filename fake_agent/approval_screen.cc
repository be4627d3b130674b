// The tool approval prompt each CLI draws where its working line and input
// box were while the model waits to run a command: Claude Code's "Do you
// want to proceed?" under a rule, Codex's "Would you like to run the
// following command?", three numbered options with the selection marker of
// the mode's menus, and the keys' hint. No working line and no input line
// show meanwhile, so the screen is a blocking prompt, not work and not idle.
#include "fake_agent/screen.h"
#include "fake_agent/text.h"

namespace ta::fake {

namespace {

struct ApprovalText {
  std::vector<std::string> head;     // what is asked
  std::vector<std::string> options;  // top to bottom; the last one declines
  std::string indent;                // of the options
  std::string marker;                // before the selected option
  std::string hint;
};

ApprovalText approval_text(const Options& o, int width) {
  const std::string command = kAskedCommand;
  if (o.mode == Mode::claude)
    return {{repeat("─", width), " Bash command", "", "   " + command,
             "   " + std::string(kAskedDescription), "", " Do you want to proceed?"},
            {"Yes", "Yes, and don't ask again for " + command + " commands in " + o.cwd,
             "No, and tell Claude what to do differently (esc)"},
            " ",
            "❯ ",
            " Esc to cancel · Tab to amend"};
  if (o.mode == Mode::codex)
    return {{"  Would you like to run the following command?", "", "  $ " + command},
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
