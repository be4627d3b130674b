#pragma once
// Does a path shown in a trust prompt name the agent's own workspace (SPEC
// §4)? The prompt's path is only a guard (the workspace the supervisor
// started the agent in is the truth), so matching is strict: equal after
// canonicalising both; or a mid-ellipsis "/home/u/…/repo" whose head and
// tail bracket the workspace; or a path cut at the pane's right edge that is
// a prefix of the workspace, and only when the pane width is known.
// "/repo" never matches "/repo-backup".
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/provider_profile.h"

namespace ta::terminal {

// A path-looking token ("/…" or "~/…") and the screen line it came from.
struct PathToken {
  std::string token;
  std::string line;        // the line it starts on
  bool ends_line = false;  // nothing but blanks follows it on that line
  // When the CLI wrapped the path onto the next line(s), `token` is the
  // joined path and `fragment` the part on the first line (which may still
  // match as a path cut at the right edge).
  std::string fragment;
};

// The paths a prompt names, top to bottom: a token alone on its line (box
// borders aside) or right after one of `intro` ("You are in"), so a shell
// command or prose above the prompt does not count. Trailing punctuation and
// slashes are dropped; an ellipsis ("…", "...") stays where the CLI cut the
// path. With the pane's width known, a path that fills its line and goes on
// with a bare word on the next line is joined with it (CLIs wrap long paths
// one or two columns short of the edge).
std::vector<PathToken> extract_path_tokens(const std::vector<std::string>& lines,
                                           const config::PatternList& intro,
                                           std::optional<int> pane_width);

// The only function here that reads the filesystem: expands a leading "~"
// with `home`, makes "." and ".." and repeated "/" go away, resolves symlinks
// in the longest prefix that exists, and drops a trailing "/".
std::string canonicalise_path(std::string_view path, std::string_view home);

using Canonicaliser = std::function<std::string(std::string_view)>;

struct PathMatch {
  bool matches = false;
  std::string evidence;  // "exact", "mid-ellipsis", "right-edge truncation", or why not
};

// Whether `token` names the workspace. `workspace_forms` are the workspace
// as given and canonicalised (both count); `pane_width` is the pane's width
// in columns when it was queried, nullopt when it could not be (then a cut
// path is never trusted).
PathMatch match_workspace_token(const PathToken& token,
                                const std::vector<std::string>& workspace_forms,
                                std::optional<int> pane_width, const Canonicaliser& canonicalise);

}  // namespace ta::terminal
