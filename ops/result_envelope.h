#pragma once
// The result envelope `team-agent report --file F` reads: a JSON object
// {"task", "status", "summary", "details", "files"}, every key optional so
// flags can complement it. Problems are told as `<JSON pointer>: <message>`,
// the way the team spec's are.
#include <optional>
#include <string>
#include <vector>

#include "util/result.h"

namespace ta::ops {

struct ResultEnvelope {
  std::optional<std::string> task, status, summary, details;
  std::optional<std::vector<std::string>> files;
};

// Parses the envelope's text. On failure the error (code 2) names `source`
// (the file, or "stdin") and lists every problem found, separated by "; ".
Result<ResultEnvelope> parse_result_envelope(const std::string& text, const std::string& source);

// Reads `path` ("-": stdin) and parses it.
Result<ResultEnvelope> read_result_envelope(const std::string& path);

}  // namespace ta::ops
