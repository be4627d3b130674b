#pragma once
// `team-agent mcp` as an agent's CLI runs it: a child process with our pipe
// on its stdin and another on its stdout (its stderr goes to a file), driven
// one JSON-RPC line at a time.
#include <chrono>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/e2e/support.h"

namespace ta::test {

class McpProcess {
 public:
  // `team-agent mcp` for `agent` of the workspace `ws` (TEAM_AGENT_ID and
  // TEAM_AGENT_WORKSPACE set, as the launch sets them).
  McpProcess(const std::string& ws, const std::string& agent);
  ~McpProcess();  // closes stdin, then SIGKILLs it if it did not end
  McpProcess(const McpProcess&) = delete;
  McpProcess& operator=(const McpProcess&) = delete;

  void write_raw(const std::string& bytes);
  void send(const nlohmann::json& message) { write_raw(message.dump() + "\n"); }
  // The next stdout line as JSON (it must be JSON: stdout carries only
  // protocol lines), nothing on timeout or end of output.
  std::optional<nlohmann::json> next(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // Sends a request and waits for the reply with its id.
  nlohmann::json request(const std::string& method, const nlohmann::json& params);
  // tools/call's result object.
  nlohmann::json call(const std::string& tool, const nlohmann::json& arguments);
  // initialize + notifications/initialized; returns initialize's result.
  nlohmann::json initialize(const std::string& version = "2025-06-18");
  // Closes stdin and waits for the exit code.
  int finish(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  bool alive();
  std::string stderr_text() const;

 private:
  int pid_ = -1, in_fd_ = -1, out_fd_ = -1;
  std::string buf_, err_path_;
  TempDir err_dir_;
  int next_id_ = 1;
};

}  // namespace ta::test
