#pragma once
// What version of a provider's CLI a team runs: `<program> --version`, run
// with the pane's environment, bounded in time, its whole process group
// killed when it overruns. `run` asks once per provider per run (before the
// actors start, so no actor thread ever waits on it) and records the answer
// in pane.started; `doctor` shows it.
#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/result.h"

namespace ta::config {

using EnvPairs = std::vector<std::pair<std::string, std::string>>;

// The first non-empty line `program --version` prints on stdout (stderr is
// ignored: Codex warns there). An error when it cannot start, runs past
// `timeout`, or prints nothing.
Result<std::string> probe_version(const std::string& program, const EnvPairs& env,
                                  std::chrono::milliseconds timeout);

// The version number in a --version line: "2.1.332 (Claude Code)" ->
// "2.1.332", "codex-cli 0.171.0" -> "0.171.0", "v20.1.0" -> "20.1.0". The
// trimmed line (at most 80 bytes) when it holds no dotted number.
std::string version_number(std::string_view line);

}  // namespace ta::config
