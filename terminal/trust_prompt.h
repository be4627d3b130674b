#pragma once
// A workspace-trust prompt on screen and whether we may answer it (SPEC §5):
// only when the user opted in, the prompt names the agent's own workspace,
// and the pre-selected choice is the "yes" one (Enter on "No, exit" would
// quit the CLI).
#include <optional>
#include <string>
#include <vector>

#include "config/provider_profile.h"
#include "terminal/screen.h"
#include "terminal/trust_paths.h"

namespace ta::terminal {

// Which choice Enter would pick, as the selection marker shows it.
enum class TrustDefault { accept, decline, unknown };

const char* trust_default_name(TrustDefault d);

struct TrustContext {
  std::string workspace;          // the agent's workspace; empty: not known
  std::string home;               // for "~" in paths
  std::optional<int> pane_width;  // queried from tmux; nullopt when that failed
  // Canonicalises a path; canonicalise_path (filesystem) unless a test swaps it.
  Canonicaliser canonicalise;
};

struct TrustPromptVerdict {
  std::vector<std::string> paths;         // path tokens in the prompt
  std::optional<bool> matches_workspace;  // nullopt when no workspace was given
  std::string matched_path;               // the token that matched
  std::string evidence;
  TrustDefault default_choice = TrustDefault::unknown;
};

// nullopt when the screen shows no live trust prompt.
std::optional<TrustPromptVerdict> inspect_trust_prompt(const Screen& screen,
                                                       const config::ProviderProfile& profile,
                                                       const TrustContext& ctx);

struct TrustDecision {
  bool answer = false;  // press Enter (never a digit) on the pre-selected choice
  // trust_auto_answered, not_opted_in, workspace_dir_mismatch,
  // workspace_unknown, default_choice_not_trust
  std::string reason;
};

TrustDecision decide_trust_answer(const TrustPromptVerdict& verdict, bool opted_in);

}  // namespace ta::terminal
