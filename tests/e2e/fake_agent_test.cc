// `team-agent fake-agent` in a real (private) tmux server: its screens per
// mode, pastes and their placeholders, the Codex Enter guard, the blocking
// screens and how they are (or are not) dismissed, API errors and dying.
// Everything waits on a condition (screen text, transcript line), never on
// a fixed sleep, except around the Enter guard, which is about time itself.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "tests/e2e/fake_agent_support.h"

using namespace ta::test;
using namespace std::chrono_literals;

TEST_CASE("fake-agent is hidden from --help but runs") {
  auto help = run({team_agent_bin(), "--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("fake-agent") == std::string::npos);
  auto own = run({team_agent_bin(), "fake-agent", "--help"});
  CHECK(own.exit_code == 0);
  CHECK(own.out.find("--sticky-trust") != std::string::npos);
  auto bad = run({team_agent_bin(), "fake-agent", "--mode", "vim"});
  CHECK(bad.exit_code == 2);
}

TEST_CASE("each mode draws the idle screen of the CLI it imitates") {
  SUBCASE("codex: › composer, key hints and the model footer") {
    FakeAgent agent({"--mode", "codex"});
    REQUIRE(agent.wait_for_screen("⏎ send   ⌃J newline   ⌃T transcript   ⌃C quit"));
    auto lines = screen_lines(agent.screen());
    CHECK(has_line(lines, "›"));
    CHECK(agent.shows("fake-model medium · "));
    CHECK(agent.shows(">_ OpenAI Codex"));
  }
  SUBCASE("claude: ❯ in a box and '? for shortcuts'") {
    FakeAgent agent({"--mode", "claude"});
    REQUIRE(agent.wait_for_screen("? for shortcuts"));
    auto lines = screen_lines(agent.screen());
    CHECK(has_line_starting(lines, "│ ❯ "));
    CHECK(has_line_starting(lines, "╭──"));
    CHECK(has_line_starting(lines, "╰──"));
  }
  SUBCASE("claude 2.x: ❯ between two rules") {
    FakeAgent agent({"--mode", "claude", "--claude-style", "rule"});
    REQUIRE(agent.wait_for_screen("? for shortcuts"));
    CHECK(has_line(screen_lines(agent.screen()), "❯\u00a0"));
  }
  SUBCASE("plain: a '> ' prompt") {
    FakeAgent agent({"--mode", "plain"});
    REQUIRE(agent.wait_for_screen("(plain)"));
    CHECK(wait_until([&] { return has_line(screen_lines(agent.screen()), ">"); }));
  }
}

TEST_CASE("a pasted message submitted with Enter is recorded with its token, once") {
  for (std::string mode : {"codex", "claude", "plain"}) {
    CAPTURE(mode);
    FakeAgent agent({"--mode", mode, "--paste-enter-guard-ms", "0", "--placeholder-lines", "0",
                     "--work-ms", "100"});
    REQUIRE(agent.wait_until_ready());
    const std::string text = rendered("msg_00000000000a", "please run the tests");
    agent.tmux.paste(agent.pane, text);
    REQUIRE(agent.wait_for_screen("[team-agent-token:msg_00000000000a]"));
    CHECK(agent.entries("submitted").empty());
    agent.tmux.send_keys(agent.pane, {"Enter"});
    REQUIRE(agent.wait_for_entry("submitted"));
    auto submitted = agent.entries("submitted");
    REQUIRE(submitted.size() == 1);
    CHECK(submitted[0]["text"] == text);
    CHECK(submitted[0]["tokens"] == nlohmann::json::array({"msg_00000000000a"}));
    CHECK(submitted[0]["bytes"] == text.size());
    REQUIRE(agent.wait_for_entry("turn_done"));
  }
}

TEST_CASE("a long paste shows the CLI's placeholder and Enter submits the full text") {
  SUBCASE("codex: [Pasted Content N chars]") {
    FakeAgent agent({"--mode", "codex", "--paste-enter-guard-ms", "0"});
    REQUIRE(agent.wait_until_ready());
    std::string text = rendered("msg_00000000000b", std::string(1500, 'x'));
    agent.tmux.paste(agent.pane, text);
    REQUIRE(agent.wait_for_screen("› [Pasted Content " + std::to_string(text.size()) + " chars]"));
    CHECK(!agent.shows("xxxxxxxxxx"));
    agent.tmux.send_keys(agent.pane, {"Enter"});
    REQUIRE(agent.wait_for_entry("submitted"));
    CHECK(agent.entries("submitted")[0]["text"] == text);
  }
  SUBCASE("claude: [Pasted text #1 +4 lines]") {
    FakeAgent agent({"--mode", "claude"});
    REQUIRE(agent.wait_until_ready());
    std::string text = rendered("msg_00000000000c", "short");  // 5 lines, 4 newlines
    agent.tmux.paste(agent.pane, text);
    REQUIRE(agent.wait_for_screen("[Pasted text #1 +4 lines]"));
    agent.tmux.send_keys(agent.pane, {"Enter"});
    REQUIRE(agent.wait_for_entry("submitted"));
    CHECK(agent.entries("submitted")[0]["text"] == text);
  }
}

TEST_CASE("a 200 KiB paste arrives whole") {
  FakeAgent agent({"--mode", "codex", "--paste-enter-guard-ms", "0"});
  REQUIRE(agent.wait_until_ready());
  std::string content;
  for (int i = 0; content.size() < 200 * 1024; ++i)
    content += "line " + std::to_string(i) + " of a very long message, with some words in it\n";
  std::string text = rendered("msg_00000000000d", content);
  agent.tmux.paste(agent.pane, text);
  REQUIRE(agent.wait_for_screen("[Pasted Content " + std::to_string(text.size()) + " chars]", 30s));
  agent.tmux.send_keys(agent.pane, {"Enter"});
  REQUIRE(agent.wait_for_entry("submitted", 1, 30s));
  auto submitted = agent.entries("submitted");
  REQUIRE(submitted.size() == 1);
  CHECK(submitted[0]["bytes"] == text.size());
  CHECK(submitted[0]["text"] == text);
  CHECK(submitted[0]["tokens"] == nlohmann::json::array({"msg_00000000000d"}));
}

TEST_CASE("codex: Enter right after a paste is a newline; a later Enter submits") {
  FakeAgent agent({"--mode", "codex"});  // the default guard: 120 ms
  REQUIRE(agent.wait_until_ready());
  const std::string text = rendered("msg_00000000000e", "guarded");
  agent.tmux.paste(agent.pane, text, /*enter_right_after=*/true);
  REQUIRE(agent.wait_for_entry("enter_as_newline"));
  CHECK(agent.entries("submitted").empty());
  // The guard is a time window: let it pass, as the supervisor's settle time does.
  std::this_thread::sleep_for(300ms);
  agent.tmux.send_keys(agent.pane, {"Enter"});
  REQUIRE(agent.wait_for_entry("submitted"));
  auto submitted = agent.entries("submitted");
  REQUIRE(submitted.size() == 1);
  CHECK(submitted[0]["text"] == text + "\n");
  CHECK(submitted[0]["tokens"] == nlohmann::json::array({"msg_00000000000e"}));
}

TEST_CASE("a paste keeps ESC bytes and ends at the first ESC[201~, like a terminal app") {
  FakeAgent agent({"--mode", "claude"});
  REQUIRE(agent.wait_until_ready());
  const std::string coloured = "red \x1b[31mtext\x1b[0m";
  agent.tmux.paste(agent.pane, coloured);
  REQUIRE(agent.wait_for_screen("red ␛[31mtext␛[0m"));  // drawn harmless, kept as is
  agent.tmux.send_keys(agent.pane, {"Enter"});
  REQUIRE(agent.wait_for_entry("submitted"));
  CHECK(agent.entries("submitted")[0]["text"] == coloured);

  // What follows an early end marker arrives as typed keys.
  agent.tmux.paste(agent.pane, "before\x1b[201~after");
  REQUIRE(agent.wait_for_screen("❯ beforeafter"));
  agent.tmux.send_keys(agent.pane, {"Enter"});
  REQUIRE(agent.wait_for_entry("submitted", 2));
  CHECK(agent.entries("submitted")[1]["text"] == "beforeafter");
}
