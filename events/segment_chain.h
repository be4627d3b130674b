#pragma once
// Which segment files make up the log (SPEC §1.4). A segment must start
// right after the one before it: a file that repeats seqs already held by an
// earlier segment (a copy under another name, a restored backup beside the
// live log) is not part of the log, and is never merged into it; files that
// are not segments at all are named too. Readers follow the chain; an
// appender refuses a log with a repeating segment, since appending to it
// would fork the log.
#include <cstdint>
#include <string>
#include <vector>

namespace ta::events {

struct LogLayout {
  std::vector<std::uint32_t> chain;   // segment numbers that form the log, in order
  std::vector<std::string> problems;  // one sentence each, naming the file
  bool repeats = false;               // some segment repeats seqs of an earlier one
};

LogLayout read_log_layout(const std::string& dir);

}  // namespace ta::events
