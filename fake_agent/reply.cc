#include "fake_agent/reply.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/process.h"

namespace ta::fake {

namespace {

constexpr std::size_t kOutputTail = 4000;

// Our environment with TEAM_AGENT_ID set to the agent's id, so the child
// reports as this agent even when --id differs from the pane's variable.
std::vector<std::string> child_env(const std::string& agent_id) {
  std::vector<std::string> env;
  for (auto& e : current_environment())
    if (e.rfind("TEAM_AGENT_ID=", 0) != 0) env.push_back(e);
  env.push_back("TEAM_AGENT_ID=" + agent_id);
  return env;
}

}  // namespace

ReplyRunner::~ReplyRunner() {
  for (auto& r : running_) ::close(r.out_fd);
}

void ReplyRunner::call_tool(ReplyRequest request) {
  if (!mcp_) {
    auto server = read_mcp_config(mcp_config_);
    if (!server) return failed_.push_back({std::move(request), -1, server.error().message});
    mcp_ = std::make_unique<McpConnection>(std::move(*server));
  }
  std::string key = std::to_string(++next_call_);
  std::string tool = request.tool;
  nlohmann::json arguments = request.arguments;
  calls_.emplace(key, std::move(request));
  mcp_->call(key, tool, std::move(arguments));
}

void ReplyRunner::start(ReplyRequest request) {
  if (!request.tool.empty()) return call_tool(std::move(request));
  auto fail = [&](const std::string& why) { failed_.push_back({std::move(request), -1, why}); };
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0)
    return fail("cannot create a pipe: " + std::string(std::strerror(errno)));
  std::vector<std::string> argv{"team-agent"};
  argv.insert(argv.end(), request.args.begin(), request.args.end());
  SpawnOptions so;
  so.argv = std::move(argv);
  so.program = "/proc/self/exe";
  so.env = child_env(agent_id_);
  so.stdout_fd = out[1];
  so.stderr_fd = out[1];
  so.new_process_group = true;
  auto pid = spawn_program(so);
  ::close(out[1]);
  if (!pid) {
    ::close(out[0]);
    return fail(pid.error().message);
  }
  running_.push_back({std::move(request), *pid, out[0], {}});
}

void ReplyRunner::add_pollfds(std::vector<pollfd>& fds) const {
  if (mcp_) mcp_->add_pollfds(fds);
  for (const auto& r : running_) fds.push_back({r.out_fd, POLLIN, 0});
}

std::vector<ReplyOutcome> ReplyRunner::service(const std::vector<pollfd>& fds) {
  std::vector<ReplyOutcome> done;
  done.swap(failed_);
  if (mcp_)
    for (auto& call : mcp_->service(fds)) {
      auto it = calls_.find(call.key);
      if (it == calls_.end()) continue;
      ReplyOutcome o{std::move(it->second), call.ok ? 0 : 1, std::move(call.text), call.ok};
      calls_.erase(it);
      done.push_back(std::move(o));
    }
  for (const auto& p : fds) {
    if (!(p.revents & (POLLIN | POLLHUP | POLLERR))) continue;
    for (auto it = running_.begin(); it != running_.end(); ++it) {
      if (it->out_fd != p.fd) continue;
      char buf[4096];
      ssize_t n = ::read(it->out_fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) break;
      if (n > 0) {
        it->output.append(buf, static_cast<std::size_t>(n));
        if (it->output.size() > 2 * kOutputTail)
          it->output.erase(0, it->output.size() - kOutputTail);
        break;
      }
      // End of output: the child has exited (or is about to).
      ::close(it->out_fd);
      int status = 0;
      while (::waitpid(it->pid, &status, 0) < 0 && errno == EINTR) {
      }
      if (it->output.size() > kOutputTail) it->output.erase(0, it->output.size() - kOutputTail);
      done.push_back({std::move(it->request), exit_code_of(status), std::move(it->output)});
      running_.erase(it);
      break;
    }
  }
  return done;
}

}  // namespace ta::fake
