#include "util/redact.h"

#include <chrono>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace ta;

namespace {

bool leaks(const std::string& text, const std::string& secret) {
  return redact_secrets(text).find(secret) != std::string::npos;
}

std::string read_capture(const std::string& name) {
  std::ifstream in(std::string(TEAM_AGENT_SOURCE_DIR) + "/tests/fixtures/captures/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("provider keys are redacted, full and ellipsised") {
  CHECK(redact_secrets("OPENAI_API_KEY=sk-proj-Ab12Cd34Ef56Gh78Ij90kLmN") ==
        "OPENAI_API_KEY=[REDACTED:provider_key]");
  CHECK(redact_secrets("key sk-ant-api03-AbCdEf0123456789-xyz_ZYX done") ==
        "key [REDACTED:provider_key] done");
  // Claude 2.1.332's key confirmation: a prefix, an ellipsis and a secret tail.
  CHECK(redact_secrets("  ANTHROPIC_API_KEY: sk-ant-...34567890abcdefABCDEF") ==
        "  ANTHROPIC_API_KEY: [REDACTED:provider_key]");
  CHECK(redact_secrets("sk-…34567890abcdefABCDEF.") == "[REDACTED:provider_key].");
  CHECK(redact_secrets("Incorrect API key provided: sk-proj-********************wxyz") ==
        "Incorrect API key provided: [REDACTED:provider_key]");
  // Codex's key box shows the key it found in full, however short.
  CHECK(redact_secrets("│sk-dummy      │") == "│[REDACTED:provider_key]      │");
  CHECK(redact_secrets("\"sk-or-v1-0123456789abcdef\"") == "\"[REDACTED:provider_key]\"");
  CHECK(redact_secrets("sk_live_4eC39HqLyjWDarjtT1zdp7dc") == "[REDACTED:provider_key]");
}

TEST_CASE("the key-confirmation captures keep no key") {
  auto claude = read_capture("claude/api_key_confirm.txt");
  REQUIRE(claude.find("sk-ant-dummy") != std::string::npos);
  CHECK_FALSE(leaks(claude, "sk-ant"));
  CHECK_FALSE(leaks(claude, "dummy"));
  auto codex = read_capture("codex/api_key_confirm.txt");
  REQUIRE(codex.find("sk-dummy") != std::string::npos);
  CHECK_FALSE(leaks(codex, "dummy"));
  CHECK(redact_secrets(codex).find("Detected OPENAI_API_KEY environment variable.") !=
        std::string::npos);
  // Raw captures with colours: an escape sequence's final letter is no part of the key.
  for (const char* f : {"claude/api_key_confirm_ansi.txt", "codex/api_key_confirm_ansi.txt"}) {
    auto ansi = read_capture(f);
    REQUIRE(ansi.find("dummy") != std::string::npos);
    CHECK_FALSE(leaks(ansi, "dummy"));
  }
}

TEST_CASE("AWS access and secret keys") {
  CHECK(redact_secrets("id AKIAIOSFODNN7EXAMPLE ok") == "id [REDACTED:aws_access_key] ok");
  CHECK(redact_secrets("ASIAY34FZKBOKMUTVV7A") == "[REDACTED:aws_access_key]");
  CHECK(redact_secrets("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") ==
        "aws_secret_access_key = [REDACTED:aws_secret_key]");
  CHECK(redact_secrets("AWS Secret Access Key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") ==
        "AWS Secret Access Key: [REDACTED:aws_secret_key]");
  CHECK(redact_secrets("AKIAIOSFODNN7EXAMPLE1") == "AKIAIOSFODNN7EXAMPLE1");  // 17 characters
  CHECK(redact_secrets("AKIAS") == "AKIAS");
}

TEST_CASE("GitHub, GitLab and Slack tokens") {
  CHECK(redact_secrets("ghp_16C7e42F292c6912E7710c838347Ae178B4a") == "[REDACTED:github_token]");
  for (std::string p : {"gho_", "ghu_", "ghs_", "ghr_"})
    CHECK(redact_secrets(p + "abcdefghij0123456789ABCD") == "[REDACTED:github_token]");
  CHECK(redact_secrets("github_pat_11ABCDEFG0123456789_abcdefghijklmnop") ==
        "[REDACTED:github_token]");
  CHECK(redact_secrets("glpat-xxxxXXXX1234yyyyZZZZ") == "[REDACTED:gitlab_token]");
  for (std::string p : {"xoxa-", "xoxb-", "xoxp-", "xoxr-", "xoxs-"})
    CHECK(redact_secrets(p + "1234567890-abcdefABCDEF") == "[REDACTED:slack_token]");
  CHECK(redact_secrets("ghp_short") == "ghp_short");
}

TEST_CASE("Bearer tokens and Authorization headers") {
  CHECK(redact_secrets("Authorization: Bearer abc123DEF456ghi789") ==
        "Authorization: Bearer [REDACTED:bearer_token]");
  CHECK(redact_secrets("curl -H 'Authorization: Basic dXNlcjpwYXNz'") ==
        "curl -H 'Authorization: Basic [REDACTED:authorization]'");
  CHECK(redact_secrets("sent bearer 9f8e7d6c5b4a39281706") == "sent bearer [REDACTED:bearer_token]");
  CHECK(redact_secrets("authorization=tok_9f8e7d6c5b4a") == "authorization=[REDACTED:authorization]");
  // Prose about them is not a secret.
  CHECK(redact_secrets("Use a Bearer token for authentication.") ==
        "Use a Bearer token for authentication.");
  CHECK(redact_secrets("Authorization: required") == "Authorization: required");
}

TEST_CASE("JWT-like triples") {
  std::string jwt =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
      "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
  CHECK(redact_secrets("cookie " + jwt + ";") == "cookie [REDACTED:jwt];");
  CHECK(redact_secrets("eyJhbGciOi.short") == "eyJhbGciOi.short");
}

TEST_CASE("key-like values after key, token, secret and password words") {
  CHECK(redact_secrets("API_TOKEN=Zx81kPq0LmN3vB7cT5rW") == "API_TOKEN=[REDACTED:secret]");
  CHECK(redact_secrets("\"client_secret\": \"8c1f0e2d4b6a9f7e3c5d1b0a\"") ==
        "\"client_secret\": \"[REDACTED:secret]\"");
  CHECK(redact_secrets("db password: hunter2hunter2XY99") == "db password: [REDACTED:password]");
  CHECK(redact_secrets("passwd Qw3rtyUiop4sdfGh") == "passwd [REDACTED:password]");
  CHECK(redact_secrets("apiKey := a1b2c3d4e5f6a7b8c9d0") == "apiKey := [REDACTED:secret]");
  CHECK(redact_secrets("credentials => 0123456789abcdefABCDEF") ==
        "credentials => [REDACTED:secret]");
  CHECK(redact_secrets("x-api-key: 5f0c2a9e8b7d6c1f3a4e.") == "x-api-key: [REDACTED:secret].");
}

TEST_CASE("private key blocks") {
  std::string pem =
      "before\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n"
      "-----END OPENSSH PRIVATE KEY-----\nafter";
  CHECK(redact_secrets(pem) == "before\n[REDACTED:private_key]\nafter");
  // Cut off by the screen's edge: everything after BEGIN goes.
  CHECK(redact_secrets("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA") ==
        "[REDACTED:private_key]");
}

TEST_CASE("a key hard-wrapped by the pane or its box leaves no tail") {
  // Pane edge: the key runs to the end of the line, its tail starts the next.
  CHECK(redact_secrets("ANTHROPIC_API_KEY: sk-ant-api03-Ab12Cd34Ef\n56GhIj78KlMn90\nDo you want to use it?") ==
        "ANTHROPIC_API_KEY: [REDACTED:provider_key]\n[REDACTED:provider_key]\nDo you want to use it?");
  // Indented continuation (Ink keeps the padding), ellipsis at the cut.
  CHECK(redact_secrets("  ANTHROPIC_API_KEY: sk-ant-...\n  34567890abcdefABCDEF\n") ==
        "  ANTHROPIC_API_KEY: [REDACTED:provider_key]...\n  [REDACTED:provider_key]\n");
  // A key box: the key fills the row up to the border and goes on below.
  std::string box =
      "╭API key──────────╮\n│sk-proj-AbCdEf012│\n│3456GhIjKl789mN  │\n╰─────────────────╯";
  auto r = redact_secrets(box);
  CHECK_FALSE(leaks(box, "3456GhIjKl789mN"));
  CHECK(r.find("╰─────────────────╯") != std::string::npos);
  // Three lines.
  CHECK_FALSE(leaks("sk-proj-aaaa1111\nbbbb2222\ncccc3333\n", "cccc3333"));
  // A key that ends before the line does is not continued.
  CHECK(redact_secrets("sk-proj-abc123def456 \nCommit 1234567 next") ==
        "[REDACTED:provider_key] \nCommit 1234567 next");
  // A word starting the next line is no tail.
  CHECK(redact_secrets("sk-proj-abc123def456\nplease confirm") ==
        "[REDACTED:provider_key]\nplease confirm");
}

TEST_CASE("ordinary screen text is left alone") {
  const char* keep[] = {
    "/home/user/.config/team-agent/keys/id_ed25519.pub",
    "key: /home/user/projects/secret-service/credentials.json",
    "[team-agent-token:msg_0123456789ab]",
    "message msg_0123456789ab from leader (res_abcdef012345)",
    "To continue this session, run codex resume 0199a213-81c0-7800-8aa1-bc5d3a1f4d12",
    "Fixed in commit 3f2a9c4b1d7e8f60a1b2c3d4e5f60718293a4b5c, see the log.",
    "100% context left · 12.3K tokens used · ? for shortcuts",
    "Number of request tokens has exceeded your per-minute rate limit",
    "Detected a custom API key in your environment",
    "The key difference between tokens and secrets is scope.",
    "task-skip sk-8 desk-top kiosk-mode sk-SK",
    "monkey: abcdefghijklmnop1234",
    "token: short1",
    "password: correct horse battery staple",
    "API_TIMEOUT_MS=600000 · Retrying in 5s · attempt 3/10",
    "› Ask Codex to do anything",
  };
  for (const char* s : keep) CHECK(redact_secrets(s) == s);
}

TEST_CASE("redacting twice changes nothing more") {
  std::string once = redact_secrets(
      "OPENAI_API_KEY=sk-proj-Ab12Cd34Ef56Gh78 token: Zx81kPq0LmN3vB7cT5rW\nBearer abc123DEF456");
  CHECK(once.find("sk-proj") == std::string::npos);
  CHECK(redact_secrets(once) == once);
}

TEST_CASE("JSON strings are redacted, keys and other values stay") {
  nlohmann::json j = {{"pane_capture_tail", "key sk-proj-0123456789abcdef"},
                      {"nested", {{"list", {"ghp_abcdefghij0123456789ABCD", 3}}}},
                      {"sk-proj-0123456789abcdef", true}};
  CHECK(redact_json_strings(j));
  CHECK(j["pane_capture_tail"] == "key [REDACTED:provider_key]");
  CHECK(j["nested"]["list"][0] == "[REDACTED:github_token]");
  CHECK(j["nested"]["list"][1] == 3);
  CHECK(j.contains("sk-proj-0123456789abcdef"));
  CHECK_FALSE(redact_json_strings(j));
}

TEST_CASE("redaction stays linear on hostile screens") {
  // Long runs of near-misses: prefixes without bodies, keywords without
  // values, masks, dots. Each must cost one pass, not one per position.
  std::string hostile;
  for (int i = 0; i < 20000; ++i) hostile += "sk-.key: eyJ.Bearer ....*";
  hostile += std::string(200000, 'a');
  auto start = std::chrono::steady_clock::now();
  auto r = redact_secrets(hostile);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  CHECK(r.size() == hostile.size());
  CHECK(ms < 500);
}

TEST_CASE("a key cut by the pane's edge right after its prefix is redacted with its tail") {
  auto r = ta::redact_secrets("Using sk-\nproj-FAKEteamAgent0Wrapped123Key now\n");
  CHECK(r.find("FAKEteamAgent") == std::string::npos);
  CHECK(r.find("sk-") == std::string::npos);
  auto boxed = ta::redact_secrets("│ export OPENAI=sk-│\n│ ant-api03-AbC9dEf8GhI7jKl6 │\n");
  CHECK(boxed.find("AbC9dEf8") == std::string::npos);
  // A plain word after a dash at a line's end is no key.
  CHECK(ta::redact_secrets("ask-\nquestions later\n") == "ask-\nquestions later\n");
  CHECK(ta::redact_secrets("sk-\nlearn more\n") == "sk-\nlearn more\n");
}
