#include "terminal/start_failure.h"

#include <doctest/doctest.h>

using ta::terminal::classify_start_failure;

namespace {

std::string cause_of(const std::string& screen) {
  auto f = classify_start_failure(screen);
  return f ? f->cause : "<none>";
}

}  // namespace

TEST_CASE("a Codex app server that does not come up is recognised, however it is worded") {
  CHECK(cause_of("Error: app server did not become ready\n") == "app_server_unavailable");
  CHECK(cause_of("  >_ OpenAI Codex (v0.171.0)\n\nError: app-server did not become ready within 10s\n"
                 "$ ") == "app_server_unavailable");
  CHECK(cause_of("failed to connect to app server at unix:///x/app-server-control.sock: "
                 "Connection refused\n") == "app_server_unavailable");
  CHECK(cause_of("Error: the app server timed out while starting\n") == "app_server_unavailable");
  CHECK(cause_of("Could not start the managed app-server daemon\n") == "app_server_unavailable");
  auto f = classify_start_failure("Error: app server did not become ready\n");
  REQUIRE(f);
  CHECK(f->stale_process_may_cause);
  CHECK(f->line == "Error: app server did not become ready");
  CHECK(f->advice.find("shutdown --kill-panes") != std::string::npos);
}

TEST_CASE("a message wrapped at the pane's edge is read across the break") {
  CHECK(cause_of("Error: failed to start the\napp server: exited with status 1\n") ==
        "app_server_unavailable");
}

TEST_CASE("held resources, old runtimes, permissions, configs, missing programs, logins, memory") {
  CHECK(cause_of("Error: listen EADDRINUSE: address already in use 127.0.0.1:1455\n") == "in_use");
  CHECK(cause_of("could not acquire lock on /home/u/.codex/auth.lock\n") == "in_use");
  CHECK(cause_of("Claude Code requires Node.js version 18 or higher\n") == "runtime_too_old");
  CHECK(cause_of("file:///x/cli.js:12\nSyntaxError: Unexpected token '?'\n") == "runtime_too_old");
  CHECK(cause_of("Error: EACCES: permission denied, open '/home/u/.claude.json'\n") ==
        "permission_denied");
  CHECK(cause_of("Error loading config.toml: unknown variant `fast`, expected one of `low`\n") ==
        "config_invalid");
  CHECK(cause_of("failed to read config /x/config.toml: No such file or directory\n") ==
        "config_invalid");
  CHECK(cause_of("bash: claude: command not found\n") == "program_not_found");
  CHECK(cause_of("sh: 1: codex: not found\n") == "program_not_found");
  CHECK(cause_of("Error: Cannot find module '/x/node_modules/@openai/codex/bin/codex.js'\n") ==
        "program_not_found");
  CHECK(cause_of("Not logged in · Please run /login\n") == "not_logged_in");
  CHECK(cause_of("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of "
                 "memory\n") == "out_of_memory");
}

TEST_CASE("what a program says last counts; a clean exit or plain output is no cause") {
  CHECK(cause_of("") == "<none>");
  CHECK(cause_of("Goodbye!\n") == "<none>");
  CHECK(cause_of("› Ask Codex to do anything\n\n  ? for shortcuts\n") == "<none>");
  // An error far above the last lines is history, not why it exited now.
  std::string screen = "bash: foo: command not found\n";
  for (int i = 0; i < 30; ++i) screen += "line " + std::to_string(i) + "\n";
  CHECK(cause_of(screen) == "<none>");
}

TEST_CASE("screen_tail keeps the last non-blank lines, trimmed") {
  CHECK(ta::terminal::screen_tail("a\n\n b  \nc\nd\n", 3) == "b\nc\nd\n");
  CHECK(ta::terminal::screen_tail("", 3) == "");
}
