#pragma once
// The fake agent's record of what it saw and did: one JSON object per line
// ({"ts", "kind", ...}), appended with one write each, so tests can check
// that every message was pasted (and submitted) exactly once.
#include <nlohmann/json.hpp>
#include <string>

#include "util/fs.h"
#include "util/result.h"

namespace ta::fake {

class Transcript {
 public:
  Transcript() = default;  // records nothing
  // Opens (creating it and its directories) the file to append to.
  static Result<Transcript> open(const std::string& path);

  bool enabled() const { return fd_.valid(); }
  // Appends `entry` with "ts" added; `kind` is its "kind".
  void write(const std::string& kind, nlohmann::json entry = nlohmann::json::object());

 private:
  UniqueFd fd_;
};

}  // namespace ta::fake
