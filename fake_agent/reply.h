#pragma once
// Runs the fake agent's answers (`team-agent report …`, `team-agent send
// leader …`) as child processes of this very binary (/proc/self/exe, never
// a shell), without blocking the screen: their output is drained through a
// pipe the poll loop watches, and each exit becomes a ReplyOutcome.
#include <poll.h>

#include <string>
#include <vector>

#include "fake_agent/behaviour.h"

namespace ta::fake {

class ReplyRunner {
 public:
  explicit ReplyRunner(std::string agent_id) : agent_id_(std::move(agent_id)) {}
  ~ReplyRunner();  // closes pipes; running children are left to finish
  ReplyRunner(const ReplyRunner&) = delete;
  ReplyRunner& operator=(const ReplyRunner&) = delete;

  // Starts the command; a failure to start is reported by the next service().
  void start(ReplyRequest request);
  bool busy() const { return !running_.empty() || !failed_.empty(); }

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
  std::string agent_id_;
  std::vector<Running> running_;
  std::vector<ReplyOutcome> failed_;  // could not be started
};

}  // namespace ta::fake
