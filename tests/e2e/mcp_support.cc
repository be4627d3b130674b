#include "tests/e2e/mcp_support.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

namespace ta::test {

McpProcess::McpProcess(const std::string& ws, const std::string& agent) {
  err_path_ = err_dir_.path() + "/mcp.err";
  int in[2], out[2];
  if (::pipe2(in, O_CLOEXEC) || ::pipe2(out, O_CLOEXEC)) throw std::runtime_error("pipe failed");
  pid_ = ::fork();
  if (pid_ == 0) {
    int err = ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    if (err >= 0) ::dup2(err, 2);
    ::setenv("TEAM_AGENT_ID", agent.c_str(), 1);
    ::setenv("TEAM_AGENT_WORKSPACE", ws.c_str(), 1);
    std::string bin = team_agent_bin();
    ::execl(bin.c_str(), bin.c_str(), "mcp", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  in_fd_ = in[1];
  out_fd_ = out[0];
}

McpProcess::~McpProcess() {
  if (in_fd_ >= 0) ::close(in_fd_);
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (out_fd_ >= 0) ::close(out_fd_);
}

void McpProcess::write_raw(const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(in_fd_, bytes.data() + done, bytes.size() - done);
    if (n <= 0) throw std::runtime_error("cannot write to team-agent mcp");
    done += static_cast<size_t>(n);
  }
}

std::optional<nlohmann::json> McpProcess::next(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (auto nl = buf_.find('\n'); nl != std::string::npos) {
      std::string line = buf_.substr(0, nl);
      buf_.erase(0, nl + 1);
      return nlohmann::json::parse(line);  // throws (fails the test) on a non-JSON line
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || out_fd_ < 0) return std::nullopt;
    pollfd p{out_fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
    char chunk[65536];
    ssize_t k = ::read(out_fd_, chunk, sizeof chunk);
    if (k <= 0) return std::nullopt;
    buf_.append(chunk, static_cast<size_t>(k));
  }
}

nlohmann::json McpProcess::request(const std::string& method, const nlohmann::json& params) {
  int id = next_id_++;
  send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
  while (auto r = next())
    if ((*r)["id"] == id) return *r;
  throw std::runtime_error("no reply to " + method + "; stderr: " + stderr_text());
}

nlohmann::json McpProcess::call(const std::string& tool, const nlohmann::json& arguments) {
  auto r = request("tools/call", {{"name", tool}, {"arguments", arguments}});
  return r.at("result");
}

nlohmann::json McpProcess::initialize(const std::string& version) {
  auto r = request("initialize", {{"protocolVersion", version},
                                  {"capabilities", nlohmann::json::object()},
                                  {"clientInfo", {{"name", "e2e"}, {"version", "1"}}}});
  send({{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}});
  return r.at("result");
}

int McpProcess::finish(std::chrono::milliseconds timeout) {
  if (in_fd_ >= 0) ::close(in_fd_);
  in_fd_ = -1;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    // Drains stdout so a reply in flight cannot block its exit.
    next(std::chrono::milliseconds(50));
  }
  return -1;
}

bool McpProcess::alive() { return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0; }

std::string McpProcess::stderr_text() const { return read_text(err_path_); }

}  // namespace ta::test
