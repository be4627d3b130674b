#pragma once
// The agent CLIs this binary knows how to launch and read. Their profiles
// (launch flags, screen patterns) are data files; this is only the list of
// names a team spec may use.
#include <string>
#include <string_view>
#include <vector>

namespace ta::config {

// Sorted, so messages that list them read the same every time.
const std::vector<std::string>& known_providers();
bool is_known_provider(std::string_view name);
// "claude, codex, fake"
std::string known_providers_list();

}  // namespace ta::config
