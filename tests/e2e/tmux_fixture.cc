#include "tests/e2e/tmux_fixture.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace ta::test {

namespace {

std::atomic<int> g_servers{0};

// The server inherits the environment of the client that starts it; a tmux
// around the test run must not leak in.
const Env kClientEnv{{"TMUX", "\x01unset"}, {"TMUX_PANE", "\x01unset"}};

}  // namespace

std::string find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

TmuxServer::TmuxServer() {
  tmux_bin_ = find_program("tmux");
  if (tmux_bin_.empty()) throw std::runtime_error("tmux is not installed");
  socket_ = "ta-test-" + std::to_string(::getpid()) + "-" + std::to_string(g_servers++);
  config_ = dir_.path() + "/tmux.conf";
  // No status line, so the pane has the session's full height; dead panes
  // stay so a test can read their exit status.
  write_text(config_,
             "set -g status off\n"
             "set -g remain-on-exit on\n"
             "set -g history-limit 2000\n");
}

TmuxServer::~TmuxServer() {
  tmux({"kill-server"});
  // tmux leaves the socket file behind.
  if (!socket_path_.empty()) ::unlink(socket_path_.c_str());
}

RunResult TmuxServer::tmux(const std::vector<std::string>& args, const std::string& input) const {
  std::vector<std::string> argv{tmux_bin_, "-L", socket_, "-f", config_};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, input, kClientEnv);
}

std::string TmuxServer::start(const std::vector<std::string>& argv, int width, int height,
                              const std::string& cwd, const Env& env) {
  std::vector<std::string> args{
      "new-session",         "-d", "-P", "-F", "#{pane_id}", "-x", std::to_string(width), "-y",
      std::to_string(height)};
  if (!cwd.empty()) args.insert(args.end(), {"-c", cwd});
  for (const auto& [k, v] : env) args.insert(args.end(), {"-e", k + "=" + v});
  // More than one word: tmux runs the program itself, with no shell.
  args.insert(args.end(), argv.begin(), argv.end());
  auto r = tmux(args);
  if (r.exit_code != 0) throw std::runtime_error("tmux new-session failed: " + r.err);
  std::string pane = r.out.substr(0, r.out.find('\n'));
  if (socket_path_.empty()) socket_path_ = pane_format(pane, "#{socket_path}");
  return pane;
}

std::string TmuxServer::capture(const std::string& pane) const {
  return tmux({"capture-pane", "-p", "-t", pane}).out;
}

std::string TmuxServer::pane_format(const std::string& pane, const std::string& format) const {
  auto out = tmux({"display-message", "-p", "-t", pane, format}).out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

void TmuxServer::paste(const std::string& pane, const std::string& text, bool enter_right_after) {
  std::string buffer = "ta-test-" + std::to_string(++buffers_);
  auto loaded = tmux({"load-buffer", "-b", buffer, "-"}, text);
  if (loaded.exit_code != 0) throw std::runtime_error("tmux load-buffer failed: " + loaded.err);
  std::vector<std::string> args{"paste-buffer", "-p", "-d", "-b", buffer, "-t", pane};
  if (enter_right_after) args.insert(args.end(), {";", "send-keys", "-t", pane, "Enter"});
  auto pasted = tmux(args);
  if (pasted.exit_code != 0) throw std::runtime_error("tmux paste-buffer failed: " + pasted.err);
}

void TmuxServer::send_keys(const std::string& pane, const std::vector<std::string>& keys) const {
  std::vector<std::string> args{"send-keys", "-t", pane};
  args.insert(args.end(), keys.begin(), keys.end());
  tmux(args);
}

void TmuxServer::send_literal(const std::string& pane, const std::string& text) const {
  tmux({"send-keys", "-t", pane, "-l", "--", text});
}

void TmuxServer::nudge_child_reaping() const {
  auto out = tmux({"display-message", "-p", "#{pid}"}).out;
  int pid = std::atoi(out.c_str());
  if (pid > 1) ::kill(pid, SIGCHLD);
}

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace ta::test
