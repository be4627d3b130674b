#pragma once
// Yes/no opt-ins read from the environment. Users write 1, true, yes or on
// (and 0, false, no or off), in any case; anything else is refused with one
// sentence rather than silently read as "no".
#include <optional>
#include <string_view>

#include "util/result.h"

namespace ta {

// The yes/no `value` of the variable `name`; an error (exit 2) that names
// both and the accepted words when it is neither.
Result<bool> parse_yes_no(std::string_view name, std::string_view value);

// The variable `name` as a yes/no; nullopt when it is unset or empty.
Result<std::optional<bool>> env_yes_no(const char* name);

}  // namespace ta
