#include "fake_agent/mcp_client.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "util/fs.h"
#include "util/process.h"

namespace ta::fake {

namespace {

constexpr std::size_t kErrTail = 2000;

// Our environment with the configuration's variables set over it.
std::vector<std::string> server_env(const McpServerCommand& server) {
  std::vector<std::string> env;
  for (auto& e : current_environment()) {
    bool replaced = false;
    for (const auto& [k, v] : server.env) replaced = replaced || e.rfind(k + "=", 0) == 0;
    if (!replaced) env.push_back(e);
  }
  for (const auto& [k, v] : server.env) env.push_back(k + "=" + v);
  return env;
}

// Waits up to `bound` for `pid`, then kills it; its exit code.
int reap(pid_t pid, std::chrono::milliseconds bound) {
  const auto deadline = std::chrono::steady_clock::now() + bound;
  int status = 0;
  for (;;) {
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return exit_code_of(status);
    if (r < 0 && errno != EINTR) return -1;
    if (std::chrono::steady_clock::now() >= deadline) break;
    // A child's exit has no descriptor to wait on here: look again shortly.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(pid, SIGKILL);
  return wait_for_exit(pid);
}

std::string last_line(const std::string& text) {
  auto end = text.find_last_not_of("\r\n ");
  if (end == std::string::npos) return {};
  auto start = text.find_last_of('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1,
                     end + 1 - (start == std::string::npos ? 0 : start + 1));
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

McpConnection::~McpConnection() { stop(); }

bool McpConnection::ensure_started() {
  if (pid_ > 0) return true;
  // A server that died while we write to it must not kill us.
  ::signal(SIGPIPE, SIG_IGN);
  int in[2], out[2], err[2];
  if (::pipe2(in, O_CLOEXEC) != 0) return false;
  if (::pipe2(out, O_CLOEXEC) != 0) {
    ::close(in[0]), ::close(in[1]);
    return false;
  }
  if (::pipe2(err, O_CLOEXEC | O_NONBLOCK) != 0) {
    ::close(in[0]), ::close(in[1]), ::close(out[0]), ::close(out[1]);
    return false;
  }
  SpawnOptions so;
  so.argv = {server_.command};
  so.argv.insert(so.argv.end(), server_.args.begin(), server_.args.end());
  so.env = server_env(server_);
  so.stdin_fd = in[0];
  so.stdout_fd = out[1];
  so.stderr_fd = err[1];
  so.new_process_group = true;
  auto pid = spawn_program(so);
  ::close(in[0]), ::close(out[1]), ::close(err[1]);
  if (!pid) {
    ::close(in[1]), ::close(out[0]), ::close(err[0]);
    err_tail_ = pid.error().message;
    return false;
  }
  pid_ = *pid;
  in_fd_ = in[1];
  out_fd_ = out[0];
  err_fd_ = err[0];
  out_buf_.clear();
  err_tail_.clear();
  init_id_ = next_id_++;
  send(mcp_initialize_line(init_id_));
  return true;
}

void McpConnection::call(std::string key, const std::string& tool, nlohmann::json arguments) {
  if (!ensure_started()) {
    done_.push_back({std::move(key), false,
                     "cannot start the team_agent MCP server " + server_.command + ": " +
                         err_tail_,
                     {}});
    return;
  }
  int id = next_id_++;
  Call c{std::move(key), mcp_tool_call_line(id, tool, arguments)};
  if (initialized_) send(c.line);
  calls_.emplace(id, std::move(c));
}

void McpConnection::send(const std::string& line) {
  std::string_view rest = line;
  while (!rest.empty() && in_fd_ >= 0) {
    ssize_t n = ::write(in_fd_, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the server is gone: its output's end says so
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
}

void McpConnection::add_pollfds(std::vector<pollfd>& fds) const {
  if (out_fd_ >= 0) fds.push_back({out_fd_, POLLIN, 0});
  if (err_fd_ >= 0) fds.push_back({err_fd_, POLLIN, 0});
}

std::vector<McpCallDone> McpConnection::service(const std::vector<pollfd>& fds) {
  for (const auto& p : fds) {
    if (!(p.revents & (POLLIN | POLLHUP | POLLERR))) continue;
    char buf[4096];
    if (p.fd == err_fd_ && err_fd_ >= 0) {
      ssize_t n = ::read(err_fd_, buf, sizeof buf);
      if (n > 0) err_tail_.append(buf, static_cast<std::size_t>(n));
      if (err_tail_.size() > kErrTail) err_tail_.erase(0, err_tail_.size() - kErrTail);
      if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) close_fd(err_fd_);
    } else if (p.fd == out_fd_ && out_fd_ >= 0) {
      ssize_t n = ::read(out_fd_, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        lost("the team_agent MCP server ended");
        continue;
      }
      out_buf_.append(buf, static_cast<std::size_t>(n));
      for (auto nl = out_buf_.find('\n'); nl != std::string::npos; nl = out_buf_.find('\n')) {
        std::string line = out_buf_.substr(0, nl);
        out_buf_.erase(0, nl + 1);
        on_line(line);
      }
    }
  }
  std::vector<McpCallDone> out;
  out.swap(done_);
  return out;
}

void McpConnection::on_line(const std::string& line) {
  McpAnswer a = parse_mcp_line(line);
  if (a.id == 0) return;  // a notification, or a line that answers nothing
  if (a.id == init_id_) {
    if (!a.ok) return lost("the team_agent MCP server refused to initialize: " + a.text);
    initialized_ = true;
    send(mcp_initialized_line());
    for (const auto& [id, c] : calls_) send(c.line);
    return;
  }
  auto it = calls_.find(a.id);
  if (it == calls_.end()) return;
  done_.push_back({std::move(it->second.key), a.ok, std::move(a.text), std::move(a.structured)});
  calls_.erase(it);
}

void McpConnection::lost(const std::string& why) {
  int code = pid_ > 0 ? -2 : -1;
  if (err_fd_ >= 0) {  // its last words, when it left any
    char buf[4096];
    ssize_t n;
    while ((n = ::read(err_fd_, buf, sizeof buf)) > 0) err_tail_.append(buf, static_cast<std::size_t>(n));
  }
  std::string words = last_line(err_tail_);
  if (pid_ > 0) {
    close_fd(in_fd_);
    code = reap(pid_, std::chrono::milliseconds(500));
    pid_ = -1;
  }
  stop();
  std::string text = why + (code >= 0 ? " (exit " + std::to_string(code) + ")" : "") +
                     (words.empty() ? "" : ": " + words);
  for (auto& [id, c] : calls_) done_.push_back({std::move(c.key), false, text, {}});
  calls_.clear();
}

void McpConnection::stop() {
  close_fd(in_fd_);  // end of input: the server exits by itself
  if (pid_ > 0) reap(pid_, std::chrono::milliseconds(500));
  pid_ = -1;
  close_fd(out_fd_);
  close_fd(err_fd_);
  initialized_ = false;
}

}  // namespace ta::fake
