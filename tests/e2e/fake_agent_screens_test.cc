// The fake agent's blocking screens (trust prompt, menu, login, y/n), API
// errors, dying on request and resizing, in a real (private) tmux server.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/e2e/fake_agent_support.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

// The pane's line that starts with `prefix`, or "".
std::string line_starting(const FakeAgent& agent, const std::string& prefix) {
  for (const auto& l : screen_lines(agent.screen()))
    if (l.rfind(prefix, 0) == 0) return l;
  return "";
}

}  // namespace

TEST_CASE("codex trust prompt: a digit does not answer it, Enter does") {
  FakeAgent agent({"--mode", "codex", "--trust-prompt"});
  REQUIRE(agent.wait_for_screen("Do you trust the contents of this directory?"));
  CHECK(agent.shows("> You are in " + agent.dir.path()));
  CHECK(agent.shows("› 1. Yes, continue"));
  CHECK(agent.shows("Press enter to continue"));
  agent.tmux.send_literal(agent.pane, "1");
  REQUIRE(agent.wait_for_entry("ignored_input"));
  CHECK(agent.entries("ignored_input")[0]["phase"] == "trust");
  CHECK(agent.entries("ignored_input")[0]["text"] == "1");
  CHECK(!agent.shows("⏎ send"));
  agent.tmux.send_keys(agent.pane, {"Enter"});
  REQUIRE(agent.wait_for_entry("trust_answered"));
  REQUIRE(agent.wait_for_screen("⏎ send"));
}

TEST_CASE("claude trust prompt names the folder and is dismissed by Enter") {
  FakeAgent agent({"--mode", "claude", "--trust-prompt"});
  REQUIRE(agent.wait_for_screen("Quick safety check"));
  CHECK(agent.shows("❯ 1. Yes, I trust this folder"));
  CHECK(agent.shows(" " + agent.dir.path()));
  agent.tmux.send_keys(agent.pane, {"Enter"});
  REQUIRE(agent.wait_for_screen("? for shortcuts"));
  CHECK(!agent.shows("Quick safety check"));
}

TEST_CASE("claude 2.1.33x trust prompt: unnumbered, Enter on the pre-selected \"No, exit\" quits") {
  FakeAgent agent({"--mode", "claude", "--trust-style", "claude-2.1.33x"});
  REQUIRE(agent.wait_for_screen("Quick safety check"));
  CHECK(has_line(screen_lines(agent.screen()), " ❯ No, exit"));
  CHECK(has_line(screen_lines(agent.screen()), "   Yes, I trust this folder"));
  agent.tmux.send_keys(agent.pane, {"Enter"});
  REQUIRE(agent.wait_for_exit_status("1"));
  CHECK(agent.entries("exiting")[0]["reason"] == "trust declined: No, exit");
  CHECK(agent.entries("trust_answered").empty());
}

TEST_CASE("claude 2.1.33x trust prompt: Down moves onto Yes and Enter trusts") {
  FakeAgent agent({"--mode", "claude", "--trust-style", "claude-2.1.33x"});
  REQUIRE(agent.wait_for_screen("Quick safety check"));
  agent.tmux.send_keys(agent.pane, {"Down"});
  REQUIRE(agent.wait_for_screen(" ❯ Yes, I trust this folder"));
  CHECK(agent.entries("selection_moved")[0]["option"] == "Yes, I trust this folder");
  agent.tmux.send_keys(agent.pane, {"Enter"});
  REQUIRE(agent.wait_for_entry("trust_answered"));
  CHECK(agent.entries("trust_answered")[0]["option"] == "Yes, I trust this folder");
  REQUIRE(agent.wait_for_screen("? for shortcuts"));
}

TEST_CASE("codex 0.171 trust prompt in a git subdirectory names the repository root") {
  FakeAgent agent({"--mode", "codex", "--trust-style", "codex-0.171", "--trust-repo-root",
                   "/tmp/some-repo"});
  REQUIRE(agent.wait_for_screen("Trust this folder?"));
  auto lines = screen_lines(agent.screen());
  CHECK(has_line(lines, "  Folder access"));
  CHECK(has_line(lines, "  " + agent.dir.path()));
  CHECK(has_line(lines, "  /tmp/some-repo"));
  CHECK(agent.shows("subdirectory of a Git project"));
  CHECK(has_line(lines, "› 1. Trust and continue"));
  agent.tmux.send_keys(agent.pane, {"Down", "Enter"});
  REQUIRE(agent.wait_for_exit_status("1"));
  CHECK(agent.entries("exiting")[0]["reason"] == "trust declined: Back to Agent Command Center");
}

TEST_CASE("--sticky-trust never goes away") {
  FakeAgent agent({"--mode", "codex", "--sticky-trust"});
  REQUIRE(agent.wait_for_screen("Do you trust the contents of this directory?"));
  agent.tmux.send_keys(agent.pane, {"Enter"});
  REQUIRE(agent.wait_for_entry("ignored_input"));
  CHECK(agent.entries("ignored_input")[0]["key"] == "enter");
  CHECK(agent.entries("trust_answered").empty());
  CHECK(agent.shows("Do you trust the contents of this directory?"));
  CHECK(!agent.shows("⏎ send"));
}

TEST_CASE("--trust-path: a long path is cut at the pane's right edge") {
  std::string path = "/tmp/workspaces/" + std::string(150, 'w');
  FakeAgent agent({"--mode", "codex", "--trust-prompt", "--trust-path", path}, 100, 30);
  REQUIRE(agent.wait_for_screen("Do you trust the contents of this directory?"));
  std::string line = line_starting(agent, "> You are in ");
  CHECK(line.size() == 100);
  CHECK(("> You are in " + path).rfind(line, 0) == 0);
}

