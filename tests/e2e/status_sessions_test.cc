// `team-agent status` shows each agent's session: verified against the
// CLI's own session file now (never taken from the log alone), and what a
// restart would decide for it.
#include <doctest/doctest.h>

#include <cstdio>

#include <nlohmann/json.hpp>

#include "events/log.h"
#include "events/types.h"
#include "sessions/claude_transcript.h"
#include "tests/e2e/support.h"
#include "util/fs.h"
#include "tests/support/text_helpers.h"

using namespace ta::test;
namespace events = ta::events;

namespace {

const std::string kFixtureClaudeId = "11111111-2222-4333-8444-555555555555";  // the fixtures' ids
const std::string kCodexId = "01a23bfa-fc75-7771-bd1c-d850a6d5c036";
const char* const kSessionsFirstSend = "2026-12-03T12:58:00.000000Z";

// A recorded session file of the pinned CLI with its cwd replaced by `cwd`.
std::string fixture_for(const std::string& name, const std::string& recorded_cwd,
                        const std::string& cwd) {
  auto text = ta::read_file(std::string(TEAM_AGENT_SOURCE_DIR) + "/tests/fixtures/sessions/" + name);
  REQUIRE(text.ok());
  std::string out = *text;
  for (size_t at; (at = out.find(recorded_cwd)) != std::string::npos;)
    out.replace(at, recorded_cwd.size(), cwd);
  return out;
}

void write_session_file(const std::string& path, const std::string& text) {
  REQUIRE(ta::make_dirs(path.substr(0, path.rfind('/')), 0700).ok());
  write_text(path, text);
}

// A team (leader; claude-style "alpha", codex-style "beta", "gamma" never
// launched) whose log recorded alpha's and beta's sessions, with their files
// in the CLIs' layouts under `home`; the leader reached alpha only.
struct SessionTeam {
  TempDir ws, home;
  std::string alpha_file, beta_file;

  SessionTeam() {
    alpha_file = ta::sessions::claude_transcript_candidates(home.path() + "/claude", ws.path(),
                                                            kFixtureClaudeId)[0];
    write_session_file(alpha_file, fixture_for("claude-2.1.332-transcript.jsonl",
                                               "/tmp/sess/c/work", ws.path()));
    beta_file = home.path() + "/codex/sessions/2026/12/03/rollout-2026-12-03T12-57-20-" +
                kCodexId + ".jsonl";
    write_session_file(beta_file, fixture_for("codex-0.171.0-rollout.jsonl", "/tmp/sess/x/work",
                                              ws.path()));
    append_events();  // creates .team/
    write_text(ws.path() + "/.team/team.json",
               R"({"team": "demo", "leader": {"id": "leader", "provider": "fake"},
                   "agents": [{"id": "alpha", "provider": "fake"}, {"id": "beta", "provider": "fake"},
                              {"id": "gamma", "provider": "fake"}]})");
  }

  void append_events() {
    auto log = events::EventLog::open(ws.path() + "/.team/events", events::LogOptions{"demo"});
    REQUIRE_MESSAGE(log.ok(), (log.ok() ? "" : log.error().message));
    events::SessionLaunched launched{"alpha", "claude", "claude", kFixtureClaudeId, "fresh",
                                     "run_1", ws.path(), home.path() + "/claude"};
    events::SessionCaptured alpha{"alpha", "claude", "claude", kFixtureClaudeId,
                                  alpha_file, "session_id", "high"};
    events::SessionCaptured beta{"beta", "codex", "codex", kCodexId,
                                 beta_file, "rollout_scan", "high"};
    auto r = (*log)->append({events::to_draft(launched), events::to_draft(alpha),
                             events::to_draft(beta),
                             events::to_draft(events::WorkerFirstInteraction{"alpha", kSessionsFirstSend,
                                                                             "msg_1"})});
    REQUIRE(r.ok());
  }

