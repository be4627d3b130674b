#include "terminal/trust_options.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "terminal/screen.h"

using namespace ta::terminal;

namespace {

const ta::config::ScreenPatterns& patterns(const std::string& provider = "claude") {
  return (**ta::config::builtin_profile(provider)).screen;
}

std::vector<std::string> option_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

TrustOptions parse(const std::string& text, const std::string& provider = "claude") {
  return parse_trust_options(option_lines(text), patterns(provider));
}

TrustOptions parse_capture(const std::string& file, const std::string& provider) {
  std::ifstream in(std::string(TEAM_AGENT_SOURCE_DIR) + "/tests/fixtures/captures/" + file,
                   std::ios::binary);
  REQUIRE_MESSAGE(in.good(), file);
  std::ostringstream s;
  s << in.rdbuf();
  return parse_trust_options(normalise_capture(s.str()).lines, patterns(provider));
}

std::vector<std::string> labels(const TrustOptions& t) {
  std::vector<std::string> out;
  for (const auto& o : t.options) out.push_back(o.label);
  return out;
}

using Keys = std::vector<std::string>;

}  // namespace

TEST_CASE("Claude 2.1.33x: unnumbered, the selection on \"No, exit\": one Down reaches Yes") {
  auto t = parse_capture("claude-2.1.332/trust_prompt_default.txt", "claude");
  REQUIRE_MESSAGE(t.recognized(), t.problem);
  CHECK(labels(t) == std::vector<std::string>{"No, exit", "Yes, I trust this folder"});
  CHECK_FALSE(t.numbered);
  CHECK(t.options[0].meaning == OptionMeaning::decline);
  CHECK(t.options[1].meaning == OptionMeaning::accept);
  CHECK(t.selected == 0);
  CHECK(t.accepting == 1);
  CHECK_FALSE(t.accepting_selected());
  CHECK(keys_to_accepting(t) == Keys{"Down"});

  auto after = parse_capture("claude-2.1.332/trust_prompt_moved.txt", "claude");
  REQUIRE(after.recognized());
  CHECK(after.selected == 1);
  CHECK(after.accepting_selected());
  CHECK(keys_to_accepting(after).empty());
}

TEST_CASE("every captured trust prompt has one accepting option, found by meaning") {
  struct Case {
    const char* file;
    const char* provider;
    const char* accepting;
    int selected;
  };
  for (const Case& c : {
           Case{"codex-0.171.0/trust_prompt_default.txt", "codex", "Trust and continue", 0},
           Case{"codex/trust_prompt.txt", "codex", "Trust and continue", 0},
           Case{"codex/trust_prompt_ansi.txt", "codex", "Trust and continue", 0},
           Case{"codex/trust_prompt_narrow.txt", "codex", "Trust and continue", 0},
           Case{"codex/trust_prompt_width75.txt", "codex", "Trust and continue", 0},
           Case{"codex/trust_prompt_subdir.txt", "codex", "Trust and continue", 0},
           Case{"claude/trust_prompt.txt", "claude", "Yes, I trust this folder", 0},
           Case{"claude/trust_prompt_ansi.txt", "claude", "Yes, I trust this folder", 0},
           Case{"claude/trust_prompt_narrow.txt", "claude", "Yes, I trust this folder", 0},
           Case{"claude/trust_prompt_narrow_ansi.txt", "claude", "Yes, I trust this folder", 0},
       }) {
    CAPTURE(c.file);
    auto t = parse_capture(c.file, c.provider);
    REQUIRE_MESSAGE(t.recognized(), t.problem);
    CHECK(t.numbered);
    CHECK(t.options.size() == 2);
    CHECK(t.options[static_cast<std::size_t>(t.accepting)].label == c.accepting);
    CHECK(t.selected == c.selected);
    CHECK(t.options[1].meaning == OptionMeaning::decline);
  }
}

TEST_CASE("the marker on the declining option of a numbered list: Up, never Enter on it") {
  auto t = parse(
      "  Trust this folder? Codex can read, edit, and run files here.\n"
      "  1. Trust and continue\n"
      "› 2. Back to Agent Command Center\n"
      "  enter continue · esc back",
      "codex");
  REQUIRE_MESSAGE(t.recognized(), t.problem);
  CHECK(t.selected == 1);
  CHECK(t.accepting == 0);
  CHECK(keys_to_accepting(t) == Keys{"Up"});
}

TEST_CASE("three options, the selection in the middle, any of the usual markers") {
  for (std::string marker : {"❯", "›", ">", "▶"}) {
    CAPTURE(marker);
    auto t = parse(" Quick safety check: Is this a project you created or one you trust?\n"
                   "   Yes, I trust this folder\n"
                   " " + marker + " Not now\n"
                   "   No, exit\n"
                   " Enter to confirm · Esc to cancel");
    REQUIRE_MESSAGE(t.recognized(), t.problem);
    CHECK(labels(t) ==
          std::vector<std::string>{"Yes, I trust this folder", "Not now", "No, exit"});
    CHECK(t.selected == 1);
    CHECK(keys_to_accepting(t) == Keys{"Up"});
  }
  auto down = parse("❯ 1. No, exit\n  2. Not now\n  3. Yes, continue");
  REQUIRE(down.recognized());
  CHECK(keys_to_accepting(down) == Keys{"Down", "Down"});
}

