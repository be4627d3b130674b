#include "terminal/composer.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace ta::terminal;

namespace {

const std::string kCaptures = std::string(TEAM_AGENT_SOURCE_DIR) + "/tests/fixtures/captures/";
const std::string kToken = "msg_0123456789ab";

std::string capture(const std::string& rel) {
  std::ifstream in(kCaptures + rel, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << rel);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const ta::config::ProviderProfile& profile(const std::string& name) {
  return **ta::config::builtin_profile(name);
}

std::optional<ComposerRegion> box(const std::string& rel, const std::string& provider) {
  return find_composer(capture(rel), profile(provider));
}

}  // namespace

TEST_CASE("Claude 2.1.332: a pasted message is inside the composer; after Enter it is not") {
  const auto& claude = profile("claude");
  auto pasted = capture("claude-2.1.332/pasted_short.txt");
  auto b = find_composer(pasted, claude);
  REQUIRE(b);
  CHECK(b->closed);
  CHECK(b->text == "Say hello in one word. [team-agent-token:msg_0123456789ab]");
  CHECK(composer_holds(pasted, kToken, claude));
  // After Enter the message is a history line ("❯ " + plain space) above a
  // spinner or retry line; the live box below is empty.
  for (const char* frame : {"claude-2.1.332/after_submit_f02.txt",
                            "claude-2.1.332/after_submit_f06.txt", "claude-2.1.332/retrying.txt"}) {
    CAPTURE(frame);
    auto after = capture(frame);
    REQUIRE(after.find(kToken) != std::string::npos);  // the echo is on screen
    auto a = find_composer(after, claude);
    REQUIRE(a);
    CHECK(a->empty());
    CHECK_FALSE(composer_holds(after, kToken, claude));
  }
}

TEST_CASE("Claude: right after Enter, before Claude takes it, the message is still in the box") {
  auto first = capture("claude-2.1.332/after_submit_f01.txt");
  CHECK(composer_holds(first, kToken, profile("claude")));
}

TEST_CASE("Claude: placeholders and the grey resend hint") {
  CHECK(box("claude-2.1.332/pasted_long.txt", "claude")->text == "[Pasted text #1]");
  CHECK(box("claude-2.1.332/pasted_multiline.txt", "claude")->text ==
        "[Pasted text #2 +4 lines]");
  auto after_error = box("claude-2.1.332/api_error_final.txt", "claude");
  REQUIRE(after_error);
  CHECK(after_error->empty());
  CHECK(after_error->hint == "Resend your message to try again");
  CHECK(box("claude/idle.txt", "claude")->empty());
  CHECK(box("claude/interrupted_prompt_restored.txt", "claude")->text.find("Please reply") == 0);
}

TEST_CASE("Claude: no composer on a trust prompt or a key question") {
  CHECK_FALSE(box("claude-2.1.332/trust_prompt_default.txt", "claude"));
  CHECK_FALSE(box("claude-2.1.332/api_key_confirm.txt", "claude"));
}

TEST_CASE("Codex 0.171.0: the composer is the lowest › box above the footer") {
  const auto& codex = profile("codex");
  auto pasted = capture("codex-0.171.0/pasted_short.txt");
  auto b = find_composer(pasted, codex);
  REQUIRE(b);
  CHECK(b->closed);
  CHECK(b->text == "Say hello in one word. [team-agent-token:msg_0123456789ab]");
  CHECK(composer_holds(pasted, kToken, codex));
  // After Enter the token shows twice outside the box: the history line
  // "› Say hello…" and the footer that echoes the message's title.
  for (const char* frame : {"codex-0.171.0/after_submit_f01.txt",
                            "codex-0.171.0/after_submit_f02.txt",
                            "codex-0.171.0/reconnecting_waiting.txt"}) {
    CAPTURE(frame);
    auto after = capture(frame);
    auto a = find_composer(after, codex);
    REQUIRE(a);
    CHECK(a->empty());
    CHECK(a->hint == "Ask Codex to do anything");
    CHECK_FALSE(composer_holds(after, kToken, codex));
  }
}

TEST_CASE("Codex: multi-line and placeholder pastes, old and new versions") {
  std::string five;
  for (int i = 1; i <= 5; ++i)
    five += (i > 1 ? "\n" : "") + std::string("Line ") + std::to_string(i) +
            ": this is line number " + std::to_string(i) + " of a five line pasted message.";
  CHECK(box("codex-0.171.0/pasted_multiline.txt", "codex")->text == five);
  CHECK(box("codex/placeholder_multiline.txt", "codex")->text == five);
  CHECK(box("codex-0.171.0/pasted_long.txt", "codex")->text == "[Pasted Content 1100 chars]");
  CHECK(box("codex/idle.txt", "codex")->empty());
  CHECK(box("codex/waiting_for_startup.txt", "codex")->text == "Say hello in one word.");
}

TEST_CASE("Codex: the trust prompt's selected option is not a composer") {
  CHECK_FALSE(box("codex-0.171.0/trust_prompt_default.txt", "codex"));
  CHECK_FALSE(box("codex-0.171.0/trust_prompt_moved.txt", "codex"));
}

TEST_CASE("a box with no end line runs to the bottom; wrapped text still holds the token") {
  const auto& codex = profile("codex");
  std::string screen = "› Say hello [team-agent-token:msg_01234\n  56789ab]\n";
  auto b = find_composer(screen, codex);
  REQUIRE(b);
  CHECK_FALSE(b->closed);
  CHECK(composer_holds(screen, kToken, codex));
  CHECK_FALSE(composer_holds("no composer here " + kToken, kToken, codex));
}
