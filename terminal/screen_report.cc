#include "terminal/screen_report.h"

#include <cstdio>

#include "util/strings.h"

namespace ta::terminal {

ScreenReport inspect_capture(std::string_view capture, const config::ProviderProfile& profile,
                             const TrustContext& trust, const ActivityInput& activity) {
  ScreenReport r;
  r.provider = profile.name;
  r.screen = normalise_capture(capture);
  r.non_input = classify_non_input(r.screen, profile);
  r.activity = classify_activity(r.screen, profile, activity);
  r.placeholder = find_placeholder(r.screen, profile);
  r.api_error = detect_api_error(r.screen, profile);
  r.notice = detect_notice(r.screen, profile);
  r.readiness = classify_readiness(capture, profile);
  r.trust_prompt = inspect_trust_prompt(r.screen, profile, trust);
  return r;
}

namespace {

// The prompt's choices as read: each label with its meaning, where the
// selection is, and which option would be accepted (or why none can be).
nlohmann::ordered_json options_json(const TrustOptions& o) {
  using J = nlohmann::ordered_json;
  J list = J::array();
  for (const auto& opt : o.options)
    list.push_back(J{{"label", opt.label}, {"meaning", option_meaning_name(opt.meaning)}});
  J j{{"list", list}};
  j["selected"] = o.selected >= 0 ? J(o.selected) : J();
  j["accepting"] = o.accepting >= 0 ? J(o.accepting) : J();
  j["unrecognized"] = o.recognized() ? J() : J(o.problem);
  return j;
}

std::string options_text(const TrustOptions& o) {
  std::string out;
  for (std::size_t i = 0; i < o.options.size(); ++i) {
    const auto& opt = o.options[i];
    out += (out.empty() ? "" : ", ") + std::string(static_cast<int>(i) == o.selected ? "[" : "") +
           opt.label + " (" + option_meaning_name(opt.meaning) + ")" +
           (static_cast<int>(i) == o.selected ? "]" : "");
  }
  return out.empty() ? "none found" : out;
}

}  // namespace

nlohmann::ordered_json report_json(const ScreenReport& r) {
  using J = nlohmann::ordered_json;
  J j;
  j["non_input"] = r.non_input.blocks_input() ? J(non_input_state_name(r.non_input.state)) : J();
  j["activity"] = activity_name(r.activity.status);
  j["placeholder"] = r.placeholder ? J(r.placeholder->text) : J();
  j["api_error"] = r.api_error
                       ? J{{"class", r.api_error->error_class},
                           {"snippet", r.api_error->snippet},
                           {"partial_response_streamed", r.api_error->partial_response_streamed},
                           {"retrying", r.api_error->retrying}}
                       : J();
  j["notice"] = r.notice ? J(r.notice->text) : J();
  j["readiness"] = readiness_name(r.readiness.state);
  const auto& box = r.readiness.composer;
  j["composer"] = box ? J{{"text", box->text}, {"hint", box->hint}} : J();
  if (r.trust_prompt) {
    J t;
    t["paths"] = r.trust_prompt->paths;
    t["matches_workspace"] =
        r.trust_prompt->matches_workspace ? J(*r.trust_prompt->matches_workspace) : J();
    t["default_choice"] = trust_default_name(r.trust_prompt->default_choice);
    t["options"] = options_json(r.trust_prompt->options);
    j["trust_prompt"] = t;
  } else {
    j["trust_prompt"] = J();
  }
  j["provider"] = r.provider;
  J ev;
  ev["non_input"] = r.non_input.evidence;
  ev["activity"] = r.activity.evidence;
  ev["activity_confidence"] = r.activity.confidence;
  if (r.placeholder) ev["placeholder_lines_from_bottom"] = r.placeholder->lines_from_bottom;
  if (r.api_error) ev["api_error"] = "matched '" + r.api_error->matched + "'";
  if (r.trust_prompt) ev["trust_prompt"] = r.trust_prompt->evidence;
  ev["readiness"] = r.readiness.evidence;
  j["evidence"] = ev;
  return j;
}

std::string report_text(const ScreenReport& r) {
  std::string out;
  auto line = [&](const std::string& label, const std::string& value, const std::string& why) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%-14s", (label + ":").c_str());
    out += buf + value + (why.empty() ? "" : "  (" + why + ")") + "\n";
  };
  line("provider", r.provider, "");
  line("non-input", r.non_input.blocks_input() ? non_input_state_name(r.non_input.state) : "none",
       r.non_input.evidence);
  char conf[16];
  std::snprintf(conf, sizeof conf, "%.2f", r.activity.confidence);
  line("activity", std::string(activity_name(r.activity.status)) + " " + conf, r.activity.evidence);
  line("placeholder", r.placeholder ? r.placeholder->text : "none",
       r.placeholder ? std::to_string(r.placeholder->lines_from_bottom) + " lines from the bottom"
                     : "");
  line("api error", r.api_error ? r.api_error->error_class : "none",
       r.api_error ? "'" + r.api_error->snippet + "'" : "");
  line("notice", r.notice ? r.notice->text : "none",
       r.notice ? "a startup notice, not an API error" : "");
  line("readiness", readiness_name(r.readiness.state), r.readiness.evidence);
  const auto& box = r.readiness.composer;
  line("composer", !box ? "none" : box->empty() ? "empty" : "'" + box->text + "'",
       box && !box->hint.empty() ? "hint '" + box->hint + "'" : "");
  if (!r.trust_prompt) {
    line("trust prompt", "none", "");
  } else {
    const auto& t = *r.trust_prompt;
    std::string paths = join(t.paths);
    std::string match = !t.matches_workspace   ? "workspace not given"
                        : *t.matches_workspace ? "matches the workspace"
                                               : "does not match the workspace";
    line("trust prompt", "yes, " + match, t.evidence);
    line("  paths", paths.empty() ? "none shown" : paths, "");
    line("  default", trust_default_name(t.default_choice), "");
    line("  options", options_text(t.options), t.options.problem);
  }
  return out;
}

}  // namespace ta::terminal
