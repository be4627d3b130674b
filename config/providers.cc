#include "config/providers.h"

#include <algorithm>

namespace ta::config {

// The providers a team may launch. The copilot profile exists only so its
// screens can be read (inspect); team-agent does not launch Copilot.
const std::vector<std::string>& known_providers() {
  static const std::vector<std::string> names{"claude", "codex", "fake"};
  return names;
}

bool is_known_provider(std::string_view name) {
  const auto& names = known_providers();
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string known_providers_list() {
  std::string out;
  for (const auto& n : known_providers()) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

}  // namespace ta::config
