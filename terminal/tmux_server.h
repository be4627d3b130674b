#pragma once
// The team's private tmux server: its socket name (one per workspace, so
// teams never collide), finding tmux and checking its version, starting the
// server with the team session, one-subprocess-per-call commands, and
// killing it.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "terminal/tmux_runner.h"
#include "util/result.h"

namespace ta::terminal {

// Control-mode client flags ignore-size and pause-after arrived in tmux 3.2.
constexpr int kMinTmuxMajor = 3;
constexpr int kMinTmuxMinor = 2;

struct TmuxVersion {
  int major = 0;
  int minor = 0;
  std::string text;  // as tmux printed it after "tmux ", e.g. "3.3a" or "next-3.5"
};

// Parses `tmux -V` output ("tmux 3.3a", "tmux next-3.4", "tmux master").
// Development builds without a number count as new enough.
Result<TmuxVersion> parse_tmux_version(std::string_view v_output);
// An error naming the version found and the one needed, when too old.
Status check_tmux_version(const TmuxVersion& v);

// "team-agent-" + 12 hex digits of a hash of the workspace's canonical path.
std::string socket_name_for_workspace(const std::string& workspace);

// The first executable `name` in the ':'-separated `path`.
std::optional<std::string> find_on_path(const std::string& name, const std::string& path);

struct ServerOptions {
  std::string socket_name;  // tmux -L NAME
  // tmux -f FILE. The private server never reads the user's ~/.tmux.conf:
  // a personal default-command, history-limit or key table would change
  // what panes run and show.
  std::string config_file = "/dev/null";
  // PATH searched for tmux; unset means this process's $PATH.
  std::optional<std::string> path;
  std::chrono::milliseconds command_timeout{10000};
};

// What start() creates when the server is not running.
struct StartOptions {
  std::string session;  // letters, digits, '_' and '-'
  int width = 200;
  int height = 50;
  // The first pane's program, executed directly; empty runs the default shell.
  std::vector<std::string> command;
  int history_limit = 10000;
  // Dead panes stay visible (pane_dead, pane_dead_status) instead of
  // vanishing, so a crashed agent is seen and reported, not silently lost.
  bool remain_on_exit = true;
};

class TmuxServer : public TmuxRunner {
 public:
  // Finds tmux and checks its version; errors are one sentence saying what
  // to install.
  static Result<TmuxServer> locate(ServerOptions options);

  const std::string& socket_name() const { return options_.socket_name; }
  const std::string& tmux_path() const { return tmux_path_; }
  const TmuxVersion& version() const { return version_; }
  // Where tmux puts the socket: $TMUX_TMPDIR (or /tmp) /tmux-UID/NAME.
  std::string socket_path() const;
  // tmux, -L NAME, -f CONFIG: the start of every command line for this server.
  std::vector<std::string> base_argv() const;
  // Our environment without TMUX/TMUX_PANE: the private server is reached by
  // socket name, and a supervisor started inside a tmux pane must not make
  // tmux think it is nesting.
  const std::vector<std::string>& child_env() const { return env_; }

  // Whether a server answers on the socket (a connect, no subprocess).
  bool running() const;
  bool has_session(const std::string& session) const;
  // Starts the server and the session when the session does not exist;
  // global options are set before the first pane starts.
  Status start(const StartOptions& options) const;
  // Kills the server (fine when none runs), waits until it is gone and
  // removes its socket file.
  Status kill() const;

  // TmuxRunner, one `tmux` subprocess per call.
  Result<std::vector<std::string>> run(const std::vector<std::string>& words) override;
  Status load_buffer(const std::string& name, std::string_view data) override;
  // The same, usable on a const server; `input` goes to tmux's stdin.
  Result<std::string> run_text(const std::vector<std::string>& words,
                               std::string_view input = {}) const;

 private:
  ServerOptions options_;
  std::string tmux_path_;
  TmuxVersion version_;
  std::vector<std::string> env_;
};

// Session names are used as exact targets (=NAME); tmux would rewrite ':'
// and '.', and other characters make targets ambiguous.
Status check_session_name(const std::string& name);

}  // namespace ta::terminal
