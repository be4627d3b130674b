#pragma once
// Secrets never leave a pane: every piece of screen text that goes into an
// event, `status`, `inspect`, `events` or a log line passes redact_secrets.
// Each secret becomes "[REDACTED:<kind>]" (provider_key, aws_access_key,
// aws_secret_key, github_token, gitlab_token, slack_token, google_api_key,
// huggingface_token, npm_token, bearer_token, authorization, jwt,
// private_key, secret, password). A key the pane hard-wrapped keeps no tail:
// a key that runs into the line's end (or a box's border) takes the
// key-like run that starts the next line with it.
#include <string>
#include <string_view>

namespace ta {

std::string redact_secrets(std::string_view text);

// Redacts `s` where it stands; whether anything was replaced.
bool redact_in_place(std::string& s);

// Redacts every string value inside a JSON document (nlohmann::json or
// ordered_json); object keys are names, not text, and stay. Whether
// anything was replaced.
template <class Json>
bool redact_json_strings(Json& j) {
  if (j.is_string()) return redact_in_place(j.template get_ref<std::string&>());
  bool changed = false;
  if (j.is_structured())
    for (auto& v : j) changed = redact_json_strings(v) || changed;
  return changed;
}

}  // namespace ta
