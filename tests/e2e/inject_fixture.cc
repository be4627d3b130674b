#include "tests/e2e/inject_fixture.h"

#include <algorithm>
#include <cstdio>
#include <random>
#include <set>
#include <sstream>

#include "tests/e2e/support.h"

namespace ta::test::inject {

using namespace std::chrono_literals;

Result<std::vector<std::string>> RecordingRunner::run(const Words& words) {
  record(words);
  if (fail_instead)
    if (auto e = fail_instead(words)) return *e;
  auto r = real_.run(words);
  if (after) after(words, real_);
  return r;
}

Status RecordingRunner::load_buffer(const std::string& name, std::string_view data) {
  Words words{"load-buffer", name};
  record(words);
  if (fail_instead)
    if (auto e = fail_instead(words)) return *e;
  auto st = real_.load_buffer(name, data);
  if (after) after(words, real_);
  return st;
}

void RecordingRunner::record(Words words) {
  std::lock_guard<std::mutex> g(mu_);
  log_.push_back(std::move(words));
}

std::vector<Words> RecordingRunner::commands() const {
  std::lock_guard<std::mutex> g(mu_);
  return log_;
}

std::vector<Words> RecordingRunner::commands_named(const std::string& name) const {
  std::vector<Words> out;
  for (auto& w : commands())
    if (!w.empty() && w[0] == name) out.push_back(std::move(w));
  return out;
}

InjectFixture::InjectFixture() {
  terminal::ServerOptions so;
  // Unique per test (the temporary directory's hash): only this test's
  // server is ever killed.
  so.socket_name = terminal::socket_name_for_workspace(dir.path());
  auto s = terminal::TmuxServer::locate(so);
  REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().message));
  server.emplace(std::move(*s));
  guard = std::make_unique<tmux_control::TmuxServerKiller>(&*server);
  terminal::StartOptions start;
  start.session = "main";
  start.width = kWidth;
  start.height = kHeight;
  start.command = {"cat"};  // keeps the session alive whatever the agents do
  auto st = server->start(start);
  REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().message));
  terminal::ControlOptions co;
  co.session = "main";
  auto c = terminal::TmuxControl::connect(*server, co);
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().message));
  ctl = std::move(*c);
  // As the supervisor wires it: %output wakes a delivery waiting on the pane.
  ctl->on_output([this](const std::string& pane) { changes.notify(pane); });
}

AgentPane InjectFixture::start_agent(const std::string& id, const std::vector<std::string>& args) {
  AgentPane agent;
  agent.id = id;
  agent.transcript = dir.path() + "/" + id + ".jsonl";
  terminal::SpawnSpec spec;
  spec.argv = {team_agent_bin(), "fake-agent", "--id",    id,
               "--transcript",   agent.transcript, "--reply", "none"};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.env = {{"TEAM_AGENT_WORKSPACE", dir.path()}, {"TEAM_AGENT_ID", id}};
  spec.cwd = dir.path();
  spec.window_name = id;
  agent.pane = spawn(spec);
  return agent;
}

std::string InjectFixture::spawn(const terminal::SpawnSpec& spec) {
  auto pane = terminal::new_window(*ctl, "main", spec);
  REQUIRE_MESSAGE(pane.ok(), (pane.ok() ? "" : pane.error().message));
  return *pane;
}

std::string InjectFixture::capture(const std::string& pane) {
  auto c = terminal::capture_pane(*ctl, pane);
  return c.ok() ? *c : std::string();
}

bool InjectFixture::wait_for(const std::string& pane, const std::function<bool()>& ready,
                             std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto seen = changes.version(pane);
    if (ready()) return true;
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return false;
    changes.wait(pane, seen, std::min(deadline, now + std::chrono::milliseconds(100)));
  }
}

bool InjectFixture::wait_for_screen(const std::string& pane, const std::string& text,
                                    std::chrono::milliseconds timeout) {
  if (wait_for(pane, [&] { return capture(pane).find(text) != std::string::npos; }, timeout))
    return true;
  std::fprintf(stderr, "inject test: \"%s\" never showed in %s\n--- screen ---\n%s---\n",
               text.c_str(), pane.c_str(), capture(pane).c_str());
  return false;
}

bool InjectFixture::wait_until_ready(const AgentPane& agent) {
  auto ready = [&] {
    std::istringstream in(capture(agent.pane));
    std::string line;
    while (std::getline(in, line)) {
      while (!line.empty() && line.back() == ' ') line.pop_back();
      if (line == ">" || line.find("⏎ send") != std::string::npos ||
          line.find("? for shortcuts") != std::string::npos)
        return true;
    }
    return false;
  };
  if (wait_for(agent.pane, ready)) return true;
  explain(agent, "the agent's prompt never showed");
  return false;
}

bool InjectFixture::wait_for_entries(const AgentPane& agent, const std::string& kind,
                                     std::size_t count, std::chrono::milliseconds timeout) {
  if (wait_for(agent.pane, [&] { return entries(agent, kind).size() >= count; }, timeout))
    return true;
  explain(agent, "fewer than " + std::to_string(count) + " \"" + kind + "\" entries");
  return false;
}

std::vector<nlohmann::json> InjectFixture::entries(const AgentPane& agent) const {
  std::vector<nlohmann::json> out;
  for (const auto& line : split_lines(read_text(agent.transcript))) {
    auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_object()) out.push_back(std::move(j));
  }
  return out;
}

