#pragma once
// Drawing the fake agent: a snapshot of what it shows (ScreenState) becomes
// the rows of the pane (Frame), shaped like the CLI of its mode.
#include <deque>
#include <string>
#include <vector>

#include "fake_agent/options.h"

namespace ta::fake {

// Which screen takes the keyboard. All but `ready` block input to the agent.
enum class Phase { splash, trust, login, api_key, menu, confirm, ready };

// One item of the conversation above the prompt.
struct Entry {
  enum class Kind {
    verbatim,  // drawn as is (the banner, an answered trust prompt)
    user,      // a submitted message
    agent,     // the agent's answer
    tool,      // output of a command the agent ran
    error,     // an API error block
  };
  Kind kind;
  std::string text;
};

struct ScreenState {
  Phase phase = Phase::ready;
  const std::deque<Entry>* history = nullptr;
  std::string composer;  // what the input box shows
  bool working = false;
  int working_seconds = 0;
  int selection = 0;  // highlighted choice of the trust prompt or menu
  int approval = -1;  // highlighted choice of the tool approval prompt; -1: none shows
  std::string hint;   // transient footer text ("ctrl + c again to quit")
};

struct Frame {
  std::vector<std::string> lines;  // each at most `width` columns
  int cursor_row = 0;
  int cursor_col = 0;
};

Frame render(const Options& opts, const ScreenState& state, int width, int height);

// The blocking screens and fixed texts of each mode (fake_agent/prompts.cc).
std::vector<std::string> prompt_lines(const Options& opts, Phase phase, int selection, int width);
std::string banner_text(const Options& opts);
std::string api_error_text(Mode mode, ApiErrorKind kind, const std::string& api_key = {});
int prompt_choices(const Options& opts, Phase phase);  // how many options the phase offers

// The tool approval prompt (--approval-on), drawn in place of the working
// line and the input box: the command the model asks to run, and the mode's
// options, of which all but the last allow it (fake_agent/approval_screen.cc).
inline constexpr const char* kAskedCommand = "git status";
inline constexpr const char* kAskedDescription = "Show the working tree status";
int approval_choices(const Options& opts);
std::vector<std::string> approval_lines(const Options& opts, int selection, int width);

}  // namespace ta::fake