TEST_CASE("--menu waits for a choice") {
  FakeAgent agent({"--mode", "claude", "--menu"});
  REQUIRE(agent.wait_for_screen("❯ 1. Resume previous conversation"));
  CHECK(agent.shows("  2. Start a new conversation"));
  agent.tmux.send_literal(agent.pane, "2");
  REQUIRE(agent.wait_for_entry("menu_choice"));
  CHECK(agent.entries("menu_choice")[0]["choice"] == 2);
  REQUIRE(agent.wait_for_screen("? for shortcuts"));
}

TEST_CASE("--login never goes away") {
  FakeAgent agent({"--mode", "codex", "--login"});
  REQUIRE(agent.wait_for_screen("Press enter to log in"));
  CHECK(agent.shows("Sign in with ChatGPT"));
  agent.tmux.send_keys(agent.pane, {"Enter"});
  REQUIRE(agent.wait_for_entry("ignored_input"));
  CHECK(agent.shows("Press enter to log in"));
}

TEST_CASE("--confirm takes y, not Enter") {
  FakeAgent agent({"--mode", "plain", "--confirm"});
  REQUIRE(agent.wait_for_screen("(y/n)"));
  agent.tmux.send_keys(agent.pane, {"Enter"});
  REQUIRE(agent.wait_for_entry("ignored_input"));
  CHECK(agent.shows("(y/n)"));
  agent.tmux.send_literal(agent.pane, "y");
  REQUIRE(agent.wait_for_entry("confirm_answered"));
  REQUIRE(agent.wait_until_ready());
  CHECK(!agent.shows("(y/n)"));
}

TEST_CASE("--api-error-after shows the mode's API error block") {
  SUBCASE("claude: API Error: Overloaded") {
    FakeAgent agent({"--mode", "claude", "--api-error-after", "1", "--work-ms", "50"});
    REQUIRE(agent.wait_until_ready());
    agent.tmux.paste(agent.pane, "hello");
    REQUIRE(agent.wait_for_screen("hello"));
    agent.tmux.send_keys(agent.pane, {"Enter"});
    REQUIRE(agent.wait_for_screen("API Error: Overloaded"));
    REQUIRE(agent.wait_for_entry("api_error"));
  }
  SUBCASE("claude: a wrapped claude: / request timed out pair") {
    FakeAgent agent({"--mode", "claude", "--api-error-after", "1", "--api-error-kind", "timeout",
                     "--work-ms", "50"});
    REQUIRE(agent.wait_until_ready());
    agent.tmux.paste(agent.pane, "hello");
    REQUIRE(agent.wait_for_screen("hello"));
    agent.tmux.send_keys(agent.pane, {"Enter"});
    REQUIRE(agent.wait_for_screen("request timed out after 60s"));
    REQUIRE(agent.wait_for_entry("api_error"));
  }
  SUBCASE("codex: stream error, 429 Too Many Requests") {
    FakeAgent agent({"--mode", "codex", "--api-error-after", "2", "--work-ms", "50",
                     "--paste-enter-guard-ms", "0"});
    REQUIRE(agent.wait_until_ready());
    agent.tmux.send_literal(agent.pane, "message 1");
    agent.tmux.send_keys(agent.pane, {"Enter"});
    REQUIRE(agent.wait_for_entry("turn_done"));
    CHECK(!agent.shows("stream error"));
    agent.tmux.send_literal(agent.pane, "message 2");
    agent.tmux.send_keys(agent.pane, {"Enter"});
    REQUIRE(agent.wait_for_entry("api_error"));
    REQUIRE(agent.wait_for_screen("■ stream error: HTTPError: 429 Too Many Requests; retrying"));
    CHECK(agent.entries("api_error").size() == 1);
    CHECK(agent.entries("api_error")[0]["seq"] == 2);
  }
}

TEST_CASE("--die-after and --die-on end the agent with --exit-code") {
  SUBCASE("die-after") {
    FakeAgent agent({"--mode", "plain", "--die-after", "1"});
    REQUIRE(agent.wait_until_ready());
    agent.tmux.paste(agent.pane, rendered("msg_00000000000f", "last words"), true);
    REQUIRE(agent.wait_for_exit_status("3"));
    CHECK(agent.entries("submitted").size() == 1);
    CHECK(agent.entries("exiting")[0]["code"] == 3);
  }
  SUBCASE("die-on") {
    FakeAgent agent({"--mode", "claude", "--die-on", "POISON", "--exit-code", "7"});
    REQUIRE(agent.wait_until_ready());
    agent.tmux.paste(agent.pane, "fine");
    REQUIRE(agent.wait_for_screen("fine"));
    agent.tmux.send_keys(agent.pane, {"Enter"});
    REQUIRE(agent.wait_for_entry("turn_done"));
    agent.tmux.paste(agent.pane, "a POISON pill", true);
    REQUIRE(agent.wait_for_exit_status("7"));
  }
}

TEST_CASE("a resized pane is redrawn to its new width") {
  FakeAgent agent({"--mode", "claude"});
  REQUIRE(agent.wait_for_screen("? for shortcuts"));
  agent.tmux.tmux({"resize-window", "-t", agent.pane, "-x", "60", "-y", "20"});
  REQUIRE(wait_until([&] {
    auto lines = screen_lines(agent.screen());
    std::string bottom = "╰";
    for (int i = 0; i < 58; ++i) bottom += "─";
    return lines.size() == 20 && has_line(lines, bottom + "╯");
  }));
}
