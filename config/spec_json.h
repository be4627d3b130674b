#pragma once
// The team spec's JSON read strictly: a syntax error named by line and
// column, and every key an object repeats reported (the parser alone would
// keep the last one silently, hiding an edit the user thinks took effect).
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/team_spec.h"

namespace ta::config {

struct StrictJson {
  bool parsed = false;              // false: `errors` says why it is no JSON at all
  nlohmann::ordered_json doc;       // keeps the file's key order
  std::vector<SpecError> errors;    // repeated keys (parsed) or the syntax error
};

StrictJson parse_strict_json(std::string_view text);

}  // namespace ta::config
