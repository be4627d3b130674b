#include "terminal/trust_prompt.h"

#include "terminal/non_input.h"
#include "terminal/screen_markers.h"

namespace ta::terminal {

namespace {

TrustDefault default_of(const TrustOptions& t) {
  if (t.selected < 0) return TrustDefault::unknown;
  switch (t.options[static_cast<std::size_t>(t.selected)].meaning) {
    case OptionMeaning::accept:
      return TrustDefault::accept;
    case OptionMeaning::decline:
      return TrustDefault::decline;
    default:
      return TrustDefault::unknown;
  }
}

// A directory as given and canonicalised (both count).
std::vector<std::string> forms_of(const std::string& dir, const Canonicaliser& canon) {
  std::vector<std::string> forms{canon(dir)};
  std::string lexical = dir;
  while (lexical.size() > 1 && lexical.back() == '/') lexical.pop_back();
  if (lexical != forms[0]) forms.push_back(lexical);
  return forms;
}

bool names_exactly(const PathToken& t, const std::vector<std::string>& forms,
                   const Canonicaliser& canon) {
  std::string c = canon(t.token);
  for (const auto& f : forms)
    if (c == f) return true;
  return false;
}

// Sorts every path of the prompt into the workspace, its repository root or
// foreign. The root is checked exactly first: it is also a prefix of the
// workspace, and a root path that happens to fill its line must not pass
// for the workspace cut at the right edge.
void sort_paths(TrustPromptVerdict& v, const std::vector<PathToken>& tokens,
                const TrustContext& ctx, const Canonicaliser& canon) {
  auto ws = forms_of(ctx.workspace, canon);
  std::vector<std::string> root;
  if (!ctx.repository_root.empty() && canon(ctx.repository_root) != ws[0])
    root = forms_of(ctx.repository_root, canon);
  std::string foreign_evidence;
  for (const auto& t : tokens) {
    if (!root.empty() && names_exactly(t, root, canon)) {
      if (v.repository_root_path.empty()) v.repository_root_path = t.token;
      continue;
    }
    auto m = match_workspace_token(t, ws, ctx.pane_width, canon);
    if (m.matches) {
      if (!*v.matches_workspace) {
        v.matches_workspace = true;
        v.matched_path = t.token;
        v.evidence = m.evidence;
      }
      continue;
    }
    if (!root.empty() && match_workspace_token(t, root, ctx.pane_width, canon).matches) {
      if (v.repository_root_path.empty()) v.repository_root_path = t.token;
      continue;
    }
    if (v.foreign_path.empty()) {
      v.foreign_path = t.token;
      foreign_evidence = m.evidence;
    }
  }
  if (!v.foreign_path.empty())
    v.evidence = foreign_evidence;
  else if (!v.repository_root_path.empty())
    v.evidence += (v.evidence.empty() ? "" : "; ") + v.repository_root_path +
                  " is the git repository root holding the workspace";
}

}  // namespace

const char* trust_default_name(TrustDefault d) {
  switch (d) {
    case TrustDefault::accept:
      return "accept";
    case TrustDefault::decline:
      return "decline";
    case TrustDefault::unknown:
      return "unknown";
  }
  return "unknown";
}

std::optional<TrustPromptVerdict> inspect_trust_prompt(const Screen& screen,
                                                       const config::ProviderProfile& profile,
                                                       const TrustContext& ctx) {
  if (classify_non_input(screen, profile).state != NonInputState::trust_prompt) return std::nullopt;
  std::size_t from = live_region_start(screen, profile);
  std::vector<std::string> live(screen.lines.begin() + static_cast<long>(from), screen.lines.end());

  TrustPromptVerdict v;
  const auto& s = profile.screen;
  v.options = parse_trust_options(live, s);
  v.default_choice = default_of(v.options);
  v.repository_allowed = ctx.repository_allowed;
  auto tokens = extract_path_tokens(live, s.trust_path_intro, ctx.pane_width);
  for (const auto& t : tokens) v.paths.push_back(t.token);
  if (ctx.workspace.empty()) {
    v.evidence = "no workspace given to compare the prompt's paths with";
    return v;
  }
  Canonicaliser canon = ctx.canonicalise;
  if (!canon) {
    std::string home = ctx.home;
    canon = [home](std::string_view p) { return canonicalise_path(p, home); };
  }
  v.matches_workspace = false;
  if (tokens.empty()) {
    v.evidence = "the prompt shows no path, so it cannot be shown to be the workspace";
    return v;
  }
  sort_paths(v, tokens, ctx, canon);
  return v;
}

// A prompt naming another directory is refused whatever the opt-in says:
// "this prompt is for another directory" is what the leader needs to hear.
TrustDecision decide_trust_answer(const TrustPromptVerdict& v, bool opted_in) {
  if (!v.matches_workspace) return {false, "workspace_unknown", "", {}, ""};
  if (!v.foreign_path.empty()) return {false, "workspace_dir_mismatch", v.foreign_path, {}, ""};
  if (!*v.matches_workspace && v.repository_root_path.empty())
    return {false, "workspace_dir_mismatch", v.paths.empty() ? "" : v.paths.front(), {}, ""};
  if (!v.repository_root_path.empty() && !v.repository_allowed)
    return {false, "repository_root_not_allowed", v.repository_root_path, {}, ""};
  if (!opted_in) return {false, "not_opted_in", "", {}, ""};
  if (!v.options.recognized()) return {false, "unrecognized_options", "", {}, ""};
  TrustDecision d{true, "trust_auto_answered", "", keys_to_accepting(v.options), ""};
  d.path = !v.repository_root_path.empty() ? v.repository_root_path : v.matched_path;
  d.option = v.options.options[static_cast<std::size_t>(v.options.accepting)].label;
  return d;
}

}  // namespace ta::terminal
