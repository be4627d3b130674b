#pragma once
#include <cstddef>
#include <string_view>

namespace ta {

// Offset of the first byte that breaks UTF-8 (overlong forms, surrogates and
// code points past U+10FFFF included), or npos when the text is valid.
std::size_t first_invalid_utf8(std::string_view s);

}  // namespace ta
