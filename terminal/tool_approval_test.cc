#include "terminal/tool_approval.h"

#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include <doctest/doctest.h>

#include "config/provider_profile.h"
#include "terminal/screen.h"

namespace {

using ta::terminal::ApprovalMeaning;
using ta::terminal::inspect_tool_approval;
using ta::terminal::keys_to_choice;

const ta::config::ScreenPatterns& screen_of(const std::string& provider) {
  static std::map<std::string, std::shared_ptr<const ta::config::ProviderProfile>> cache;
  auto& p = cache[provider];
  if (!p) p = *ta::config::builtin_profile(provider);
  return p->screen;
}

std::vector<std::string> approval_capture(const std::string& rel) {
  std::ifstream in(std::string(TEAM_AGENT_SOURCE_DIR) + "/tests/fixtures/captures/" + rel);
  std::stringstream ss;
  ss << in.rdbuf();
  return ta::terminal::visible_lines(ss.str());
}

std::vector<std::string> approval_lines(const std::string& text) {
  return ta::terminal::visible_lines(text);
}

const std::string kCodexAsk =
  "• Calling team_agent.send_message({\"to\":\"leader\",\"text\":\"hi\"})\n"
  "\n"
  "  Allow team_agent to run tool \"send_message\"?\n"
  "\n"
  "› 1. Allow                         Run the tool and continue.\n"
  "  2. Allow for this session        Run the tool and remember this choice for this session.\n"
  "  3. Allow and don't ask me again  Run the tool and remember this choice for future tool calls.\n"
  "  4. Cancel                        Cancel this tool call.\n"
  "\n"
  "  Press enter to confirm or esc to cancel\n";

}  // namespace

TEST_CASE("Claude's approval of a team_agent tool: allowed once, never as a saved rule") {
  for (const char* file : {"claude-2.1.332/mcp_tool_approval.txt",
                           "claude-2.1.332/mcp_tool_approval_ansi.txt"}) {
    CAPTURE(file);
    auto a = inspect_tool_approval(approval_capture(file), screen_of("claude"));
    REQUIRE(a);
    CHECK(a->server == "team_agent");
    CHECK(a->tool == "Send Message");
    REQUIRE(a->options.size() == 3);
    CHECK(a->meanings[1] == ApprovalMeaning::remembers);
    CHECK(a->meanings[2] == ApprovalMeaning::decline);
    CHECK(a->choice == 0);
    CHECK(a->scope() == "once");
    CHECK(keys_to_choice(*a).empty());
  }
}

TEST_CASE("Codex's approval of a team_agent tool: allowed for this session") {
  auto a = inspect_tool_approval(approval_lines(kCodexAsk), screen_of("codex"));
  REQUIRE(a);
  CHECK(a->server == "team_agent");
  CHECK(a->tool == "send_message");
  REQUIRE(a->options.size() == 4);
  CHECK(a->choice == 1);
  CHECK(a->scope() == "session");
  CHECK(a->meanings[2] == ApprovalMeaning::remembers);
  CHECK(a->meanings[3] == ApprovalMeaning::decline);
  CHECK(keys_to_choice(*a) == std::vector<std::string>{"Down"});
}

TEST_CASE("the selection may start anywhere; the keys go from it to the choice") {
  std::string moved = kCodexAsk;
  const std::string marked = "› 1.", unmarked = "  4.";
  moved.replace(moved.find(marked), marked.size(), "  1.");
  moved.replace(moved.find(unmarked), unmarked.size(), "› 4.");
  auto a = inspect_tool_approval(approval_lines(moved), screen_of("codex"));
  REQUIRE(a);
  CHECK(a->selected == 3);
  CHECK(keys_to_choice(*a) == std::vector<std::string>{"Up", "Up"});
}

TEST_CASE("another server's tool is recognised as such") {
  std::string other = kCodexAsk;
  for (std::size_t at; (at = other.find("team_agent")) != std::string::npos;)
    other.replace(at, 10, "github");
  auto a = inspect_tool_approval(approval_lines(other), screen_of("codex"));
  REQUIRE(a);
  CHECK(a->server == "github");
}

TEST_CASE("a command approval is not a tool approval, whatever its arguments say") {
  const std::string bash =
    "● Bash(echo hi)\n"
    "────────────────────────────────────────────────────────\n"
    " Bash command\n"
    "   echo hi\n"
    "   team_agent — Send Message Tool: (MCP)\n"
    " Runs a shell command\n"
    "\n"
    " Do you want to proceed?\n"
    " ❯ 1. Yes\n"
    "   2. Yes, and don't ask again for: echo hi *\n"
    "   3. No\n"
    "\n"
    " Esc to cancel · Tab to amend\n";
  CHECK_FALSE(inspect_tool_approval(approval_lines(bash), screen_of("claude")));
}

TEST_CASE("a heading in the conversation above the prompt is not its heading") {
  const std::string text =
    "● I will call team_agent — Send Message (MCP) next\n"
    "  a\n  b\n  c\n  d\n  e\n"
    " Do you want to proceed?\n"
    " ❯ 1. Yes\n"
    "   2. No\n";
  CHECK_FALSE(inspect_tool_approval(approval_lines(text), screen_of("claude")));
}

TEST_CASE("an answered prompt in the history, the composer below it, is not live") {
  std::string text = kCodexAsk +
                     "• team_agent.send_message ok\n"
                     "\n"
                     "› Ask Codex to do anything\n"
                     "\n"
                     "  gpt-5 default · ~/ws\n"
                     "  more\n"
                     "  lines\n";
  CHECK_FALSE(inspect_tool_approval(approval_lines(text), screen_of("codex")));
}

TEST_CASE("options that do not say what they allow are not chosen") {
  const std::string text =
    "  Allow team_agent to run tool \"send_message\"?\n"
    "› 1. Allow\n"
    "  2. Allow with care\n"
    "  3. Cancel\n";
  auto a = inspect_tool_approval(approval_lines(text), screen_of("codex"));
  REQUIRE(a);
  CHECK_FALSE(a->answerable());
  CHECK(a->problem.find("several options") != std::string::npos);
}

TEST_CASE("a profile without tool_approval patterns sees none") {
  ta::config::ScreenPatterns bare;
  CHECK_FALSE(inspect_tool_approval(approval_lines(kCodexAsk), bare));
}
