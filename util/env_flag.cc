#include "util/env_flag.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>

namespace ta {

Result<bool> parse_yes_no(std::string_view name, std::string_view value) {
  std::string v(value);
  std::transform(v.begin(), v.end(), v.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* yes : {"1", "true", "yes", "on"})
    if (v == yes) return true;
  for (const char* no : {"0", "false", "no", "off"})
    if (v == no) return false;
  std::string shown(value.substr(0, 40));
  if (value.size() > 40) shown += "…";
  return make_error(std::string(name) + "=" + shown +
                      " is not a yes/no value: set it to 1, true, yes or on (or 0, false, no, "
                      "off), or unset it",
                    2);
}

Result<std::optional<bool>> env_yes_no(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::optional<bool>{};
  auto parsed = parse_yes_no(name, v);
  if (!parsed) return parsed.error();
  return std::optional<bool>{*parsed};
}

}  // namespace ta
