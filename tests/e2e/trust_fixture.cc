#include "tests/e2e/trust_fixture.h"

#include <algorithm>
#include <filesystem>

#include "terminal/tmux_server.h"
#include "tests/read_log.h"
#include "util/clock.h"

namespace ta::test::trust_e2e {

namespace {

std::optional<terminal::TmuxServer> server_for(const std::string& ws) {
  terminal::ServerOptions o;
  o.socket_name = terminal::socket_name_for_workspace(ws);
  auto s = terminal::TmuxServer::locate(o);
  if (!s) return std::nullopt;
  return std::move(*s);
}

nlohmann::json member(const std::string& id, const Args& extra, const std::string& ws,
                      const std::string& root) {
  Args args{"--reply", "none"};
  for (std::string a : extra) {
    for (auto [from, to] : {std::pair<std::string, std::string>{"{ws}", ws}, {"{root}", root}})
      if (auto at = a.find(from); at != std::string::npos) a.replace(at, from.size(), to);
    args.push_back(a);
  }
  return {{"id", id}, {"provider", "fake"}, {"args", args}};
}

// `<ts> <seq> <type> k=v …`, values possibly "quoted \"like\" this".
std::optional<LiveEvent> parse_line(const std::string& line) {
  LiveEvent out;
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
    return line.substr(start, std::min(i, line.size()) - start);
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

}  // namespace

TeamDir::TeamDir(const Args& leader_args,
                 const std::vector<std::pair<std::string, Args>>& workers,
                 const std::string& subpath) {
  ws_ = subpath.empty() ? tmp_.path() : tmp_.path() + "/" + subpath;
  std::filesystem::create_directories(ws_ + "/.team");
  nlohmann::json team{{"team", "t"}, {"leader", member("leader", leader_args, ws_, tmp_.path())}};
  team["agents"] = nlohmann::json::array();
  ids_.push_back("leader");
  for (const auto& [id, args] : workers) {
    team["agents"].push_back(member(id, args, ws_, tmp_.path()));
    ids_.push_back(id);
  }
  write_text(ws_ + "/.team/team.json", team.dump(2) + "\n");
}

TeamDir::~TeamDir() {
  if (auto s = server_for(ws_)) (void)s->kill();
}

std::vector<nlohmann::json> TeamDir::transcript(const std::string& agent,
                                                const std::string& kind) const {
  std::vector<nlohmann::json> out;
  std::string file = ws_ + "/.team/fake-agents/" + agent + ".jsonl";
  if (!std::filesystem::exists(file)) return out;
  for (const auto& line : split_lines(read_text(file))) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_object() && (kind.empty() || j.value("kind", "") == kind)) out.push_back(std::move(j));
  }
  return out;
}

std::string TeamDir::capture(const std::string& agent) const {
  std::string pane;
  for (const auto& e : events_of(*this, "pane.started"))
    if (e.data.value("agent_id", "") == agent) pane = e.data.value("pane_id", "");
  REQUIRE_MESSAGE(!pane.empty(), "no pane.started for " << agent);
  auto s = server_for(ws_);
  REQUIRE(s);
  auto text = s->run_text({"capture-pane", "-p", "-t", pane});
  REQUIRE_MESSAGE(text, "cannot capture the pane of " << agent);
  return *text;
}

std::string LiveEvent::field(const std::string& key) const {
  auto it = fields.find(key);
  return it == fields.end() ? "" : it->second;
}

Env run_env(bool opted_in, const std::string& backoff_ms) {
  return Env{{"NO_COLOR", "1"},
             {"TEAM_AGENT_AUTO_TRUST_OWN_WORKSPACE", opted_in ? "1" : "\x01unset"},
             {"TEAM_AGENT_TEST_TRUST_BACKOFF_MS", backoff_ms.empty() ? "\x01unset" : backoff_ms}};
}

Supervisor::Supervisor(const TeamDir& team, const Env& env) : agents_(team.agent_ids()) {
  proc_ = std::make_unique<Background>(
    std::vector<std::string>{team_agent_bin(), "--workspace", team.path(), "run"}, env);
}

std::optional<LiveEvent> Supervisor::next(std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    auto line = proc_->read_line(left);
    if (!line) return std::nullopt;
    auto e = parse_line(*line);
    if (!e) continue;
    if (e->type == "supervisor.started") started_ = true;
    if (e->type == "pane.state_changed") seen_.insert(e->field("agent_id"));
    return e;
  }
}

std::optional<LiveEvent> Supervisor::await(const std::string& type,
                                           const std::map<std::string, std::string>& match,
                                           std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (auto e = next(deadline)) {
    if (e->type != type) continue;
    if (std::all_of(match.begin(), match.end(),
                    [&](const auto& kv) { return e->field(kv.first) == kv.second; }))
      return e;
  }
  return std::nullopt;
}

bool Supervisor::await_ready(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  auto ready = [&] {
    return started_ && std::all_of(agents_.begin(), agents_.end(),
                                   [&](const std::string& id) { return seen_.count(id) > 0; });
  };
  while (!ready())
    if (!next(deadline)) return false;
  return true;
}

std::vector<events::Event> events_of(const TeamDir& team, const std::string& type) {
  std::vector<events::Event> out;
  for (auto& e : read_all_events(team.events_dir()))
    if (type.empty() || e.type == type) out.push_back(std::move(e));
  return out;
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

}  // namespace ta::test::trust_e2e
