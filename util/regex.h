#pragma once
// A compiled PCRE2 pattern (UTF-8, Unicode properties), shared cheaply between
// copies. Screen patterns live in provider profiles as text and are compiled
// once when a profile loads; matching never allocates a new pattern.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace ta {

// Where a pattern matched in a subject, as byte offsets.
struct RegexMatch {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string_view text;  // the matched part of the subject
  // Capture groups 1.. in order; a group that did not take part is empty.
  std::vector<std::string_view> groups;
};

class Regex {
 public:
  Regex() = default;

  // Compiles `pattern`; the error names the offset and PCRE2's reason.
  // Invalid UTF-8 in subjects is tolerated (it simply never matches), since a
  // pane capture can cut a multi-byte character in half.
  static Result<Regex> compile(std::string_view pattern, bool caseless = false);

  bool valid() const { return code_ != nullptr; }
  const std::string& pattern() const { return pattern_; }

  // First match at or after byte `start`, if any.
  std::optional<RegexMatch> find(std::string_view subject, std::size_t start = 0) const;
  bool search(std::string_view subject) const { return find(subject).has_value(); }
  // How many non-overlapping matches `subject` holds.
  std::size_t count(std::string_view subject) const;

 private:
  struct Code;
  std::shared_ptr<const Code> code_;
  std::string pattern_;
};

}  // namespace ta
