#pragma once
// Small text helpers shared by error sentences ("known: a, b, c").
#include <string>
#include <string_view>
#include <vector>

namespace ta {

// The items in order with `separator` between each two.
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

}  // namespace ta
