#pragma once
// How the status and health reports show a value that may be missing: JSON
// null, or "-" in a table cell.
#include <string>

#include <nlohmann/json.hpp>

namespace ta::store {

inline nlohmann::json or_null(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

inline std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

}  // namespace ta::store
