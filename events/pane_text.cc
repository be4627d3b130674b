#include "events/pane_text.h"

#include "util/redact.h"

namespace ta::events {

bool is_pane_text_field(std::string_view name) {
  for (std::string_view part : {"capture", "snippet", "screen", "evidence", "excerpt", "command"})
    if (name.find(part) != std::string_view::npos) return true;
  return name.rfind("prompt_", 0) == 0;
}

bool redact_pane_text(Json& data) {
  if (!data.is_object()) return false;
  bool changed = false;
  for (auto it = data.begin(); it != data.end(); ++it)
    if (is_pane_text_field(it.key())) changed = redact_json_strings(it.value()) || changed;
  return changed;
}

std::optional<Json> redacted_pane_text(const Json& data) {
  if (!data.is_object()) return std::nullopt;
  bool any = false;
  for (auto it = data.begin(); it != data.end() && !any; ++it)
    any = is_pane_text_field(it.key());
  if (!any) return std::nullopt;
  Json copy = data;
  if (!redact_pane_text(copy)) return std::nullopt;
  return copy;
}

}  // namespace ta::events
