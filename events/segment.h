#pragma once
// Segment files of the event log: `00000001.jsonl`, `00000002.jsonl`, …
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/result.h"

namespace ta::events {

std::string segment_name(std::uint32_t number);
// The number of a segment file name, or nothing for other files.
std::optional<std::uint32_t> parse_segment_name(const std::string& name);
// Segment numbers present in `dir`, ascending.
std::vector<std::uint32_t> list_segments(const std::string& dir);
std::string segment_path(const std::string& dir, std::uint32_t number);

// Where the last complete ('\n'-terminated) line of `path` before byte `end`
// starts, read backwards in growing windows; 0 when there is none.
Result<std::uint64_t> last_line_start(const std::string& path, std::uint64_t end);

}  // namespace ta::events
