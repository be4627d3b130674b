#pragma once
// The fake agent's MCP client: it starts the team_agent server of its MCP
// configuration (the very file Claude's --mcp-config reads) as a child on
// pipes, as the real CLIs do, and speaks newline-delimited JSON-RPC 2.0 to
// it: initialize, notifications/initialized, then tools/call. Driven by the
// fake agent's poll loop; it never blocks on the server.
#include <poll.h>
#include <sys/types.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "util/result.h"

namespace ta::fake {

// How to start one MCP server: its program, arguments and extra environment.
struct McpServerCommand {
  std::string command;
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
};

// The server `name` of an MCP configuration ({"mcpServers": {name: {command,
// args?, env?}}}), or a sentence saying what is wrong with it.
Result<McpServerCommand> parse_mcp_config(const std::string& json_text,
                                          const std::string& name = "team_agent");
Result<McpServerCommand> read_mcp_config(const std::string& path,
                                         const std::string& name = "team_agent");

// The protocol version this client asks for.
inline constexpr const char* kMcpProtocolVersion = "2025-06-18";

// One line each, newline included.
std::string mcp_initialize_line(int id);
std::string mcp_initialized_line();
std::string mcp_tool_call_line(int id, const std::string& tool, const nlohmann::json& arguments);

// A line the server sent: the answer to request `id` (0 for a notification
// or a line that is no answer), whether it succeeded and its text (the
// tool's text content, or the JSON-RPC error's message).
struct McpAnswer {
  int id = 0;
  bool ok = false;
  std::string text;
  nlohmann::json structured;  // structuredContent, when the tool gave one
};
McpAnswer parse_mcp_line(const std::string& line);

// A tool call's end, for the caller's `key`.
struct McpCallDone {
  std::string key;
  bool ok = false;
  std::string text;  // the tool's text, or why the call failed
  nlohmann::json structured;
};

class McpConnection {
 public:
  explicit McpConnection(McpServerCommand server) : server_(std::move(server)) {}
  ~McpConnection();  // closes the server's input and reaps it
  McpConnection(const McpConnection&) = delete;
  McpConnection& operator=(const McpConnection&) = delete;

  // Calls `tool`; its end comes from a later service() under `key`. The
  // server is started (again, after it died) when needed.
  void call(std::string key, const std::string& tool, nlohmann::json arguments);
  bool busy() const { return !calls_.empty() || !done_.empty(); }
  void add_pollfds(std::vector<pollfd>& fds) const;
  std::vector<McpCallDone> service(const std::vector<pollfd>& fds);

 private:
  struct Call {
    std::string key;
    std::string line;  // sent once the server has answered initialize
  };
  bool ensure_started();
  void on_line(const std::string& line);
  void send(const std::string& line);
  // The server is gone: every open call fails with `why` (plus its last words).
  void lost(const std::string& why);
  void stop();

  McpServerCommand server_;
  pid_t pid_ = -1;
  int in_fd_ = -1, out_fd_ = -1, err_fd_ = -1;
  bool initialized_ = false;
  int next_id_ = 1;
  int init_id_ = 0;
  std::string out_buf_, err_tail_;
  std::map<int, Call> calls_;  // by request id
  std::vector<McpCallDone> done_;
};

}  // namespace ta::fake
