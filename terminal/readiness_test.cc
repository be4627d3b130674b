#include "terminal/readiness.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace ta::terminal;

namespace {

const std::string kCaptures = std::string(TEAM_AGENT_SOURCE_DIR) + "/tests/fixtures/captures/";

std::string capture(const std::string& rel) {
  std::ifstream in(kCaptures + rel, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << rel);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

ReadinessVerdict readiness(const std::string& rel, const std::string& provider) {
  return classify_readiness(capture(rel), **ta::config::builtin_profile(provider));
}

std::string state(const std::string& rel, const std::string& provider) {
  auto v = readiness(rel, provider);
  INFO(rel << ": " << v.evidence);
  return readiness_name(v.state);
}

}  // namespace

TEST_CASE("Codex 0.171.0 draws its composer before it accepts input: that splash is starting") {
  // Logo art, "› Ask Codex to do anything" and "? for shortcuts", but no
  // model footer yet: before the trust prompt and again right after it.
  CHECK(state("codex-0.171.0/splash_f01.txt", "codex") == "starting");
  CHECK(state("codex-0.171.0/splash_f02.txt", "codex") == "starting");
  CHECK(state("codex-0.171.0/after_trust_f01.txt", "codex") == "starting");
  auto v = readiness("codex-0.171.0/after_trust_f01.txt", "codex");
  CHECK(v.evidence.find("no ready marker") != std::string::npos);
  // The model footer "GPT-… default · /path" says it is ready.
  CHECK(state("codex-0.171.0/after_trust_f02.txt", "codex") == "ready");
  CHECK(state("codex-0.171.0/idle.txt", "codex") == "ready");
  CHECK(readiness("codex-0.171.0/idle.txt", "codex").evidence.find("default ·") !=
        std::string::npos);
}

TEST_CASE("Codex: pasted and working screens are ready; prompts and logins are blocked") {
  CHECK(state("codex-0.171.0/pasted_short.txt", "codex") == "ready");
  CHECK(state("codex-0.171.0/after_submit_f02.txt", "codex") == "ready");
  CHECK(state("codex-0.171.0/trust_prompt_default.txt", "codex") == "blocked");
  CHECK(state("codex-0.171.0/login.txt", "codex") == "blocked");
  CHECK(state("codex-0.171.0/api_key_confirm.txt", "codex") == "blocked");
  CHECK(state("codex/waiting_for_startup.txt", "codex") == "starting");
  CHECK(state("codex/idle.txt", "codex") == "ready");
}

TEST_CASE("Claude 2.1.332: the composer between its rules is ready; dialogs are blocked") {
  CHECK(state("claude-2.1.332/startup_f01.txt", "claude") == "ready");
  CHECK(state("claude-2.1.332/idle.txt", "claude") == "ready");
  CHECK(state("claude-2.1.332/pasted_short.txt", "claude") == "ready");
  CHECK(state("claude-2.1.332/trust_prompt_default.txt", "claude") == "blocked");
  CHECK(state("claude-2.1.332/api_key_confirm.txt", "claude") == "blocked");
  CHECK(state("claude/shell_prompt_after_exit.txt", "claude") == "blocked");
}

TEST_CASE("blank screens and logo art without a composer are starting") {
  const auto& codex = **ta::config::builtin_profile("codex");
  CHECK(classify_readiness("", codex).state == Readiness::starting);
  CHECK(classify_readiness("\n\n   \n", codex).state == Readiness::starting);
  auto logo = classify_readiness("  >_ OpenAI Codex (v0.171.0)\n     loading\n   ⣀⣤⣤⣤⣀⣀\n ⢀⣾⣿⣿⠿⠋⠉⠉⢉⣭⣿⣿⣿\n",
                                 codex);
  CHECK(logo.state == Readiness::starting);
  CHECK(logo.evidence.find("logo art") != std::string::npos);
}
