#include "tests/e2e/run_fixture.h"

#include <signal.h>

#include <algorithm>
#include <set>
#include <thread>

#include "terminal/tmux_server.h"
#include "tests/support/read_log.h"
#include "util/clock.h"
#include "util/processes.h"

namespace ta::test {

namespace {

std::optional<terminal::TmuxServer> workspace_server(const std::string& ws) {
  terminal::ServerOptions o;
  o.socket_name = terminal::socket_name_for_workspace(ws);
  auto s = terminal::TmuxServer::locate(o);
  if (!s) return std::nullopt;
  return std::move(*s);
}

nlohmann::json agent_json(const std::string& id, const std::vector<std::string>& extra,
                          const std::string& ws, const std::string& root) {
  std::vector<std::string> args{"--reply", "none"};
  for (std::string a : extra) {
    for (auto [from, to] : {std::pair<std::string, std::string>{"{ws}", ws}, {"{root}", root}})
      if (auto at = a.find(from); at != std::string::npos) a.replace(at, from.size(), to);
    args.push_back(a);
  }
  return {{"id", id}, {"provider", "fake"}, {"args", args}};
}

}  // namespace

TeamWorkspace::TeamWorkspace(const std::vector<AgentDef>& workers,
                             const std::vector<std::string>& leader_args,
                             const TeamOptions& options)
    : ws_(options.subpath.empty() ? dir_.path() : dir_.path() + "/" + options.subpath),
      team_(options.team) {
  const std::string& root = dir_.path();
  nlohmann::json team{{"team", team_}, {"leader", agent_json("leader", leader_args, ws_, root)}};
  team["agents"] = nlohmann::json::array();
  ids_.push_back("leader");
  for (const auto& w : workers) {
    team["agents"].push_back(agent_json(w.id, w.args, ws_, root));
    ids_.push_back(w.id);
  }
  if (!options.runtime.is_null()) team["runtime"] = options.runtime;
  if (!options.display.is_null()) team["display"] = options.display;
  std::filesystem::create_directories(path() + "/.team");
  write_text(path() + "/.team/team.json", team.dump(2) + "\n");
}

TeamWorkspace::TeamWorkspace(const TeamOptions& options, const nlohmann::json& spec)
    : ws_(options.subpath.empty() ? dir_.path() : dir_.path() + "/" + options.subpath),
      team_(spec.value("team", "")) {
  ids_.push_back("leader");
  for (const auto& a : spec.value("agents", nlohmann::json::array())) ids_.push_back(a.value("id", ""));
  std::filesystem::create_directories(path() + "/.team");
  write_text(path() + "/.team/team.json", spec.dump(2) + "\n");
}

TeamWorkspace::~TeamWorkspace() {
  // The panes outlive any supervisor by design; nothing may outlive the test.
  if (auto s = workspace_server(path())) (void)s->kill();
  // Nor what they left behind (fake-agent --spawn-detached): every process
  // naming this temporary workspace is the test's own.
  for (const auto& p : list_processes({"TEAM_AGENT_WORKSPACE"}))
    if (p.env.count("TEAM_AGENT_WORKSPACE") && p.env.at("TEAM_AGENT_WORKSPACE") == ws_)
      ::kill(p.pid, SIGKILL);
}

void TeamWorkspace::kill_tmux_server() const {
  if (auto s = workspace_server(path())) (void)s->kill();
}

bool TeamWorkspace::session_alive() const {
  auto s = workspace_server(path());
  return s && s->has_session(team_);
}

std::vector<nlohmann::json> TeamWorkspace::transcript(const std::string& agent,
                                                      const std::string& kind) const {
  std::vector<nlohmann::json> out;
  std::string file = path() + "/.team/fake-agents/" + agent + ".jsonl";
  if (!std::filesystem::exists(file)) return out;
  for (const auto& line : split_lines(read_text(file))) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_object() && (kind.empty() || j.value("kind", "") == kind)) out.push_back(std::move(j));
  }
  return out;
}

std::string TeamWorkspace::capture(const std::string& agent) const {
  std::string pane;
  for (const auto& e : events_of(*this, "pane.started"))
    if (e.data.value("agent_id", "") == agent) pane = e.data.value("pane_id", "");
  REQUIRE_MESSAGE(!pane.empty(), "no pane.started for " << agent);
  auto s = workspace_server(path());
  REQUIRE(s);
  auto text = s->run_text({"capture-pane", "-p", "-t", pane});
  REQUIRE_MESSAGE(text, "cannot capture the pane of " << agent);
  return *text;
}

std::vector<std::string> TeamWorkspace::submitted_tokens(const std::string& agent) const {
  std::vector<std::string> out;
  for (const auto& e : transcript(agent, "submitted"))
    for (const auto& t : e.value("tokens", nlohmann::json::array())) out.push_back(t.get<std::string>());
  return out;
}

bool TeamWorkspace::await_tokens(const std::vector<std::string>& ids,
                                 std::chrono::milliseconds timeout) const {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    std::set<std::string> seen;
    for (const auto& id : ids_)
      for (auto& t : submitted_tokens(id)) seen.insert(std::move(t));
    if (std::all_of(ids.begin(), ids.end(), [&](const std::string& id) { return seen.count(id); }))
      return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    // A file with no change notification to wait on: looked at again shortly.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::string LogLine::field(const std::string& key) const {
  auto it = fields.find(key);
  return it == fields.end() ? "" : it->second;
}

