#pragma once
// A private tmux server for one test (its own socket and config), with the
// few tmux commands the tests drive it with. Killed when the test ends.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "tests/e2e/support.h"
#include "tests/support/temp_dir.h"

namespace ta::test {

// Full path of `name` on $PATH, or "" when it is not there.
std::string find_program(const std::string& name);

class TmuxServer {
 public:
  TmuxServer();
  ~TmuxServer();
  TmuxServer(const TmuxServer&) = delete;
  TmuxServer& operator=(const TmuxServer&) = delete;

  // `tmux -L SOCKET -f CONFIG args...`
  RunResult tmux(const std::vector<std::string>& args, const std::string& input = "") const;
  // Starts the session running `argv`; returns its pane id.
  std::string start(const std::vector<std::string>& argv, int width = 100, int height = 30,
                    const std::string& cwd = "", const Env& env = {});
  std::string capture(const std::string& pane) const;
  std::string pane_format(const std::string& pane, const std::string& format) const;
  // Loads `text` into a fresh buffer and pastes it bracketed; optionally
  // presses Enter in the same tmux invocation.
  void paste(const std::string& pane, const std::string& text, bool enter_right_after = false);
  void send_keys(const std::string& pane, const std::vector<std::string>& keys) const;
  void send_literal(const std::string& pane, const std::string& text) const;
  // Sends SIGCHLD to this server: tmux 3.3 built with libutempter may miss
  // a pane's exit and never reap it (pane_dead 1, no pane_dead_status).
  void nudge_child_reaping() const;

  const std::string& socket() const { return socket_; }

 private:
  TempDir dir_;
  std::string tmux_bin_;
  std::string socket_;
  std::string socket_path_;  // known once the server runs
  std::string config_;
  int buffers_ = 0;
};

// Polls `condition` until it holds or `timeout` passes.
bool wait_until(const std::function<bool()>& condition,
                std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace ta::test