TEST_CASE("wrapped option text and descriptions belong to the option above") {
  auto t = parse(
      "  Do you trust the contents of this directory?\n"
      "› 1. No, I do not want to let Codex work\n"
      "     here; quit now\n"
      "  2. Yes, I trust the files in this folder and\n"
      "     want to continue\n"
      "  Press enter to continue",
      "codex");
  REQUIRE_MESSAGE(t.recognized(), t.problem);
  CHECK(labels(t) == std::vector<std::string>{
                         "No, I do not want to let Codex work here; quit now",
                         "Yes, I trust the files in this folder and want to continue"});
  CHECK(keys_to_accepting(t) == Keys{"Down"});
}

TEST_CASE("options inside box borders, and a 'remember forever' option is not the answer") {
  auto t = parse(
      "│ Do you trust the files in this folder?                                       │\n"
      "│ ❯ 1. Yes                                                                     │\n"
      "│   2. Yes, and remember this folder for future sessions                       │\n"
      "│   3. No (Esc)                                                                │\n"
      "│ ↑/↓ to navigate · enter to select · esc to cancel                            │",
      "copilot");
  REQUIRE_MESSAGE(t.recognized(), t.problem);
  CHECK(labels(t) == std::vector<std::string>{
                         "Yes", "Yes, and remember this folder for future sessions", "No (Esc)"});
  CHECK(t.options[1].meaning == OptionMeaning::other);
  CHECK(t.accepting_selected());
}

TEST_CASE("a marked line that is not an option list does not count") {
  // The fake agent's Codex-style prompt: "> You are in …" above the list.
  auto t = parse(
      "Do you trust the contents of this directory?\n"
      "> You are in /w\n"
      "> 1. Yes, continue\n"
      "  2. No, quit\n"
      "Press enter to continue",
      "fake");
  REQUIRE_MESSAGE(t.recognized(), t.problem);
  CHECK(labels(t) == std::vector<std::string>{"Yes, continue", "No, quit"});
  CHECK(t.accepting_selected());
  // A banner's ">_ OpenAI Codex" is not a selection.
  CHECK_FALSE(parse("│ >_ OpenAI Codex │\n│    Yes │", "codex").recognized());
}

TEST_CASE("unrecognized: nothing is certain, so nothing may be pressed") {
  struct Case {
    const char* what;
    const char* screen;
    const char* problem;
  };
  for (const Case& c : {
           Case{"no selection marker", "  1. Yes, continue\n  2. No, quit",
                "no option list with a selection marker"},
           Case{"one line holding both", "  ▌ 1. Yes  ▌ 2. No", "no option list"},
           Case{"no accepting option", "❯ Not now\n  No, exit", "no option reads as accepting"},
           Case{"two accepting options", "❯ Yes, continue\n  Trust this folder\n  No, exit",
                "2 options read as accepting"},
           Case{"an option that is both", "❯ Yes, but exit\n  No, quit",
                "both accepting and declining"},
           Case{"two markers in one list", "❯ Yes, continue\n❯ No, quit",
                "the selection marker is on 2 options"},
           Case{"numbers out of order", "› 1. Yes, continue\n  3. No, quit",
                "not numbered 1 to 2"},
           Case{"two lists with a marker", "❯ Yes\n  No\nsomething else\n❯ 1. Yes\n  2. No",
                "2 option lists"},
       }) {
    CAPTURE(c.what);
    auto t = parse(c.screen);
    CHECK_FALSE(t.recognized());
    CHECK_MESSAGE(t.problem.find(c.problem) != std::string::npos, t.problem);
    CHECK(t.accepting == -1);
    CHECK(keys_to_accepting(t).empty());
  }
}

TEST_CASE("meanings: accept and decline words, in any case") {
  const auto& p = patterns("codex");
  auto meaning = [&](const std::string& label) {
    return parse_trust_options({"› " + label, "  Something else"}, p).options.at(0).meaning;
  };
  for (const char* yes : {"Yes, I trust this folder", "Trust and continue", "Yes, continue",
                          "Yes, proceed", "yes", "I trust this folder"}) {
    CAPTURE(yes);
    CHECK(meaning(yes) == OptionMeaning::accept);
  }
  for (const char* no : {"No, exit", "No", "Back to Agent Command Center", "Quit", "Cancel",
                         "Don't trust", "Do not trust this folder", "Exit", "No (Esc)"}) {
    CAPTURE(no);
    CHECK(meaning(no) == OptionMeaning::decline);
  }
  for (const char* other : {"Not now maybe", "Security guide", "Yes, always remember"}) {
    CAPTURE(other);
    CHECK(meaning(other) != OptionMeaning::accept);
  }
}
