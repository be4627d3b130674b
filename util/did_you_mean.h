#pragma once
// "Did you mean …?" for a mistyped word among the ones that are allowed: a
// typo'd key is the most common mistake in a hand-edited file, so the error
// sentence names the fix.
#include <string>
#include <vector>

namespace ta {

// Optimal string alignment distance: a swapped pair of letters ("modle")
// costs one edit, so it is matched to "model" rather than to "role".
std::size_t edit_distance(const std::string& a, const std::string& b);

// `; did you mean "x"?` for the closest candidate within two edits, else "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace ta
