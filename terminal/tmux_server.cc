#include "terminal/tmux_server.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>

#include "terminal/tmux_process.h"
#include "terminal/tmux_protocol.h"
#include "util/hash.h"

extern char** environ;

namespace ta::terminal {

namespace {

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::string first_line(const std::string& s) {
  std::string t = trim(s);
  auto nl = t.find('\n');
  return nl == std::string::npos ? t : t.substr(0, nl);
}

std::vector<std::string> split_output_lines(const std::string& out) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < out.size()) {
    auto nl = out.find('\n', start);
    if (nl == std::string::npos) {
      lines.push_back(out.substr(start));
      break;
    }
    lines.push_back(out.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

const char* kInstallHint = "install tmux 3.2 or newer (e.g. apt-get install tmux)";

}  // namespace

Result<TmuxVersion> parse_tmux_version(std::string_view v_output) {
  std::string s = trim(v_output);
  if (s.rfind("tmux ", 0) != 0)
    return make_error("cannot understand the tmux version \"" + s + "\"; " + kInstallHint);
  TmuxVersion v;
  v.text = trim(s.substr(5));
  std::string num = v.text;
  if (num.rfind("next-", 0) == 0) num = num.substr(5);
  if (num.empty() || !std::isdigit(static_cast<unsigned char>(num[0]))) {
    // "master", "openbsd-7.4": built from source, newer than any release.
    v.major = 999;
    return v;
  }
  char* end = nullptr;
  v.major = static_cast<int>(std::strtol(num.c_str(), &end, 10));
  if (end && *end == '.') v.minor = static_cast<int>(std::strtol(end + 1, nullptr, 10));
  return v;
}

Status check_tmux_version(const TmuxVersion& v) {
  if (v.major > kMinTmuxMajor || (v.major == kMinTmuxMajor && v.minor >= kMinTmuxMinor))
    return ok_status();
  return make_error("tmux " + v.text + " is too old: team-agent needs tmux 3.2 or newer for " +
                    "its control-mode flags (ignore-size, pause-after); upgrade tmux " +
                    "(e.g. apt-get install tmux)");
}

std::string socket_name_for_workspace(const std::string& workspace) {
  std::error_code ec;
  std::string path = std::filesystem::weakly_canonical(workspace, ec).string();
  if (ec || path.empty()) path = workspace;
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return "team-agent-" + hex16(fnv1a(path)).substr(0, 12);
}

std::optional<std::string> find_on_path(const std::string& name, const std::string& path) {
  size_t start = 0;
  while (start <= path.size()) {
    auto colon = path.find(':', start);
    std::string dir = path.substr(start, colon == std::string::npos ? std::string::npos
                                                                      : colon - start);
    if (dir.empty()) dir = ".";
    std::string candidate = dir + "/" + name;
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0)
      return candidate;
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return std::nullopt;
}

Status check_session_name(const std::string& name) {
  if (name.empty()) return make_error("a tmux session name cannot be empty");
  for (unsigned char c : name)
    if (!std::isalnum(c) && c != '_' && c != '-')
      return make_error("tmux session name \"" + name +
                        "\" may only hold letters, digits, '_' and '-'");
  return ok_status();
}

Result<TmuxServer> TmuxServer::locate(ServerOptions options) {
  if (options.socket_name.empty() || options.socket_name.find('/') != std::string::npos)
    return make_error("the tmux socket name \"" + options.socket_name +
                      "\" must be a non-empty name without '/'");
  std::string path;
  if (options.path) path = *options.path;
  else if (const char* p = std::getenv("PATH")) path = p;
  auto tmux = find_on_path("tmux", path);
  if (!tmux) return make_error(std::string("tmux was not found on PATH; ") + kInstallHint);

  TmuxServer s;
  s.options_ = std::move(options);
  s.tmux_path_ = *tmux;
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    if (kv.rfind("TMUX=", 0) == 0 || kv.rfind("TMUX_PANE=", 0) == 0) continue;
    s.env_.push_back(std::move(kv));
  }
  auto v = run_process({s.tmux_path_, "-V"}, s.env_, {}, s.options_.command_timeout);
  if (!v) return v.error();
  if (v->exit_code != 0)
    return make_error("running " + s.tmux_path_ + " -V failed (" + first_line(v->err) + "); " +
                      kInstallHint);
  auto version = parse_tmux_version(v->out);
  if (!version) return version.error();
  auto ok = check_tmux_version(*version);
  if (!ok) return ok.error();
  s.version_ = *version;
  return s;
}

std::string TmuxServer::socket_path() const {
  const char* dir = std::getenv("TMUX_TMPDIR");
  std::string base = dir && *dir ? dir : "/tmp";
  return base + "/tmux-" + std::to_string(::getuid()) + "/" + options_.socket_name;
}

std::vector<std::string> TmuxServer::base_argv() const {
  return {tmux_path_, "-L", options_.socket_name, "-f", options_.config_file};
}

bool TmuxServer::running() const {
  std::string path = socket_path();
  sockaddr_un addr{};
  if (path.size() >= sizeof addr.sun_path) return run_text({"list-sessions"}).ok();
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return false;
  return ::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
}

bool TmuxServer::has_session(const std::string& session) const {
  std::vector<std::string> words = {"has-session"};
  if (!session.empty()) words.insert(words.end(), {"-t", "=" + session});
  return run_text(words).ok();
}

Status TmuxServer::start(const StartOptions& o) const {
  auto name_ok = check_session_name(o.session);
  if (!name_ok) return name_ok;
  if (has_session(o.session)) return ok_status();
  // One invocation: the options are in place before the first pane starts.
  std::vector<std::string> words = {
      "start-server", ";",
      "set-option", "-g", "remain-on-exit", o.remain_on_exit ? "on" : "off", ";",
      "set-option", "-g", "history-limit", std::to_string(o.history_limit), ";",
      "new-session", "-d", "-s", o.session, "-x", std::to_string(o.width),
      "-y", std::to_string(o.height)};
  if (!o.command.empty()) {
    words.push_back("--");
    for (auto& w : exec_words(o.command)) words.push_back(w);
  }
  auto r = run_text(words);
  if (!r)
    return make_error("cannot start tmux session \"" + o.session + "\" on server " +
                      socket_name() + ": " + r.error().message);
  return ok_status();
}

Status TmuxServer::kill() const {
  if (running()) {
    (void)run_text({"kill-server"});
    // tmux announces nothing when it has exited, so wait for its socket to
    // refuse connections (a bounded poll).
    auto deadline = std::chrono::steady_clock::now() + options_.command_timeout;
    while (running()) {
      if (std::chrono::steady_clock::now() > deadline)
        return make_error("tmux server " + socket_name() +
                          " did not exit after kill-server; kill its process by hand");
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  // tmux leaves its socket file behind; a stale one is only clutter.
  ::unlink(socket_path().c_str());
  return ok_status();
}

Result<std::string> TmuxServer::run_text(const std::vector<std::string>& words,
                                         std::string_view input) const {
  auto argv = base_argv();
  argv.insert(argv.end(), words.begin(), words.end());
  auto r = run_process(argv, env_, input, options_.command_timeout);
  if (!r) return r.error();
  if (r->exit_code != 0) {
    std::string why = first_line(r->err);
    if (why.empty()) why = "exit code " + std::to_string(r->exit_code);
    return make_error("tmux " + (words.empty() ? std::string() : words[0]) + " failed: " + why);
  }
  return std::move(r->out);
}

Result<std::vector<std::string>> TmuxServer::run(const std::vector<std::string>& words) {
  auto r = run_text(words);
  if (!r) return r.error();
  return split_output_lines(*r);
}

Status TmuxServer::load_buffer(const std::string& name, std::string_view data) {
  if (auto st = refuse_empty_buffer(data); !st) return st;
  auto r = run_text({"load-buffer", "-b", name, "-"}, data);
  if (!r) return r.error();
  return ok_status();
}

}  // namespace ta::terminal
