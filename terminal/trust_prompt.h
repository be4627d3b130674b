#pragma once
// A workspace-trust prompt on screen and whether we may answer it (SPEC §5):
// only when the user opted in, every path the prompt names is the agent's
// own workspace (or the git repository root holding it, when the spec says
// "auto_trust_scope": "repository"), and the accepting option can be
// identified for certain (terminal/trust_options.h). A declining option is
// never confirmed, whatever the pre-selected choice is.
#include <optional>
#include <string>
#include <vector>

#include "config/provider_profile.h"
#include "terminal/screen.h"
#include "terminal/trust_options.h"
#include "terminal/trust_paths.h"

namespace ta::terminal {

// Which choice Enter would pick, as the selection marker shows it.
enum class TrustDefault { accept, decline, unknown };

const char* trust_default_name(TrustDefault d);

struct TrustContext {
  std::string workspace;          // the agent's workspace; empty: not known
  std::string home;               // for "~" in paths
  std::optional<int> pane_width;  // queried from tmux; nullopt when that failed
  // The git repository root holding the workspace (found by the caller, which
  // may read the filesystem); empty when there is none or it is not known.
  std::string repository_root;
  // Whether a prompt naming that root may be answered ("auto_trust_scope":
  // "repository"); otherwise only the workspace itself is trusted.
  bool repository_allowed = false;
  // Canonicalises a path; canonicalise_path (filesystem) unless a test swaps it.
  Canonicaliser canonicalise;
};

struct TrustPromptVerdict {
  std::vector<std::string> paths;         // path tokens in the prompt
  std::optional<bool> matches_workspace;  // nullopt when no workspace was given
  std::string matched_path;               // the token that matched
  std::string evidence;
  // A path naming the repository root above the workspace (a CLI started in
  // a git subdirectory asks to trust the root); empty when none does.
  std::string repository_root_path;
  bool repository_allowed = false;  // copied from the context
  // The first path that is neither the workspace nor its repository root.
  std::string foreign_path;
  TrustOptions options;
  TrustDefault default_choice = TrustDefault::unknown;
};

// nullopt when the screen shows no live trust prompt.
std::optional<TrustPromptVerdict> inspect_trust_prompt(const Screen& screen,
                                                       const config::ProviderProfile& profile,
                                                       const TrustContext& ctx);

struct TrustDecision {
  bool answer = false;
  // trust_auto_answered, not_opted_in, workspace_dir_mismatch,
  // repository_root_not_allowed, workspace_unknown, unrecognized_options
  std::string reason;
  std::string path;                // the path the reason is about
  std::vector<std::string> keys;   // Up/Down presses before Enter (answer only)
  std::string option;              // the accepting option's label (answer only)
};

TrustDecision decide_trust_answer(const TrustPromptVerdict& verdict, bool opted_in);

}  // namespace ta::terminal
