#pragma once
// What end-to-end tests need to drive `team-agent` as a user would: a private
// temporary workspace, running a command to completion, and a background
// process whose output can be awaited line by line (never slept on).
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace ta::test {

struct RunResult {
  int exit_code = -1;  // 128+N when killed by signal N
  std::string out;
  std::string err;
};

using Env = std::map<std::string, std::string>;

// Runs argv[0] (a path) with the given args, stdin text and extra environment
// (added to ours; a value of "\x01unset" removes a variable). Waits for exit.
RunResult run(const std::vector<std::string>& argv, const std::string& input = "",
              const Env& env = {}, const std::string& cwd = "");

// `team-agent --workspace WS args...`
RunResult team_agent(const std::string& ws, const std::vector<std::string>& args,
                     const std::string& input = "", const Env& env = {});
std::string team_agent_bin();
// Path of a helper program built from tests/helpers/NAME.cc.
std::string helper_bin(const std::string& name);

// A temporary workspace set up by `team-agent init --demo`: the demo team
// (leader, backend, frontend, tester); the test fails if init does.
struct DemoWorkspace {
  TempDir dir;
  DemoWorkspace();
  const std::string& path() const { return dir.path(); }
  std::string events_dir() const { return path() + "/.team/events"; }
};

// A child process with its stdout (and stderr, merged) on a pipe.
class Background {
 public:
  Background(const std::vector<std::string>& argv, const Env& env = {},
             const std::string& cwd = "");
  ~Background();  // SIGKILLs the child if it still runs
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  int pid() const { return pid_; }
  // Next complete output line, waiting at most `timeout`.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);
  // Reads lines until one contains `needle`; returns it, or nothing on timeout.
  std::optional<std::string> wait_for(const std::string& needle, std::chrono::milliseconds timeout);
  void signal(int sig);
  // Waits for exit; returns the exit code (128+N for signal N), or -1 on timeout.
  int wait(std::chrono::milliseconds timeout);
  // Everything read so far, including lines already returned.
  const std::string& transcript() const { return all_; }

 private:
  bool fill(std::chrono::milliseconds timeout);
  int pid_ = -1;
  int out_fd_ = -1;
  int status_ = -1;
  bool exited_ = false;
  std::string buf_;
  std::string all_;
};

std::string read_text(const std::string& path);
void write_text(const std::string& path, const std::string& text);
std::vector<std::string> split_lines(const std::string& text);

}  // namespace ta::test
