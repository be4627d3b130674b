#pragma once
// Versions and version ranges as npm writes them, enough to tell whether an
// installed Node satisfies the `engines.node` of a CLI's package.json
// (">=16", "^18.17.0 || >=20", ">=14 <20", "18.x", "~20.1", "16 - 20").
#include <optional>
#include <string>
#include <string_view>

namespace ta {

struct SemVer {
  long major = 0, minor = 0, patch = 0;
};

// "v20.20.2", "20.20.2", "20.1", "20" (missing parts are 0); a pre-release or
// build suffix ("-rc.1", "+abc") is ignored. Nothing when it is not a version.
std::optional<SemVer> parse_semver(std::string_view text);

int compare(const SemVer& a, const SemVer& b);

// Whether `v` is in the range; nothing when the range cannot be read (then
// nobody can tell, and the caller says so rather than guessing).
std::optional<bool> satisfies(const SemVer& v, std::string_view range);

std::string to_string(const SemVer& v);

}  // namespace ta