  nlohmann::json status_json() {
    auto r = team_agent(ws.path(), {"status", "--json"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return nlohmann::json::parse(r.out);
  }
};

// The session object of `agent` in a status --json answer.
nlohmann::json session_of(const nlohmann::json& status, const std::string& agent) {
  for (const auto& a : status["agents"])
    if (a["agent_id"] == agent) return a["session"];
  FAIL("no agent " << agent << " in status");
  return {};
}

using ta::test::contains;

}  // namespace

TEST_CASE("status verifies a Claude and a Codex session against their files and says they resume") {
  SessionTeam team;
  auto j = team.status_json();
  auto alpha = session_of(j, "alpha");
  CHECK(alpha["id"] == kFixtureClaudeId);
  CHECK(alpha["short_id"] == "11111111");
  CHECK(alpha["state"] == "captured");
  CHECK(alpha["path"] == team.alpha_file);
  CHECK(alpha["verified"] == true);
  CHECK(alpha["resume"]["decision"] == "resume");
  CHECK(alpha["resume"]["reason"] == "session_verified");
  auto beta = session_of(j, "beta");
  CHECK(beta["id"] == kCodexId);
  CHECK(beta["verified"] == true);
  CHECK(beta["resume"]["decision"] == "resume");
  auto gamma = session_of(j, "gamma");  // never launched: no session, nothing to lose
  CHECK(gamma["id"].is_null());
  CHECK(gamma["state"].is_null());
  CHECK(gamma["verified"] == false);
  CHECK(gamma["resume"]["decision"] == "fresh");

  auto r = team_agent(team.ws.path(), {"status"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK_MESSAGE(contains(r.out, "  alpha   11111111 verified, resumable\n"), r.out);
  CHECK_MESSAGE(contains(r.out, "  beta    01a23bfa verified, resumable\n"), r.out);
  CHECK_MESSAGE(contains(r.out, "  gamma   - (none yet)\n"), r.out);
}

TEST_CASE("status checks the files now: a deleted session is refused for a worker that worked") {
  SessionTeam team;
  REQUIRE(std::remove(team.alpha_file.c_str()) == 0);
  auto j = team.status_json();
  auto alpha = session_of(j, "alpha");
  CHECK(alpha["id"] == kFixtureClaudeId);  // the log still names it
  CHECK(alpha["verified"] == false);
  CHECK(alpha["resume"]["decision"] == "refuse");
  CHECK(alpha["resume"]["reason"] == "session_unverified");
  CHECK(session_of(j, "beta")["resume"]["decision"] == "resume");

  REQUIRE(std::remove(team.beta_file.c_str()) == 0);
  j = team.status_json();
  auto beta = session_of(j, "beta");  // the leader never reached beta: nothing to lose
  CHECK(beta["verified"] == false);
  CHECK(beta["resume"]["decision"] == "fresh");
  CHECK(beta["resume"]["reason"] == "never_interacted");

  auto r = team_agent(team.ws.path(), {"status"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK_MESSAGE(contains(r.out, "  alpha   11111111 NOT verified: restart would refuse "
                                "(--allow-fresh loses its context)\n"),
                r.out);
  CHECK_MESSAGE(contains(r.out, "  beta    01a23bfa NOT verified: restart would start it fresh\n"),
                r.out);
  for (const auto& line : split_lines(r.out)) CHECK_MESSAGE(line.size() <= 120, line);
}

TEST_CASE("a session file of another directory does not verify") {
  SessionTeam team;
  write_text(team.beta_file, fixture_for("codex-0.171.0-rollout.jsonl", "/tmp/sess/x/work",
                                         team.home.path()));
  auto beta = session_of(team.status_json(), "beta");
  CHECK(beta["verified"] == false);
}

TEST_CASE("status of one agent shows only that agent's session") {
  SessionTeam team;
  auto r = team_agent(team.ws.path(), {"status", "alpha", "--json"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["agents"].size() == 1);
  CHECK(j["agents"][0]["session"]["verified"] == true);
}
