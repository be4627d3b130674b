#pragma once
// From the fake agent's command line to its Options: the mode's defaults,
// what the environment supplies ($TEAM_AGENT_ID, the API key, the workspace
// the transcript goes under) and the checks that involve more than one flag.
// Pure: the environment and the working directory are passed in.
#include <functional>
#include <string>
#include <vector>

#include "fake_agent/options.h"
#include "util/result.h"

namespace ta::fake {

// What `team-agent fake-agent` was given. `opts` holds the flags that map
// onto Options one to one; the rest are the words the command line takes.
struct Flags {
  Options opts;
  std::string mode = "codex";          // codex | claude | plain
  std::string claude_style = "box";    // box | rule
  std::string reply = "report";        // none | report | send
  std::string api_error_kind;          // empty: the mode's
  std::string trust_style = "classic";  // classic | claude-2.1.33x | codex-0.171
  std::string trust_options;            // labels separated by '|'; empty: the style's
  int trust_selected = 0;               // 1-based; 0: the style's
  bool no_transcript = false;
  std::string resume_id;              // claude: --resume ID
  std::vector<std::string> command;   // codex: the positional words `resume ID`
};

// The value of one environment variable; empty when it is unset or empty.
using EnvLookup = std::function<std::string(const std::string& name)>;

// The exit code of a usage error (the CLI's, which this library cannot include).
inline constexpr int kFakeExitUsage = 2;

// Options with every per-mode default filled in; a usage error (code
// kFakeExitUsage) when the flags contradict each other or the environment.
Result<Options> resolve(const Flags& flags, const EnvLookup& env, const std::string& cwd);

}  // namespace ta::fake
