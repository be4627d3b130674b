#include "terminal/start_failure.h"

#include <vector>

#include "util/regex.h"
#include "terminal/text.h"

namespace ta::terminal {

namespace {

struct Rule {
  const char* cause;
  const char* pattern;  // caseless, matched against one line, then against wrapped pairs
  const char* advice;
  bool stale_process_may_cause;
};

// Most specific first: an app server that "could not connect" is that, not a
// generic connection failure; a config file that cannot be read is about the
// config, not a missing program; a permission error is the thing to fix
// whatever file it names.
const std::vector<Rule>& rules() {
  static const std::vector<Rule> all = {
    {"app_server_unavailable",
     R"(app[- _]?server\b.{0,60}\b(did ?n[o']t|never|not|failed to|could ?n[o']t|unable to|timed? ?out|unavailable|unreachable|refused|exited)|(failed|unable|could ?n[o']t)\b.{0,30}\b(start|spawn|connect to|reach)\b.{0,30}app[- _]?server)",
     "a background app server of this CLI (one per CODEX_HOME) did not answer, often one "
     "left by an earlier run: 'team-agent doctor' lists leftovers and 'team-agent shutdown "
     "--kill-panes' ends them; then run again",
     true},
    {"in_use",
     R"(address already in use|EADDRINUSE|already running|another instance|(lock|lockfile)\b.{0,30}\b(held|taken|busy|in use|acquire|obtain)|(could ?n[o']t|unable to|failed to) (acquire|obtain|get) .{0,20}lock)",
     "something else holds what it needs (a lock, a socket or a port), often a process left by "
     "an earlier run: 'team-agent doctor' lists leftovers and 'team-agent shutdown --kill-panes' "
     "ends them; then run again",
     true},
    {"runtime_too_old",
     R"(requires? node(\.?js)?\b.{0,20}(version|v?\d+|>=)|unsupported (node|engine|runtime)|node(\.?js)? (v?\d[\d.]* )?is (not supported|too old|unsupported)|please (upgrade|update) (your )?node|SyntaxError: (Unexpected token|Invalid regular expression flags)|ERR_REQUIRE_ESM|GLIBC_[\d.]+'? not found)",
     "the CLI needs a newer Node.js (or system library) than this machine has: install the "
     "version its package asks for ('team-agent doctor' shows the engines) and run again",
     false},
    {"permission_denied",
     R"(permission denied|EACCES|EPERM|operation not permitted|read-only file system|EROFS)",
     "the CLI may not read or write a file it needs (its home, config or the workspace): fix "
     "the ownership or permissions it names and run again",
     false},
    {"config_invalid",
     R"((error|failed|unable|could ?n[o']t|invalid)\b.{0,40}\b(pars|load|read|deserializ)\w*\b.{0,40}(config|settings|toml|json)|invalid (config|configuration|settings)|(config|settings)(\.toml|\.json)?\b.{0,40}\b(invalid|malformed|unknown (field|key|variant)|expected))",
     "the CLI's own configuration could not be read: fix the file it names (CODEX_HOME/"
     "config.toml, CLAUDE_CONFIG_DIR/settings.json) and run again",
     false},
    {"program_not_found",
     R"(command not found|: not found$|no such file or directory|ENOENT|cannot find module|MODULE_NOT_FOUND|exec format error|cannot execute)",
     "the CLI or a file it needs is missing: install it (or set providers.<name>.command in "
     ".team/team.json to its path) and check 'team-agent doctor'",
     false},
    {"not_logged_in",
     R"(not logged in|please (log ?in|sign ?in)|run .{0,20}\blogin\b|authentication (is )?required|no (api )?key (was )?(found|provided|set)|api[_ ]key\b.{0,20}\b(missing|not set|required))",
     "the CLI has no credentials: log in with the CLI itself (or set its API key in the agent's "
     "env) and run again",
     false},
    {"out_of_memory",
     R"(out of memory|heap out of memory|ENOMEM|cannot allocate memory|^Killed$)",
     "the CLI ran out of memory: close other programs or give the machine more memory, then run "
     "again",
     false},
  };
  return all;
}

const std::vector<Regex>& compiled() {
  static const std::vector<Regex> all = [] {
    std::vector<Regex> out;
    for (const auto& r : rules()) out.push_back(*Regex::compile(r.pattern, true));
    return out;
  }();
  return all;
}

std::vector<std::string> nonblank_lines(const std::string& screen) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= screen.size()) {
    auto end = screen.find('\n', start);
    if (end == std::string::npos) end = screen.size();
    std::string line(trim_blanks(std::string_view(screen).substr(start, end - start)));
    if (!line.empty()) out.push_back(std::move(line));
    start = end + 1;
  }
  return out;
}

}  // namespace

std::optional<StartFailure> classify_start_failure(const std::string& screen) {
  // What a program prints last explains its exit best: look from the bottom,
  // over the last lines only (a banner or an old error above is history).
  auto lines = nonblank_lines(screen);
  constexpr std::size_t kWindow = 15;
  std::size_t first = lines.size() > kWindow ? lines.size() - kWindow : 0;
  for (std::size_t rule = 0; rule < rules().size(); ++rule) {
    for (std::size_t i = lines.size(); i-- > first;) {
      // A message wrapped at the pane's edge is read with its next line too.
      std::string subject = lines[i];
      bool hit = compiled()[rule].search(subject);
      if (!hit && i + 1 < lines.size()) hit = compiled()[rule].search(subject + " " + lines[i + 1]);
      if (!hit) continue;
      const auto& r = rules()[rule];
      return StartFailure{r.cause, r.advice, lines[i], r.stale_process_may_cause};
    }
  }
  return std::nullopt;
}

std::string screen_tail(const std::string& screen, int max_lines) {
  auto lines = nonblank_lines(screen);
  std::size_t n = static_cast<std::size_t>(std::max(max_lines, 0));
  std::size_t first = lines.size() > n ? lines.size() - n : 0;
  std::string out;
  for (std::size_t i = first; i < lines.size(); ++i) out += lines[i] + "\n";
  return out;
}

}  // namespace ta::terminal
