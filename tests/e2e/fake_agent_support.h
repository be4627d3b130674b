#pragma once
// A fake agent running in its own private tmux server, with its transcript,
// for the fake-agent end-to-end tests.
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/e2e/support.h"
#include "tests/e2e/tmux_fixture.h"

namespace ta::test {

struct FakeAgent {
  // Starts `team-agent fake-agent --id worker --transcript … args…` (with
  // `--reply none` unless args choose a reply) in a width×height pane.
  explicit FakeAgent(std::vector<std::string> args, int width = 120, int height = 40);

  std::string screen() const { return tmux.capture(pane); }
  bool shows(const std::string& text) const;
  // Transcript entries of one kind, in order.
  std::vector<nlohmann::json> entries(const std::string& kind) const;

  bool wait_for_screen(const std::string& text,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
  bool wait_for_entry(const std::string& kind, std::size_t count = 1,
                      std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
  // Waits until the prompt of any mode is drawn.
  bool wait_until_ready() const;
  // Waits until the pane is dead with this exit status.
  bool wait_for_exit_status(const std::string& status) const;
  // Prints what went wrong with the screen and the transcript, to stderr.
  void explain(const std::string& what) const;

  TempDir dir;
  TmuxServer tmux;
  std::string transcript;
  std::string pane;
};

// "Team Agent message from <sender>:\n\n<content>\n\n[team-agent-token:<id>]"
std::string rendered(const std::string& message_id, const std::string& content,
                     const std::string& sender = "leader", const std::string& task = "");

// The capture's lines with trailing blanks removed.
std::vector<std::string> screen_lines(const std::string& capture);
bool has_line(const std::vector<std::string>& lines, const std::string& line);
bool has_line_starting(const std::vector<std::string>& lines, const std::string& prefix);

}  // namespace ta::test
