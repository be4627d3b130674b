#pragma once
// One event per line: `{"seq":…,"ts":…,"event":…,"v":…,"team":…,"data":{…}[,"key":…]}`.
// Keys always come in this order and `data` keys are sorted, so a line is a
// canonical, byte-stable encoding of its event.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "events/event.h"
#include "util/result.h"

namespace ta::events {

// Encodes without the trailing newline.
std::string encode_line(const Event& e);
Result<Event> decode_line(std::string_view line);
// 16 hex digits that tell one event from another written with the same seq
// (FNV-1a over its ts, type, key and data): what the projections remember
// of the last event they folded, to notice a log that lost or rewrote it.
std::string event_fingerprint(const Event& e);

// Fast paths that read the envelope without parsing `data`; they rely on the
// fixed field order that encode_line writes.
std::optional<std::uint64_t> peek_seq(std::string_view line);
// The idempotency key, or an empty view when the line has none.
std::string_view peek_key(std::string_view line);

// Idempotency keys are 1–200 characters of [A-Za-z0-9._:@/-].
bool is_valid_key(std::string_view key);

}  // namespace ta::events