std::optional<LogLine> parse_log_line(const std::string& line) {
  // ts, seq, type, then k=v words whose values may be "quoted \"like\" this".
  LogLine out;
  out.text = line;
  std::size_t i = 0;
  auto word = [&]() {
    while (i < line.size() && line[i] == ' ') ++i;
    std::size_t start = i;
    bool quoted = false;
    for (; i < line.size(); ++i) {
      if (line[i] == '"') quoted = !quoted;
      else if (line[i] == '\\' && quoted) ++i;
      else if (line[i] == ' ' && !quoted) break;
    }
    return line.substr(start, i - start);
  };
  std::string ts = word(), seq = word();
  out.type = word();
  if (ts.size() < 20 || ts[4] != '-' || seq.empty() || out.type.empty() ||
      !std::all_of(seq.begin(), seq.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  out.seq = std::stoull(seq);
  for (std::string w = word(); !w.empty(); w = word()) {
    auto eq = w.find('=');
    if (eq == std::string::npos) continue;
    std::string v = w.substr(eq + 1);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    out.fields.emplace(w.substr(0, eq), v);
  }
  return out;
}

RunningTeam::RunningTeam(const TeamWorkspace& ws, const Env& env,
                         const std::vector<std::string>& run_args)
    : ws_(ws) {
  Env e = env;
  e.emplace("NO_COLOR", "1");  // the live log is parsed
  e.emplace("CLAUDE_CONFIG_DIR", ws.temp_root() + "/claude-config");
  e.emplace("CODEX_HOME", ws.temp_root() + "/codex-home");
  std::vector<std::string> argv{team_agent_bin(), "--workspace", ws.path(), "run"};
  argv.insert(argv.end(), run_args.begin(), run_args.end());
  proc_ = std::make_unique<Background>(argv, e);
}

RunningTeam::~RunningTeam() {
  proc_->signal(SIGTERM);
  proc_->wait(std::chrono::seconds(15));
}

std::optional<LogLine> RunningTeam::next(std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    auto line = proc_->read_line(left);
    if (!line) return std::nullopt;
    auto l = parse_log_line(*line);
    if (!l) continue;
    if (l->type == "supervisor.started") started_ = true;
    if (l->type == "pane.state_changed") {
      seen_.insert(l->field("agent_id"));
      if (l->field("to") == "ready") idle_.insert(l->field("agent_id"));
    }
    return l;
  }
}

std::optional<LogLine> RunningTeam::await(const std::string& type,
                                          const std::map<std::string, std::string>& match,
                                          std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (auto l = next(deadline)) {
    if (l->type != type) continue;
    if (std::all_of(match.begin(), match.end(),
                    [&](const auto& kv) { return l->field(kv.first) == kv.second; }))
      return l;
  }
  return std::nullopt;
}

void RunningTeam::drain() {
  while (next(std::chrono::steady_clock::now() + std::chrono::milliseconds(20))) {
  }
}

bool RunningTeam::await_all(const std::set<std::string>& agents,
                            std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  auto ready = [&] {
    return started_ && std::all_of(ws_.agent_ids().begin(), ws_.agent_ids().end(),
                                   [&](const std::string& id) { return agents.count(id) > 0; });
  };
  while (!ready())
    if (!next(deadline)) return false;
  return true;
}

bool RunningTeam::await_ready(std::chrono::milliseconds timeout) {
  return await_all(idle_, timeout);
}

bool RunningTeam::await_panes_seen(std::chrono::milliseconds timeout) {
  return await_all(seen_, timeout);
}

std::vector<std::string> RunningTeam::await_outcomes(const std::vector<std::string>& ids,
                                                     std::chrono::milliseconds timeout) {
  std::set<std::string> missing(ids.begin(), ids.end());
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!missing.empty()) {
    auto l = next(deadline);
    if (!l) break;
    if (l->type == "send.submitted" || l->type == "send.failed") missing.erase(l->field("message_id"));
  }
  return {missing.begin(), missing.end()};
}

Env trust_env(bool opted_in, const std::string& backoff_ms) {
  const std::string unset = "\x01unset";  // removes the variable: see run() in support.h
  return Env{{"TEAM_AGENT_AUTO_TRUST_OWN_WORKSPACE", opted_in ? "1" : unset},
             {"TEAM_AGENT_TEST_TRUST_BACKOFF_MS", backoff_ms.empty() ? unset : backoff_ms}};
}

Sent send_message(const TeamWorkspace& ws, const std::string& target, const std::string& text,
                  const std::vector<std::string>& extra) {
  std::vector<std::string> args{"send", target, text, "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = team_agent(ws.path(), args);
  Sent s{r.exit_code, "", r.out, r.err};
  for (const auto& line : split_lines(r.out)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_object() && j.contains("message_id")) s.message_id = j.value("message_id", "");
  }
  return s;
}

std::vector<events::Event> events_of(const TeamWorkspace& ws, const std::string& type) {
  std::vector<events::Event> out;
  for (auto& e : read_all_events(ws.events_dir()))
    if (type.empty() || e.type == type) out.push_back(std::move(e));
  return out;
}

std::size_t count_for(const std::vector<events::Event>& all, const std::string& type,
                      const std::string& message_id) {
  return static_cast<std::size_t>(std::count_if(all.begin(), all.end(), [&](const events::Event& e) {
    return e.type == type && e.data.value("message_id", "") == message_id;
  }));
}

std::size_t count_of(const std::vector<std::string>& v, const std::string& x) {
  return static_cast<std::size_t>(std::count(v.begin(), v.end(), x));
}

std::vector<int> ints(const std::vector<events::Event>& evs, const std::string& key) {
  std::vector<int> out;
  for (const auto& e : evs) out.push_back(e.data.value(key, -1));
  return out;
}

double seconds_between(const std::string& a, const std::string& b) {
  auto ta = parse_rfc3339(a), tb = parse_rfc3339(b);
  REQUIRE_MESSAGE((ta && tb), "bad timestamps " << a << " / " << b);
  return static_cast<double>(*tb - *ta) / 1e6;
}

}  // namespace ta::test
