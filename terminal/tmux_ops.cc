#include "terminal/tmux_ops.h"

#include <cctype>
#include <cstdlib>

#include "terminal/tmux_protocol.h"
#include "terminal/tmux_server.h"

namespace ta::terminal {

namespace {

using Words = std::vector<std::string>;

// The pane fields, tab-separated; the command name goes last because it is
// the one field a program chooses (it may contain anything, tabs included).
const char* kPaneFormat =
    "#{pane_id}\t#{window_id}\t#{session_name}\t#{pane_pid}\t#{pane_dead}\t"
    "#{pane_dead_status}\t#{pane_in_mode}\t#{pane_mode}\t#{pane_width}\t#{pane_height}\t"
    "#{pane_current_command}";
constexpr int kPaneFields = 11;

// -c and -n values are expanded as formats by tmux; '##' is a literal '#'.
std::string literal_format(const std::string& s) {
  std::string out;
  for (char c : s) {
    out.push_back(c);
    if (c == '#') out.push_back('#');
  }
  return out;
}

Status check_env_name(const std::string& k) {
  bool ok = !k.empty() && !std::isdigit(static_cast<unsigned char>(k[0]));
  for (unsigned char c : k) ok = ok && (std::isalnum(c) || c == '_');
  if (ok) return ok_status();
  return make_error("\"" + k + "\" is not a valid environment variable name");
}

// Options shared by new-session/new-window/split-window, then the program.
Status add_spawn_words(Words& w, const SpawnSpec& spec, bool named) {
  if (!spec.cwd.empty()) w.insert(w.end(), {"-c", literal_format(spec.cwd)});
  if (named && !spec.window_name.empty())
    w.insert(w.end(), {"-n", literal_format(spec.window_name)});
  for (auto& [k, v] : spec.env) {
    auto ok = check_env_name(k);
    if (!ok) return ok;
    w.insert(w.end(), {"-e", k + "=" + v});
  }
  w.insert(w.end(), {"-P", "-F", "#{pane_id}"});
  Words program;
  if (!spec.argv.empty()) program = exec_words(spec.argv);
  else if (!spec.shell_command.empty()) program = {spec.shell_command};  // one word: sh -c
  if (!program.empty()) {
    w.push_back("--");
    w.insert(w.end(), program.begin(), program.end());
  }
  return ok_status();
}

Result<std::string> run_for_pane_id(TmuxRunner& tmux, const Words& words) {
  auto r = tmux.run(words);
  if (!r) return r.error();
  if (r->empty() || !check_pane_id(r->front()))
    return make_error("tmux " + words[0] + " did not print the new pane's id");
  return r->front();
}

Status run_status(TmuxRunner& tmux, const Words& words) {
  auto r = tmux.run(words);
  if (!r) return r.error();
  return ok_status();
}

int to_int(const std::string& s, int fallback) {
  if (s.empty()) return fallback;
  char* end = nullptr;
  long v = std::strtol(s.c_str(), &end, 10);
  return end && *end == '\0' ? static_cast<int>(v) : fallback;
}

Result<PaneInfo> parse_pane_line(const std::string& line) {
  std::vector<std::string> f;
  size_t start = 0;
  while (static_cast<int>(f.size()) < kPaneFields - 1) {
    auto tab = line.find('\t', start);
    if (tab == std::string::npos) break;
    f.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
  f.push_back(line.substr(start));
  if (static_cast<int>(f.size()) != kPaneFields)
    return make_error("cannot read tmux's pane listing line \"" + line + "\"");
  PaneInfo p;
  p.pane_id = f[0];
  p.window_id = f[1];
  p.session = f[2];
  p.pid = to_int(f[3], 0);
  p.dead = f[4] == "1";
  p.dead_status = p.dead ? to_int(f[5], -1) : -1;
  p.in_mode = f[6] == "1";
  p.mode = f[7];
  p.width = to_int(f[8], 0);
  p.height = to_int(f[9], 0);
  p.current_command = f[10];
  return p;
}

}  // namespace

Status check_pane_id(const std::string& pane_id) {
  bool ok = pane_id.size() >= 2 && pane_id[0] == '%';
  for (size_t i = 1; ok && i < pane_id.size(); ++i)
    ok = std::isdigit(static_cast<unsigned char>(pane_id[i]));
  if (ok) return ok_status();
  return make_error("\"" + pane_id + "\" is not a tmux pane id (expected %N, e.g. %3)");
}

Result<std::string> new_session(TmuxRunner& tmux, const std::string& session,
                                const SpawnSpec& spec, int width, int height) {
  auto name_ok = check_session_name(session);
  if (!name_ok) return name_ok.error();
  Words w = {"new-session", "-d", "-s", session, "-x", std::to_string(width),
             "-y", std::to_string(height)};
  auto ok = add_spawn_words(w, spec, true);
  if (!ok) return ok.error();
  return run_for_pane_id(tmux, w);
}

Result<std::string> new_window(TmuxRunner& tmux, const std::string& session,
                               const SpawnSpec& spec) {
  auto name_ok = check_session_name(session);
  if (!name_ok) return name_ok.error();
  Words w = {"new-window", "-d", "-t", "=" + session + ":"};
  auto ok = add_spawn_words(w, spec, true);
  if (!ok) return ok.error();
  return run_for_pane_id(tmux, w);
}

Result<std::string> split_pane(TmuxRunner& tmux, const std::string& pane_id,
                               const SpawnSpec& spec, bool beside) {
  auto id_ok = check_pane_id(pane_id);
  if (!id_ok) return id_ok.error();
  Words w = {"split-window", "-d", "-t", pane_id, beside ? "-h" : "-v"};
  auto ok = add_spawn_words(w, spec, false);
  if (!ok) return ok.error();
  return run_for_pane_id(tmux, w);
}

Status respawn_pane(TmuxRunner& tmux, const std::string& pane_id, const SpawnSpec& spec) {
  auto id_ok = check_pane_id(pane_id);
  if (!id_ok) return id_ok;
  Words w = {"respawn-pane", "-k", "-t", pane_id};
  if (!spec.cwd.empty()) w.insert(w.end(), {"-c", literal_format(spec.cwd)});
  for (auto& [k, v] : spec.env) {
    auto ok = check_env_name(k);
    if (!ok) return ok;
    w.insert(w.end(), {"-e", k + "=" + v});
  }
  if (!spec.argv.empty()) {
    w.push_back("--");
    for (auto& word : exec_words(spec.argv)) w.push_back(word);
  } else if (!spec.shell_command.empty()) {
    w.insert(w.end(), {"--", spec.shell_command});
  }
  if (auto st = run_status(tmux, w); !st) return st;
  if (spec.window_name.empty()) return ok_status();
  return run_status(tmux, {"rename-window", "-t", pane_id, spec.window_name});
}

Result<std::vector<std::pair<std::string, std::string>>> pane_windows(TmuxRunner& tmux,
                                                                      const std::string& session) {
  auto name_ok = check_session_name(session);
  if (!name_ok) return name_ok.error();
  auto r = tmux.run({"list-panes", "-s", "-t", "=" + session, "-F", "#{pane_id}\t#{window_name}"});
  if (!r) return r.error();
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& line : *r) {
    auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    out.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  return out;
}

Result<std::vector<PaneInfo>> list_panes(TmuxRunner& tmux, const std::string& session) {
  Words w = {"list-panes"};
  if (session.empty()) {
    w.push_back("-a");
  } else {
    auto name_ok = check_session_name(session);
    if (!name_ok) return name_ok.error();
    w.insert(w.end(), {"-s", "-t", "=" + session});
  }
  w.insert(w.end(), {"-F", kPaneFormat});
  auto r = tmux.run(w);
  if (!r) return r.error();
  std::vector<PaneInfo> panes;
  for (auto& line : *r) {
    auto p = parse_pane_line(line);
    if (!p) return p.error();
    panes.push_back(std::move(*p));
  }
  return panes;
}

Result<PaneInfo> pane_info(TmuxRunner& tmux, const std::string& pane_id) {
  auto id_ok = check_pane_id(pane_id);
  if (!id_ok) return id_ok.error();
  auto r = tmux.run({"display-message", "-p", "-t", pane_id, kPaneFormat});
  if (!r) return r.error();
  if (r->size() != 1) return make_error("tmux printed no details for pane " + pane_id);
  auto info = parse_pane_line(r->front());
  // display-message falls back to the client's current pane when the target
  // is gone, so a different id means the pane does not exist.
  if (info && info->pane_id != pane_id)
    return make_error("tmux pane " + pane_id + " does not exist (any more)");
  return info;
}

Result<std::string> capture_pane(TmuxRunner& tmux, const std::string& pane_id,
                                 const CaptureOptions& o) {
  auto id_ok = check_pane_id(pane_id);
  if (!id_ok) return id_ok.error();
  Words w = {"capture-pane", "-p", "-t", pane_id};
  if (o.escapes) w.push_back("-e");
  if (o.join_wrapped) w.push_back("-J");
  if (o.history_lines < 0) w.insert(w.end(), {"-S", "-"});
  else if (o.history_lines > 0) w.insert(w.end(), {"-S", "-" + std::to_string(o.history_lines)});
  auto r = tmux.run(w);
  if (!r) return r.error();
  std::string text;
  for (auto& line : *r) {
    text += line;
    text.push_back('\n');
  }
  return text;
}

Status load_buffer(TmuxRunner& tmux, const std::string& buffer, std::string_view text) {
  if (buffer.empty()) return make_error("a tmux buffer name cannot be empty");
  return tmux.load_buffer(buffer, text);
}

Status paste_buffer(TmuxRunner& tmux, const std::string& buffer, const std::string& pane_id,
                    const PasteOptions& o) {
  auto id_ok = check_pane_id(pane_id);
  if (!id_ok) return id_ok;
  Words w = {"paste-buffer"};
  if (o.bracketed) w.push_back("-p");
  if (o.delete_after) w.push_back("-d");
  if (o.raw_newlines) w.push_back("-r");
  w.insert(w.end(), {"-b", buffer, "-t", pane_id});
  return run_status(tmux, w);
}

Status delete_buffer(TmuxRunner& tmux, const std::string& buffer) {
  return run_status(tmux, {"delete-buffer", "-b", buffer});
}

Status send_keys(TmuxRunner& tmux, const std::string& pane_id,
                 const std::vector<std::string>& keys) {
  auto id_ok = check_pane_id(pane_id);
  if (!id_ok) return id_ok;
  if (keys.empty()) return make_error("send_keys needs at least one key");
  Words w = {"send-keys", "-t", pane_id, "--"};
  w.insert(w.end(), keys.begin(), keys.end());
  return run_status(tmux, w);
}

Status send_text(TmuxRunner& tmux, const std::string& pane_id, const std::string& text) {
  auto id_ok = check_pane_id(pane_id);
  if (!id_ok) return id_ok;
  if (text.empty()) return ok_status();
  return run_status(tmux, {"send-keys", "-t", pane_id, "-l", "--", text});
}

Status kill_pane(TmuxRunner& tmux, const std::string& pane_id) {
  auto id_ok = check_pane_id(pane_id);
  if (!id_ok) return id_ok;
  return run_status(tmux, {"kill-pane", "-t", pane_id});
}

Status kill_session(TmuxRunner& tmux, const std::string& session) {
  auto name_ok = check_session_name(session);
  if (!name_ok) return name_ok;
  return run_status(tmux, {"kill-session", "-t", "=" + session});
}

}  // namespace ta::terminal
