#pragma once
// What the delivery and leader-error tests of the real-CLI tier share: a
// workspace the CLI already trusts (so its own trust prompt stays away), a
// local port that refuses connections (so a request fails at once instead
// of after DNS time-outs), the user turns each CLI wrote to its own session
// files, and the composer as the provider profile reads it.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tests/real/real_support.h"

namespace ta::test {

// A fake Anthropic key: Claude accepts any key once it is approved.
inline constexpr const char* kFakeAnthropicKey = "sk-ant-FAKEteamAgentRealTier000000000000000000000";

// Rewrites $CLAUDE_CONFIG_DIR/.claude.json so that Claude trusts the
// team's workspace and takes kFakeAnthropicKey without asking.
void pretrust_claude(RealTeam& team);
// Writes $CODEX_HOME/config.toml: `top` (top-level keys) and the
// workspace trusted.
void pretrust_codex(RealTeam& team, const std::string& top = "");

// A TCP port on 127.0.0.1 that nothing listens on (connect: ECONNREFUSED).
int refused_port();

// Every *.jsonl file under `dir` whose name starts with `prefix`, sorted.
std::vector<std::filesystem::path> jsonl_files(const std::string& dir, const std::string& prefix);

// The user turns the CLI recorded in its own session files, in file order.
std::vector<std::string> claude_user_turns(const RealTeam& team);
std::vector<std::string> codex_user_turns(const RealTeam& team);

// The live composer's text on `agent`'s pane as `provider`'s profile reads
// it; nothing when no composer is drawn.
std::optional<std::string> composer_text(RealTeam& team, const std::string& agent,
                                         const std::string& provider);

// How many of `texts` contain `needle`, and how often in all.
struct Occurrences {
  int entries = 0;
  int total = 0;
};
Occurrences occurrences(const std::vector<std::string>& texts, const std::string& needle);

}  // namespace ta::test
