#include "tests/e2e/support.h"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "util/fs.h"
#include "util/process.h"


namespace ta::test {

namespace {

std::vector<std::string> merged_env(const Env& extra) {
  std::map<std::string, std::string> m;
  for (const std::string& s : current_environment()) {
    auto eq = s.find('=');
    if (eq != std::string::npos) m[s.substr(0, eq)] = s.substr(eq + 1);
  }
  for (auto& [k, v] : extra) {
    if (v == "\x01unset")
      m.erase(k);
    else
      m[k] = v;
  }
  std::vector<std::string> out;
  for (auto& [k, v] : m) out.push_back(k + "=" + v);
  return out;
}

// Spawns with stdin/stdout/stderr wired to the given fds (-1: /dev/null).
int spawn(const std::vector<std::string>& argv, const Env& env, const std::string& cwd,
          int in_fd, int out_fd, int err_fd) {
  SpawnOptions so;
  so.argv = argv;
  so.env = merged_env(env);
  so.cwd = cwd;
  so.stdin_fd = in_fd;
  so.stdout_fd = out_fd;
  so.stderr_fd = err_fd;
  auto pid = spawn_program(so);
  if (!pid) throw std::runtime_error(pid.error().message);
  return *pid;
}

}  // namespace

RunResult run(const std::vector<std::string>& argv, const std::string& input, const Env& env,
              const std::string& cwd) {
  // A child that exits before reading all its input must not kill the test.
  ::signal(SIGPIPE, SIG_IGN);
  int in[2], out[2], err[2];
  if (::pipe2(in, O_CLOEXEC) || ::pipe2(out, O_CLOEXEC) || ::pipe2(err, O_CLOEXEC))
    throw std::runtime_error("pipe failed");
  int pid = spawn(argv, env, cwd, in[0], out[1], err[1]);
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  RunResult r;
  size_t written = 0;
  int in_fd = in[1];
  if (input.empty()) {
    ::close(in_fd);
    in_fd = -1;
  }
  bool out_open = true, err_open = true;
  char buf[65536];
  while (out_open || err_open || in_fd >= 0) {
    pollfd fds[3];
    int n = 0;
    int out_i = -1, err_i = -1, in_i = -1;
    if (out_open) { fds[n] = {out[0], POLLIN, 0}; out_i = n++; }
    if (err_open) { fds[n] = {err[0], POLLIN, 0}; err_i = n++; }
    if (in_fd >= 0) { fds[n] = {in_fd, POLLOUT, 0}; in_i = n++; }
    if (::poll(fds, n, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    auto drain = [&](int idx, int fd, bool& open, std::string& dst) {
      if (idx < 0 || !(fds[idx].revents & (POLLIN | POLLHUP | POLLERR))) return;
      ssize_t k = ::read(fd, buf, sizeof buf);
      if (k > 0) dst.append(buf, static_cast<size_t>(k));
      else if (k == 0 || errno != EINTR) open = false;
    };
    drain(out_i, out[0], out_open, r.out);
    drain(err_i, err[0], err_open, r.err);
    if (in_i >= 0 && (fds[in_i].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t k = ::write(in_fd, input.data() + written, input.size() - written);
      if (k > 0) written += static_cast<size_t>(k);
      if (k < 0 || written == input.size()) {
        ::close(in_fd);
        in_fd = -1;
      }
    }
  }
  ::close(out[0]);
  ::close(err[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  r.exit_code = exit_code_of(status);
  return r;
}

DemoWorkspace::DemoWorkspace() {
  REQUIRE(team_agent(path(), {"init", "--demo"}).exit_code == 0);
}

std::string team_agent_bin() { return TEAM_AGENT_BIN; }
std::string helper_bin(const std::string& name) {
  return std::string(TEST_HELPER_DIR) + "/" + name;
}

RunResult team_agent(const std::string& ws, const std::vector<std::string>& args,
                     const std::string& input, const Env& env) {
  std::vector<std::string> argv{team_agent_bin(), "--workspace", ws};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, input, env);
}

Background::Background(const std::vector<std::string>& argv, const Env& env,
                       const std::string& cwd) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC)) throw std::runtime_error("pipe failed");
  pid_ = spawn(argv, env, cwd, -1, out[1], out[1]);
  ::close(out[1]);
  out_fd_ = out[0];
}

Background::~Background() {
  if (!exited_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    wait(std::chrono::milliseconds(5000));
  }
  if (out_fd_ >= 0) ::close(out_fd_);
}

bool Background::fill(std::chrono::milliseconds timeout) {
  if (out_fd_ < 0) return false;
  pollfd p{out_fd_, POLLIN, 0};
  int rc = ::poll(&p, 1, static_cast<int>(timeout.count()));
  if (rc <= 0) return false;
  char buf[65536];
  ssize_t k = ::read(out_fd_, buf, sizeof buf);
  if (k <= 0) {
    ::close(out_fd_);
    out_fd_ = -1;
    return false;
  }
  buf_.append(buf, static_cast<size_t>(k));
  all_.append(buf, static_cast<size_t>(k));
  return true;
}

std::optional<std::string> Background::read_line(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto nl = buf_.find('\n');
    if (nl != std::string::npos) {
      std::string line = buf_.substr(0, nl);
      buf_.erase(0, nl + 1);
      return line;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || out_fd_ < 0) return std::nullopt;
    fill(left);
  }
}

std::optional<std::string> Background::wait_for(const std::string& needle,
                                                std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    auto line = read_line(left);
    if (!line) return std::nullopt;
    if (line->find(needle) != std::string::npos) return line;
  }
}

void Background::signal(int sig) {
  if (!exited_ && pid_ > 0) ::kill(pid_, sig);
}

int Background::wait(std::chrono::milliseconds timeout) {
  if (exited_) return status_;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  // The child's exit is an event on its pidfd; its output is drained
  // meanwhile so it never blocks on a full pipe.
  ta::UniqueFd exit_fd(static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0)));
  if (!exit_fd.valid()) throw std::runtime_error("pidfd_open failed");
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() < 0) return -1;
    pollfd fds[2] = {{exit_fd.get(), POLLIN, 0}, {out_fd_, POLLIN, 0}};
    int n = ::poll(fds, out_fd_ >= 0 ? 2 : 1, static_cast<int>(left.count()));
    if (n < 0 && errno != EINTR) return -1;
    if (n > 0 && out_fd_ >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)))
      fill(std::chrono::milliseconds(0));
    if (n > 0 && (fds[0].revents & POLLIN)) {
      int st = 0;
      while (::waitpid(pid_, &st, 0) < 0 && errno == EINTR) {
      }
      exited_ = true;
      status_ = exit_code_of(st);
      // What it wrote before exiting is all in the pipe now: keep it, or a
      // last line can be missing from the transcript when both were ready
      // in the same poll.
      while (fill(std::chrono::milliseconds(0))) {
      }
      return status_;
    }
    if (n == 0) return -1;
  }
}

std::string read_text(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << text;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line)) out.push_back(line);
  return out;
}

}  // namespace ta::test
