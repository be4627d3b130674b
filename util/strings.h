#pragma once
// Small text helpers shared by error sentences ("known: a, b, c").
#include <string>
#include <string_view>
#include <vector>

namespace ta {

// The items in order with `separator` between each two.
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

// The fields of `line` between `separator`s, at most `max_fields` of them:
// the last one keeps the rest of the line, separators included.
std::vector<std::string> split_fields(std::string_view line, char separator,
                                      std::size_t max_fields);

inline bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace ta
