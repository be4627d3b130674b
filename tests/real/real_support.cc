#include "tests/real/real_support.h"

#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include <doctest/doctest.h>

#include "terminal/tmux_ops.h"
#include "terminal/tmux_server.h"
#include "util/processes.h"

namespace ta::test {

namespace {

bool executable(const std::string& path) { return ::access(path.c_str(), X_OK) == 0; }

std::string first_line_of(const std::string& path) {
  auto lines = split_lines(read_text(path));
  return lines.empty() ? "" : lines.front();
}

std::optional<terminal::TmuxServer> server_of(const TeamWorkspace& ws) {
  terminal::ServerOptions o;
  o.socket_name = terminal::socket_name_for_workspace(ws.path());
  auto s = terminal::TmuxServer::locate(o);
  if (!s) return std::nullopt;
  return std::move(*s);
}

// NUL-separated /proc file of one process, NULs kept (a needle has none).
std::string proc_file(const std::string& pid, const char* name) {
  return read_proc_file("/proc/" + pid + "/" + name);
}

TeamOptions at_subpath(const std::string& subpath) {
  TeamOptions o;
  o.subpath = subpath;
  return o;
}

}  // namespace

RealClis locate_real_clis() {
  RealClis c;
  const char* env = std::getenv("TEAM_AGENT_REAL_CLI_PREFIX");
  c.prefix = env && *env ? env : REAL_CLI_PREFIX;
  c.bin_dir = c.prefix + "/node_modules/.bin";
  c.claude = c.bin_dir + "/claude";
  c.codex = c.bin_dir + "/codex";
  if (std::filesystem::exists(c.prefix + "/SKIPPED"))
    c.skip_reason = first_line_of(c.prefix + "/SKIPPED");
  else if (!executable(c.claude) || !executable(c.codex))
    c.skip_reason = "the pinned claude and codex are not in " + c.bin_dir +
                    "; run scripts/install-real-clis.sh (make test does)";
  return c;
}

RealTeam::RealTeam(const RealClis& clis, const nlohmann::json& spec, const RealLayout& layout)
    : ws_(at_subpath(layout.workspace), spec),
      home_(ws_.temp_root() + "/home"),
      git_root_(ws_.temp_root() + "/" + layout.git_root) {
  std::filesystem::create_directories(home_ + "/.codex");
  // First-run setup done, as after a user's own onboarding: without it
  // Claude asks for a theme and a login, and offline it exits.
  write_text(home_ + "/.claude.json",
             R"({"hasCompletedOnboarding":true,"theme":"dark","lastOnboardingVersion":"2.1.332"})");
  const std::string unset = "\x01unset";
  env_ = trust_env(false);
  env_.insert({{"HOME", home_},
               {"CLAUDE_CONFIG_DIR", home_},
               {"CODEX_HOME", home_ + "/.codex"},
               {"XDG_CONFIG_HOME", home_ + "/.config"},
               {"XDG_CACHE_HOME", home_ + "/.cache"},
               {"XDG_DATA_HOME", home_ + "/.local/share"},
               {"XDG_STATE_HOME", home_ + "/.local/state"},
               {"PATH", clis.bin_dir + ":/usr/local/bin:/usr/bin:/bin"},
               {"LANG", "C.UTF-8"},
               {"TMUX", unset},
               {"ANTHROPIC_API_KEY", unset},
               {"ANTHROPIC_AUTH_TOKEN", unset},
               {"OPENAI_API_KEY", unset},
               {"CODEX_API_KEY", unset}});
  // Codex shows its trust prompt only inside a git repository.
  auto git = run({"/usr/bin/git", "init", "-q", git_root_}, "", env_);
  REQUIRE_MESSAGE(git.exit_code == 0, "git init: " << git.err);
  login_codex(clis);
}

void RealTeam::login_codex(const RealClis& clis) {
  auto login = run({clis.codex, "login", "--with-api-key"}, std::string(kFakeOpenAiKey) + "\n", env_);
  REQUIRE_MESSAGE(login.exit_code == 0, "codex login: " << login.out << login.err);
}

RealTeam::~RealTeam() {
  if (auto s = server_of(ws_)) (void)s->kill();
  kill_processes_naming(ws_.temp_root());
}

bool RealTeam::pane_alive(const std::string& agent) const {
  std::string pane;
  for (const auto& e : events_of(ws_, "pane.started"))
    if (e.data.value("agent_id", "") == agent) pane = e.data.value("pane_id", "");
  auto s = server_of(ws_);
  if (pane.empty() || !s) return false;
  auto info = terminal::pane_info(*s, pane);
  return info && !info->dead;
}

int kill_processes_naming(const std::string& needle, std::chrono::milliseconds patience) {
  const std::string self = std::to_string(::getpid());
  const auto deadline = std::chrono::steady_clock::now() + patience;
  int killed = 0;
  for (;;) {
    int found = 0;
    if (DIR* d = ::opendir("/proc")) {
      while (dirent* e = ::readdir(d)) {
        std::string pid = e->d_name;
        if (pid.find_first_not_of("0123456789") != std::string::npos || pid == self) continue;
        if (proc_file(pid, "cmdline").find(needle) == std::string::npos &&
            proc_file(pid, "environ").find(needle) == std::string::npos)
          continue;
        ++found;
        if (::kill(std::stoi(pid), SIGKILL) == 0) ++killed;
      }
      ::closedir(d);
    }
    if (found == 0 || std::chrono::steady_clock::now() >= deadline) return killed;
    // Killed processes linger as zombies until reaped, and a dying parent
    // may have forked once more: look again shortly.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace ta::test
