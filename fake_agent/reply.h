#pragma once
// Runs the fake agent's answers without blocking the screen: a tool call
// (report_result, send_message) through its MCP connection to the
// team_agent server, or, started without an MCP configuration, a command
// (`team-agent report …`) as a child of this very binary (/proc/self/exe,
// never a shell) whose output is drained through a pipe the poll loop
// watches. Each end becomes a ReplyOutcome.
#include <poll.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "fake_agent/behaviour.h"
#include "fake_agent/mcp_client.h"

namespace ta::fake {

class ReplyRunner {
 public:
  // `mcp_config`: the MCP configuration tool calls go through (empty: none).
  ReplyRunner(std::string agent_id, std::string mcp_config)
      : agent_id_(std::move(agent_id)), mcp_config_(std::move(mcp_config)) {}
  ~ReplyRunner();  // closes pipes; running children are left to finish
  ReplyRunner(const ReplyRunner&) = delete;
  ReplyRunner& operator=(const ReplyRunner&) = delete;

  // Starts the command; a failure to start is reported by the next service().
  void start(ReplyRequest request);
  bool busy() const {
    return !running_.empty() || !failed_.empty() || !calls_.empty() || (mcp_ && mcp_->busy());
  }

  // The pipes to watch for the poll loop.
  void add_pollfds(std::vector<pollfd>& fds) const;
  // Reads what is readable in `fds` and returns the replies that ended.
  std::vector<ReplyOutcome> service(const std::vector<pollfd>& fds);

 private:
  struct Running {
    ReplyRequest request;
    int pid = -1;
    int out_fd = -1;
    std::string output;
  };
  void call_tool(ReplyRequest request);

  std::string agent_id_;
  std::string mcp_config_;
  std::unique_ptr<McpConnection> mcp_;  // started with the first tool call
  std::map<std::string, ReplyRequest> calls_;  // tool calls under way, by key
  int next_call_ = 0;
  std::vector<Running> running_;
  std::vector<ReplyOutcome> failed_;  // could not be started
};

}  // namespace ta::fake
