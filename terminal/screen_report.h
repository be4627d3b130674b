#pragma once
// Every verdict for one capture, as `team-agent inspect` prints them: the
// diagnosis view of what the supervisor would conclude from a pane.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "config/provider_profile.h"
#include "terminal/activity.h"
#include "terminal/api_error.h"
#include "terminal/non_input.h"
#include "terminal/placeholder.h"
#include "terminal/readiness.h"
#include "terminal/trust_prompt.h"

namespace ta::terminal {

struct ScreenReport {
  std::string provider;
  Screen screen;
  NonInputVerdict non_input;
  ActivityVerdict activity;
  std::optional<PlaceholderMatch> placeholder;
  std::optional<ApiErrorMatch> api_error;
  std::optional<ScreenNotice> notice;  // a startup notice: never an API error
  std::optional<TrustPromptVerdict> trust_prompt;
  ReadinessVerdict readiness;  // has the CLI finished starting (its composer)
};

ScreenReport inspect_capture(std::string_view capture, const config::ProviderProfile& profile,
                             const TrustContext& trust, const ActivityInput& activity = {});

// {"non_input": "trust_prompt"|null, "activity": "idle", "placeholder": "[…]"|null,
//  "api_error": {"class", "snippet", "partial_response_streamed", "retrying"}|null,
//  "notice": "Remote managed settings failed to load…"|null,
//  "readiness": "starting"|"ready"|"blocked", "composer": {"text", "hint"}|null,
//  "trust_prompt": {"paths": [...], "matches_workspace": bool|null}|null,
//  "provider": …, "evidence": {…}} (evidence says why, per verdict)
nlohmann::ordered_json report_json(const ScreenReport& r);

// The same, as lines a person reads.
std::string report_text(const ScreenReport& r);

}  // namespace ta::terminal
