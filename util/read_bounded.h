#pragma once
// Reading a file or stream that a user names (or pipes in) without trusting
// its size: a regular file's size is checked before anything is read, and a
// pipe, device or FIFO is read to at most limit+1 bytes. A 3 GiB file or
// /dev/zero is refused with one sentence instead of costing all the memory
// or never returning.
#include <cstddef>
#include <string>

#include "util/result.h"

namespace ta {

struct ReadLimit {
  std::size_t max_bytes = 0;
  std::string what;    // what the file is meant to be: "the team spec"
  std::string advice;  // what to do instead: "keep it under 1 MiB"
  // Bytes accepted past max_bytes because the caller trims them (a trailing
  // newline); the sentence still names max_bytes.
  std::size_t slack = 0;
};

// "1 MiB (1048576 bytes)"
std::string describe_limit(std::size_t bytes);

// Reads `path` (following links: the user named it) up to the limit.
// Refuses (exit code 2) a directory, a missing or unreadable file, and
// anything over the limit, naming the file, the limit and what to do.
Result<std::string> read_file_bounded(const std::string& path, const ReadLimit& limit);

// Reads `fd` to its end, or refuses once more than the limit has come.
// `name` says where it comes from in the sentence: "stdin", a path.
Result<std::string> read_fd_bounded(int fd, const std::string& name, const ReadLimit& limit);

// Reads a small file team-agent keeps for itself (a record, a cursor): never
// through a link, never blocking on a FIFO, refused unless a regular file.
Result<std::string> read_own_file(const std::string& path, const ReadLimit& limit);

}  // namespace ta
