#pragma once
// A reader's place in the event log kept in a file between runs (`team-agent
// events --cursor-file`): the seq of the last event it was given, so the next
// run continues exactly after it.
#include <cstdint>
#include <string>

#include "util/result.h"

namespace ta::ops {

// The seq stored in `path`; 0 when the file does not exist or is blank.
// Refused (exit 2) before anything is read when `path` is a link, a device
// or a FIFO, or when the file holds something other than one seq.
Result<std::uint64_t> read_cursor_file(const std::string& path);

// Stores `seq` in `path`, atomically (a reader never sees half a number).
Status save_cursor_file(const std::string& path, std::uint64_t seq);

}  // namespace ta::ops
