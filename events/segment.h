#pragma once
// Segment files of the event log: `00000001.jsonl`, `00000002.jsonl`, …
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace ta::events {

std::string segment_name(std::uint32_t number);
// The number of a segment file name, or nothing for other files.
std::optional<std::uint32_t> parse_segment_name(const std::string& name);
// Segment numbers present in `dir`, ascending.
std::vector<std::uint32_t> list_segments(const std::string& dir);
std::string segment_path(const std::string& dir, std::uint32_t number);

// Calls fn(line, start_offset) for each complete line of `path` in
// [start, end); returns the offset just past the last complete line. A
// segment not created yet is empty; a link or FIFO in its place is refused.
Result<std::uint64_t> for_each_line(const std::string& path, std::uint64_t start,
                                    std::uint64_t end,
                                    const std::function<void(std::string_view, std::uint64_t)>& fn);

// Whether the complete line at `offset` of `path` is an event: it starts
// with a seq, and, when `last` (the segment's final line, the one a crash can
// tear), it decodes.
Result<bool> line_is_event(const std::string& path, std::uint64_t offset, bool last);

// Where the last complete ('\n'-terminated) line of `path` before byte `end`
// starts, read backwards in growing windows; 0 when there is none.
Result<std::uint64_t> last_line_start(const std::string& path, std::uint64_t end);

}  // namespace ta::events
