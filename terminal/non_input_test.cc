#include "terminal/non_input.h"

#include <doctest/doctest.h>

#include "tests/support/reference_fixture.h"

using namespace ta::terminal;
using ta::test::reference_fixture;

namespace {

const ta::config::ProviderProfile& profile(const std::string& name) {
  if (name == "any") return *ta::config::any_provider_profile();
  return **ta::config::builtin_profile(name);
}

NonInputVerdict classify(const std::string& capture, const std::string& provider = "any") {
  return classify_non_input(normalise_capture(capture), profile(provider));
}

NonInputState state_of(const std::string& capture, const std::string& provider = "any") {
  return classify(capture, provider).state;
}

}  // namespace

TEST_CASE("real Codex trust prompts block input, whichever run they come from") {
  for (const char* f : {"pane_state/codex-awaiting-trust-slice2-103116-worker.txt",
                        "pane_state/codex-awaiting-trust-slice2-103705-worker.txt",
                        "pane_state/codex-awaiting-trust-slice2-restart-122111-worker.txt",
                        "pane_state/codex_trust_prompt.txt"}) {
    CAPTURE(f);
    auto v = classify(reference_fixture(f), "codex");
    CHECK(v.state == NonInputState::trust_prompt);
    CHECK(v.evidence.find("trust_prompt: line") == 0);
  }
}

TEST_CASE("an answered trust prompt above a live composer is history") {
  auto v = classify(
      reference_fixture("pane_state/codex-input-ready-smoke-20260525T071651-worker-a-status.txt"),
      "codex");
  CHECK(v.state == NonInputState::none);
}

TEST_CASE("idle Claude leaders and plain noise do not block input") {
  for (const char* f : {"pane_state/claude-input-ready-slice2-102233-leader.txt",
                        "pane_state/claude-input-ready-slice2-103116-leader.txt",
                        "pane_state/claude-input-ready-slice2-103705-leader.txt"}) {
    CAPTURE(f);
    CHECK(state_of(reference_fixture(f), "claude") == NonInputState::none);
  }
  CHECK(state_of(reference_fixture("pane_state/unknown-unclassified-noise.txt")) ==
        NonInputState::none);
  CHECK(classify("").evidence == "the screen is empty");
}

TEST_CASE("numbered menus: real ones block, numbered prose does not") {
  CHECK(state_of(reference_fixture("pane_state/claude_resume_numbered_menu.txt"), "claude") ==
        NonInputState::numbered_menu);
  CHECK(state_of(reference_fixture("pane_state/leader_markdown_numbered_prose_false_positive.txt"),
                 "claude") == NonInputState::none);
  CHECK(state_of("Pick one:\n1. Keep going\n2. Stop\n") == NonInputState::numbered_menu);
  CHECK(state_of("│ ❯ 1. Yes │\n│   2. No  │\n╰──────────╯") == NonInputState::numbered_menu);
  CHECK(state_of("Plan:\n1. read the code\n2. fix it\nThen I will report back.") ==
        NonInputState::none);
}

TEST_CASE("each blocking state is recognised, trust before the press-enter it contains") {
  CHECK(state_of("Do you trust the contents of this directory?\nPress enter to continue") ==
        NonInputState::trust_prompt);
  CHECK(state_of("  Trust this folder?\n› 1. Yes\n  2. No", "codex") ==
        NonInputState::trust_prompt);
  CHECK(state_of("Press enter to log in") == NonInputState::first_run_auth);
  CHECK(state_of(" Select login method:\n ❯ 1. Claude account", "claude") ==
        NonInputState::first_run_auth);
  CHECK(state_of("Your capability may degrade after compaction") ==
        NonInputState::compaction_warning);
  CHECK(state_of("Press any key") == NonInputState::press_enter);
  CHECK(state_of("Overwrite? [y/N]") == NonInputState::y_n_confirm);
  CHECK(state_of("me@host:~/repo$") == NonInputState::shell_prompt_cli_dead);
  CHECK(state_of("me@host repo %") == NonInputState::shell_prompt_cli_dead);
}

TEST_CASE("a pattern spans a line the pane wrapped") {
  CHECK(state_of("  Do you trust the contents of this\n  directory? Working with untrusted",
                 "codex") == NonInputState::trust_prompt);
}

TEST_CASE("percentages and prices on the last line are not shell prompts") {
  CHECK(state_of("❯ \n  Context left until auto-compact: 12%", "claude") == NonInputState::none);
  CHECK(state_of("done: 100%") == NonInputState::none);
  CHECK(state_of("it costs 5$") == NonInputState::none);
  CHECK(state_of("[agent] ok\n> raise it by 10 %", "fake") == NonInputState::none);
}

TEST_CASE("a shell prompt below a dead CLI's old input box is the CLI dying") {
  CHECK(state_of("❯ \n────\nuser@host repo $", "claude") == NonInputState::shell_prompt_cli_dead);
}

TEST_CASE("the fake agent's blocking screens are recognised in every mode") {
  // Shapes drawn by `team-agent fake-agent` (fake_agent/prompts.cc).
  CHECK(state_of("Do you trust the contents of this directory?\n> You are in /w\n> 1. Yes, "
                 "continue\n  2. No, quit\nPress enter to continue",
                 "fake") == NonInputState::trust_prompt);
  CHECK(state_of(" Accessing workspace:\n /w\n Quick safety check: Is this a project you "
                 "created or one you trust?\n ❯ 1. Yes, I trust this folder\n   2. No, exit",
                 "fake") == NonInputState::trust_prompt);
  CHECK(state_of("Not signed in.\nPress enter to log in", "fake") == NonInputState::first_run_auth);
  CHECK(state_of("Welcome back to the fake agent\n> 1. Resume previous conversation\n  2. Start "
                 "a new conversation\nEnter to confirm · Esc to cancel",
                 "fake") == NonInputState::numbered_menu);
  CHECK(state_of("w1 wants to run: team-agent report\nAllow this command? (y/n)", "fake") ==
        NonInputState::y_n_confirm);
  CHECK(state_of("[agent] done\n> ", "fake") == NonInputState::none);
}
