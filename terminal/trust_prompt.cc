#include "terminal/trust_prompt.h"

#include "terminal/non_input.h"
#include "terminal/screen_markers.h"

namespace ta::terminal {

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
  for (auto it = live.rbegin(); it != live.rend(); ++it) {
    if (s.trust_accept_selected.matches(*it)) {
      v.default_choice = TrustDefault::accept;
      break;
    }
    if (s.trust_decline_selected.matches(*it)) {
      v.default_choice = TrustDefault::decline;
      break;
    }
  }
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
  std::vector<std::string> forms{canon(ctx.workspace)};
  std::string lexical = ctx.workspace;
  while (lexical.size() > 1 && lexical.back() == '/') lexical.pop_back();
  if (lexical != forms[0]) forms.push_back(lexical);

  v.matches_workspace = false;
  if (tokens.empty()) {
    v.evidence = "the prompt shows no path, so it cannot be shown to be the workspace";
    return v;
  }
  for (const auto& t : tokens) {
    auto m = match_workspace_token(t, forms, ctx.pane_width, canon);
    if (m.matches) {
      v.matches_workspace = true;
      v.matched_path = t.token;
      v.evidence = m.evidence;
      return v;
    }
    if (v.evidence.empty()) v.evidence = m.evidence;
  }
  return v;
}

// A foreign prompt is refused whatever the opt-in says: "this prompt is for
// another directory" is what the leader needs to hear.
TrustDecision decide_trust_answer(const TrustPromptVerdict& v, bool opted_in) {
  if (!v.matches_workspace) return {false, "workspace_unknown"};
  if (!*v.matches_workspace) return {false, "workspace_dir_mismatch"};
  if (!opted_in) return {false, "not_opted_in"};
  if (v.default_choice == TrustDefault::decline) return {false, "default_choice_not_trust"};
  return {true, "trust_auto_answered"};
}

}  // namespace ta::terminal
