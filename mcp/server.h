#pragma once
// The MCP server's protocol, without I/O: one input line in, at most one
// reply line out. It runs the lifecycle (initialize with version
// negotiation, notifications/initialized, ping) and hands tools/list and
// tools/call to a ToolHost, so the protocol is tested without a team.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mcp/jsonrpc.h"

namespace ta::mcp {

// The protocol versions we speak, newest first.
const std::vector<std::string>& supported_protocol_versions();

// What to answer a client asking for `requested`: the same version when we
// speak it, else our newest (the client then decides whether to go on).
std::string negotiate_protocol_version(const std::string& requested);

// The tools a server offers. call_tool returns a CallToolResult: a failure
// is a result with isError, never an exception.
class ToolHost {
 public:
  virtual ~ToolHost() = default;
  virtual Json list_tools() = 0;
  virtual Json call_tool(const std::string& name, const Json& arguments) = 0;
};

// A CallToolResult: `structured` as structuredContent, `text` as its one
// text item.
Json tool_success(Json structured, std::string text);
// A CallToolResult with isError and one sentence saying what is wrong and
// what to do.
Json tool_failure(std::string sentence);

class Server {
 public:
  Server(ToolHost& tools, std::string server_version, std::string instructions = "");

  // The reply to one line of input; nullopt when there is none to give
  // (notifications, responses, a batch of notifications).
  std::optional<std::string> handle_line(std::string_view line);

  // The reply to a line longer than the transport accepts.
  static std::string oversized_line_reply(size_t bytes, size_t limit);

  // The negotiated version; empty before initialize.
  const std::string& protocol_version() const { return version_; }
  bool initialized() const { return initialized_; }

 private:
  std::optional<Json> handle_message(const Json& message, bool in_batch);
  std::optional<Json> handle_batch(const Json& batch);
  Json dispatch(const Incoming& in, bool in_batch);
  Json initialize(const Incoming& in);
  Json call_tool(const Incoming& in);

  ToolHost& tools_;
  std::string server_version_;
  std::string instructions_;
  std::string version_;
  bool initialized_ = false;
};

}  // namespace ta::mcp
