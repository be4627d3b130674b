#include "terminal/activity.h"

#include <doctest/doctest.h>

#include "tests/support/reference_fixture.h"

using namespace ta::terminal;
using ta::test::reference_fixture;

namespace {

ActivityVerdict classify(const std::string& capture, const std::string& provider,
                         const ActivityInput& in = {}) {
  const auto& p = provider == "any" ? *ta::config::any_provider_profile()
                                    : **ta::config::builtin_profile(provider);
  return classify_activity(normalise_capture(capture), p, in);
}

ActivityInput aged(double seconds) {
  ActivityInput in;
  in.last_output_age_s = seconds;
  return in;
}

}  // namespace

TEST_CASE("real Codex panes: idle composer, and a live Working line above the composer") {
  auto idle = classify(reference_fixture("pane_activity/codex_idle.txt"), "codex");
  CHECK(idle.status == Activity::idle);
  CHECK(idle.confidence >= 0.85);
  auto working = classify(reference_fixture("pane_activity/codex_working.txt"), "codex");
  CHECK(working.status == Activity::working);
  CHECK(working.evidence.find("live status line '• Working (35s") == 0);
}

TEST_CASE("prose that says \"Working with\" is not a working marker") {
  auto v = classify(reference_fixture("pane_state/codex-awaiting-trust-slice2-103705-worker.txt"),
                    "codex");
  CHECK(v.status == Activity::uncertain);
}

TEST_CASE("real Claude idle leader is idle") {
  auto v = classify(reference_fixture("pane_state/claude-input-ready-slice2-103705-leader.txt"),
                    "claude");
  CHECK(v.status == Activity::idle);
}

TEST_CASE("the latest marker wins") {
  CHECK(classify("✱ Working (12s) ⠋\n  ↳ esc to interrupt\nresult\n› Find and fix a bug", "codex")
            .status == Activity::idle);
  CHECK(classify("› old prompt\nThinking...", "codex").status == Activity::working);
  CHECK(classify(
            "• Working (514s · esc to interrupt)\ntool call\n─ Worked for 8m 34s ─\n› Run /review",
            "codex")
            .status == Activity::idle);
}

TEST_CASE("a live status line wins over the input box drawn below it") {
  // Codex keeps its composer (with a placeholder suggestion) on screen while
  // a turn runs; the status line above it is what says "busy".
  CHECK(classify("› do it\n\n• Working (3s • esc to interrupt)\n\n› Summarize recent commits\n\n"
                 "  gpt-5.5 medium · /tmp/w",
                 "codex")
            .status == Activity::working);
  // Claude Code's spinner sits above its prompt box.
  CHECK(classify("⏺ Reading files\n✻ Thinking… (3s · esc to interrupt)\n╭────╮\n│ ❯  "
                 "│\n╰────╯\n"
                 "  ? for shortcuts",
                 "claude")
            .status == Activity::working);
  // Past tense is a finished turn.
  CHECK(classify("✻ Baked for 18s\n────\n❯ \n────\n  ? for shortcuts", "claude").status ==
        Activity::idle);
}

TEST_CASE("unknown is never idle: uncertain, working or stuck by the output's age") {
  CHECK(classify("some output", "codex").status == Activity::uncertain);
  CHECK(classify("some output", "codex").confidence == doctest::Approx(0.5));
  CHECK(classify("", "codex").status == Activity::uncertain);
  CHECK(classify("some output", "codex", aged(5)).status == Activity::working);
  auto stuck = classify("some output", "codex", aged(400));
  CHECK(stuck.status == Activity::stuck);
  CHECK(stuck.evidence.find("no output for 400s") != std::string::npos);
  CHECK(classify("some output", "codex", aged(200)).status == Activity::uncertain);
}

TEST_CASE("a working marker with no output for the stuck timeout is stuck") {
  auto in = aged(301);
  CHECK(classify("Working (5s)", "codex", in).status == Activity::stuck);
  in.stuck_after_s = 600;
  CHECK(classify("Working (5s)", "codex", in).status == Activity::working);
  auto frozen = aged(900);
  CHECK(classify("• Working (35s • esc to interrupt)\n\n› \n", "codex", frozen).status ==
        Activity::stuck);
}

TEST_CASE("an idle prompt is idle however old the last output") {
  CHECK(classify("› Find and fix a bug in @filename", "codex", aged(4000)).status ==
        Activity::idle);
}

TEST_CASE("copy mode and a foreign process make it uncertain") {
  ActivityInput in;
  in.pane_in_mode = true;
  auto v = classify("› ready", "codex", in);
  CHECK(v.status == Activity::uncertain);
  CHECK(v.evidence.find("pane_in_mode") == 0);
  ActivityInput vim;
  vim.current_command = "/usr/bin/vim";
  auto w = classify("› ready", "codex", vim);
  CHECK(w.status == Activity::uncertain);
  CHECK(w.confidence == doctest::Approx(0.75));
  CHECK(w.evidence == "the pane runs vim, not the codex CLI");
  vim.current_command = "node";
  CHECK(classify("› ready", "codex", vim).status == Activity::idle);
}

TEST_CASE("a shell prompt below the CLI's old input line is not idle") {
  auto v = classify("❯ \n────\nme@box:/tmp/w$", "claude");
  CHECK(v.status == Activity::uncertain);
  CHECK(v.evidence.find("is a shell prompt") != std::string::npos);
}

TEST_CASE("the fake agent's three modes read as idle and working") {
  CHECK(
      classify("• done\n\n› \n\n  ⏎ send   ⌃J newline\n  fake-model medium · /w", "fake").status ==
      Activity::idle);
  CHECK(classify("• Working (2s • esc to interrupt)\n\n› \n\n  ⏎ send   ⌃J newline\n  fake-model "
                 "medium · /w",
                 "fake")
            .status == Activity::working);
  CHECK(classify("────\n❯\u00a0\n────\n  ? for shortcuts", "fake").status == Activity::idle);
  CHECK(classify("[agent] ok\n> ", "fake").status == Activity::idle);
  CHECK(classify("working (4s, esc to interrupt)\n> ", "fake").status == Activity::working);
}

TEST_CASE("logo art is not a spinner; a spinner glyph that starts a status line is") {
  // Codex's Braille logo, as on its splash and sign-in screens.
  const std::string logo =
    "  >_ OpenAI Codex (v0.171.0)\n     loading\n"
    "                                                       ⣀⣤⣤⣤⣀⣀\n"
    "                                                    ⣠⣶⣿⣿⣿⣿⣿⣿⣿⣿⣦⣤⣤⣤⣤⣤⣤⡀\n"
    "                                                ⠙⠛⠛⠛⠻⠛⢿⣿⣿⣿⣿⣷⣾⣿⣿⣿⡿⠏\n"
    "                                                ⠹⣿⣿⣿⣤⣀ ⠈⠉ ⢀⣤⣶⣿⣿⣿⠿⠟⠁ ⣰⣿⣿⡟⠋⠁\n"
    "                                                          ⠈⠙⠛⠿⠿⠿⠿⠛⠉\n";
  for (const char* provider : {"codex", "claude", "any"}) {
    CAPTURE(provider);
    CHECK(classify(logo, provider).status != Activity::working);
    CHECK(classify(logo + "  Welcome to Codex, OpenAI's command-line coding agent\n", provider)
              .status != Activity::working);
    CHECK(classify("⠋ Thinking about the request\n", provider).status == Activity::working);
  }
}