std::vector<nlohmann::json> InjectFixture::entries(const AgentPane& agent,
                                                   const std::string& kind) const {
  std::vector<nlohmann::json> out;
  for (auto& e : entries(agent))
    if (e.value("kind", "") == kind) out.push_back(std::move(e));
  return out;
}

std::vector<std::string> InjectFixture::send_buffers() {
  std::vector<std::string> out;
  auto lines = ctl->run({"list-buffers", "-F", "#{buffer_name}"});
  REQUIRE_MESSAGE(lines.ok(), (lines.ok() ? "" : lines.error().message));
  for (const auto& name : *lines)
    if (name.rfind("team-agent-send-", 0) == 0) out.push_back(name);
  return out;
}

terminal::InjectResult InjectFixture::deliver(const std::string& pane,
                                              const std::string& message_id,
                                              const std::string& rendered,
                                              const config::ProviderProfile& profile,
                                              terminal::InjectOptions options) {
  return deliver(*ctl, pane, message_id, rendered, profile, options);
}

terminal::InjectResult InjectFixture::deliver(terminal::TmuxRunner& via, const std::string& pane,
                                              const std::string& message_id,
                                              const std::string& rendered,
                                              const config::ProviderProfile& profile,
                                              terminal::InjectOptions options) {
  options.changes = &changes;
  terminal::InjectRequest request;
  request.pane_id = pane;
  request.message_id = message_id;
  request.rendered = rendered;
  request.profile = &profile;
  return terminal::inject(via, request, options);
}

void InjectFixture::explain(const AgentPane& agent, const std::string& what) {
  std::fprintf(stderr, "inject test (%s, %s): %s\n--- screen ---\n%s--- transcript ---\n%s---\n",
               agent.id.c_str(), agent.pane.c_str(), what.c_str(), capture(agent.pane).c_str(),
               read_text(agent.transcript).c_str());
}

const config::ProviderProfile& fake_profile() {
  auto p = config::builtin_profile("fake");
  REQUIRE_MESSAGE(p.ok(), (p.ok() ? "" : p.error().message));
  return **p;  // parsed once per process and kept: the reference stays valid
}

std::string message_id(unsigned n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "msg_%012x", 0xe2e00000u + n);
  return buf;
}

std::string describe(const terminal::InjectResult& r) {
  std::string out = std::string("submitted=") + (r.submitted ? "true" : "false") +
                    " stage=" + terminal::inject_stage_name(r.stage) + " reason=" + r.reason +
                    " detected=" + r.detected + " pane_mode=" + r.pane_mode +
                    " verified_by=" + r.verified_by + " buffer=" + r.buffer +
                    " enter_presses=" + std::to_string(r.enter_presses) + "\nnotes:";
  for (const auto& n : r.notes) out += "\n  " + n;
  out += "\ncapture_tail:\n" + r.capture_tail;
  return out;
}

std::string without_trailing_newlines(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

std::string expected_submitted_text(const std::string& rendered, std::size_t enters_as_newline) {
  return rendered + std::string(enters_as_newline, '\n');
}

std::string varied_text(std::size_t bytes) {
  static const std::vector<std::string> words{
      "alpha", "déjà-vu", "naïve", "中文字符", "🚀", "{\"json\": [1, 2]}", "$HOME", "`uname`",
      "tab\there", "back\\slash", "100%", "#hash", "semi;colon", "'single'", "<tag/>",
      "a-rather-long-identifier_with_parts", "ß", "→", "x", "0123456789"};
  std::mt19937 rng(424242);
  std::string out;
  for (int line = 0; out.size() < bytes; ++line) {
    out += "L" + std::to_string(line) + ":";
    unsigned kind = rng() % 10;
    unsigned count = kind == 0 ? 0 : kind < 7 ? rng() % 12 : 20 + rng() % 30;
    for (unsigned i = 0; i < count; ++i) out += " " + words[rng() % words.size()];
    out += "\n";
    if (kind == 1) out += "\n";  // blank lines inside the message
  }
  return out;
}

std::string first_difference(const std::string& got, const std::string& want) {
  if (got == want) return "";
  auto at = static_cast<std::size_t>(
      std::mismatch(got.begin(), got.begin() + std::min(got.size(), want.size()), want.begin())
          .first -
      got.begin());
  auto around = [at](const std::string& s) {
    auto from = at < 40 ? 0 : at - 40;
    return "\"" + s.substr(from, 80) + "\"";
  };
  return "sizes " + std::to_string(got.size()) + " vs " + std::to_string(want.size()) +
         ", first difference at byte " + std::to_string(at) + ": got " + around(got) +
         ", want " + around(want);
}

std::string word_after(const Words& words, const std::string& flag) {
  auto it = std::find(words.begin(), words.end(), flag);
  return it == words.end() || it + 1 == words.end() ? "" : *(it + 1);
}

bool is_input_entry(const nlohmann::json& entry) {
  static const std::set<std::string> kinds{"submitted",  "ignored_input",    "trust_answered",
                                           "menu_choice", "confirm_answered", "enter_as_newline"};
  return kinds.count(entry.value("kind", "")) > 0;
}

std::vector<std::string> submitted_tokens(const std::vector<nlohmann::json>& submitted) {
  std::vector<std::string> out;
  for (const auto& e : submitted)
    for (const auto& t : e.value("tokens", nlohmann::json::array())) out.push_back(t);
  return out;
}

}  // namespace ta::test::inject
