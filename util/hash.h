#pragma once
// One 64-bit FNV-1a for every value the product derives from text and must
// derive the same way on every build and platform (std::hash need not):
// tmux socket names, fan-out message ids, event fingerprints, launch jitter.
#include <cstdint>
#include <string>
#include <string_view>

namespace ta {

// The offset basis every derived value so far was computed with. It is one
// digit short of the published 14695981039346656037; it stays, because a new
// basis would rename the tmux socket of every workspace and change ids and
// fingerprints already written.
inline constexpr std::uint64_t kFnv1aBasis = 1469598103934665603ull;
inline constexpr std::uint64_t kFnv1aPrime = 1099511628211ull;

// Folds `bytes` into the hash `h` (kFnv1aBasis to start), so a value made of
// several pieces can be hashed piece by piece.
std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h = kFnv1aBasis);

// `v` as 16 lowercase hex digits, most significant first.
std::string hex16(std::uint64_t v);

}  // namespace ta
