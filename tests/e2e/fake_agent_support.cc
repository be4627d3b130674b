#include "tests/e2e/fake_agent_support.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace ta::test {

FakeAgent::FakeAgent(std::vector<std::string> args, int width, int height) {
  transcript = dir.path() + "/worker.jsonl";
  std::vector<std::string> argv{team_agent_bin(), "fake-agent",   "--id",
                                "worker",         "--transcript", transcript};
  if (std::find(args.begin(), args.end(), "--reply") == args.end())
    argv.insert(argv.end(), {"--reply", "none"});
  argv.insert(argv.end(), args.begin(), args.end());
  pane = tmux.start(argv, width, height, dir.path(),
                    {{"TEAM_AGENT_WORKSPACE", dir.path()}, {"TEAM_AGENT_ID", "worker"}});
}

bool FakeAgent::shows(const std::string& text) const {
  return screen().find(text) != std::string::npos;
}

std::vector<nlohmann::json> FakeAgent::entries(const std::string& kind) const {
  std::vector<nlohmann::json> out;
  for (const auto& line : split_lines(read_text(transcript))) {
    auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_object() && j.value("kind", "") == kind) out.push_back(j);
  }
  return out;
}

bool FakeAgent::wait_for_screen(const std::string& text, std::chrono::milliseconds timeout) const {
  if (wait_until([&] { return shows(text); }, timeout)) return true;
  explain("\"" + text + "\" never showed");
  return false;
}

bool FakeAgent::wait_for_entry(const std::string& kind, std::size_t count,
                               std::chrono::milliseconds timeout) const {
  if (wait_until([&] { return entries(kind).size() >= count; }, timeout)) return true;
  explain("no " + std::to_string(count) + " \"" + kind + "\" entries");
  return false;
}

bool FakeAgent::wait_for_exit_status(const std::string& status) const {
  // tmux marks the pane dead when its output ends and learns the exit status
  // when it reaps the process. tmux 3.3 with libutempter can miss that
  // SIGCHLD (tmux/tmux#311, #2679) and then never reaps: nudge our own server.
  std::string seen;
  auto dead_since = std::chrono::steady_clock::time_point::max();
  if (wait_until([&] {
        seen = tmux.pane_format(pane, "#{pane_dead} #{pane_dead_status}");
        auto now = std::chrono::steady_clock::now();
        if (seen != "1 ")
          dead_since = std::chrono::steady_clock::time_point::max();
        else if (dead_since == std::chrono::steady_clock::time_point::max())
          dead_since = now;
        else if (now - dead_since > std::chrono::milliseconds(300)) {
          tmux.nudge_child_reaping();
          dead_since = now;
        }
        return seen == "1 " + status;
      }))
    return true;
  explain("the pane is not dead with status " + status + " (dead, status: " + seen + ")");
  return false;
}

void FakeAgent::explain(const std::string& what) const {
  std::fprintf(stderr, "fake agent test: %s\n--- screen ---\n%s--- transcript ---\n%s---\n",
               what.c_str(), screen().c_str(), read_text(transcript).c_str());
}

bool FakeAgent::wait_until_ready() const {
  return wait_until([&] {
    auto s = screen();
    return s.find("⏎ send") != std::string::npos ||
           s.find("? for shortcuts") != std::string::npos || has_line(screen_lines(s), ">");
  });
}

std::string rendered(const std::string& message_id, const std::string& content,
                     const std::string& sender, const std::string& task) {
  return "Team Agent message from " + sender + (task.empty() ? "" : " for " + task) + ":\n\n" +
         content + "\n\n[team-agent-token:" + message_id + "]";
}

std::vector<std::string> screen_lines(const std::string& capture) {
  std::vector<std::string> lines;
  std::stringstream in(capture);
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

bool has_line(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

bool has_line_starting(const std::vector<std::string>& lines, const std::string& prefix) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& l) { return l.rfind(prefix, 0) == 0; });
}

}  // namespace ta::test
