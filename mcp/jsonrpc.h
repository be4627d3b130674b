#pragma once
// JSON-RPC 2.0 as MCP's stdio transport carries it: one message per line.
// Pure functions: parse a line into the messages it holds (an object, or a
// batch array), tell requests from notifications and invalid messages, and
// build the replies. No I/O here (mcp/stdio_loop.h does that).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace ta::mcp {

using Json = nlohmann::json;

namespace rpc {
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
}  // namespace rpc

// Deeper than this, a line is refused before it is parsed: no real request
// nests more than a handful of levels.
inline constexpr size_t kMaxNesting = 64;

// One message of a line, classified.
struct Incoming {
  enum class Kind { request, notification, response, invalid };
  Kind kind = Kind::invalid;
  Json id;  // a request's id (string or number); null otherwise
  std::string method;
  Json params = Json::object();  // absent params read as {}
  std::string problem;           // why it is invalid
};

// Whether `text` nests arrays/objects deeper than `max` (strings skipped).
bool nests_deeper_than(std::string_view text, size_t max);

// The JSON value of a line, or nullopt with `why` set (not JSON, too deep).
std::optional<Json> parse_line(std::string_view line, std::string& why);

// Classifies one JSON value as JSON-RPC 2.0 sees it.
Incoming classify(const Json& message);

Json result_reply(const Json& id, Json result);
Json error_reply(const Json& id, int code, std::string message);

// One reply line (no newline): UTF-8 only, invalid bytes replaced, so a
// reply can never fail to serialise.
std::string to_line(const Json& reply);

}  // namespace ta::mcp
