#include "util/ids.h"

#include <algorithm>
#include <random>

namespace ta {

std::string random_hex12() {
  std::random_device rd;  // /dev/urandom (getrandom) on Linux
  static const char* digits = "0123456789abcdef";
  std::string out;
  while (out.size() < 12) {
    auto r = rd();
    for (int i = 0; i < 8 && out.size() < 12; ++i, r >>= 4) out += digits[r & 0xf];
  }
  return out;
}

bool is_prefixed_hex12(std::string_view s, std::string_view prefix) {
  return s.size() == prefix.size() + 12 && s.substr(0, prefix.size()) == prefix &&
         std::all_of(s.begin() + static_cast<std::ptrdiff_t>(prefix.size()), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string json_pointer_segment(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string json_kind_name(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::discarded: return "nothing";
    default: return "a number";
  }
}

}  // namespace ta
