#pragma once
// The ids the product hands out (`msg_…`, `res_…`, batches): a prefix and 12
// random lowercase hex digits; and the words error sentences about a JSON
// document use: the JSON Pointer of where a problem sits, and what kind of
// value was found there.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace ta {

// 12 hex digits from the OS's random source.
std::string random_hex12();

// Whether `s` is `prefix` followed by exactly 12 lowercase hex digits.
bool is_prefixed_hex12(std::string_view s, std::string_view prefix);

// RFC 6901: "~" and "/" inside a key are escaped so the pointer stays unambiguous.
std::string json_pointer_segment(const std::string& key);

// "an object", "a string", … ("nothing" for a discarded parse result).
std::string json_kind_name(const nlohmann::json& j);

}  // namespace ta
