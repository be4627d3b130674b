// Starting and stopping a team as a newcomer does: `team-agent fake` (the
// quick start with the fake agent standing in for claude) in a fresh folder
// without a terminal, run again, refused for another CLI; `shutdown` with
// and without a supervisor, with and without --kill-panes, and `status`
// right after it.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/e2e/support.h"
#include "tests/support/read_log.h"
#include "util/fs.h"
#include "tests/support/text_helpers.h"

using namespace ta::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// A fresh folder for a quick start; whatever the test leaves running there
// (the background supervisor, the team's tmux server) is stopped at the end.
struct QuickFolder {
  TempDir dir;
  std::string path() const { return dir.path() + "/my-app"; }
  QuickFolder() { REQUIRE(ta::make_dirs(path(), 0700).ok()); }
  ~QuickFolder() { team_agent(path(), {"shutdown", "--kill-panes", "--timeout", "10"}); }

  // `team-agent ARGS…` run in the folder itself (no --workspace), stdin not a terminal.
  RunResult here(const std::vector<std::string>& args) const {
    std::vector<std::string> argv{team_agent_bin()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv, "", {}, path());
  }
  json status() const {
    auto r = team_agent(path(), {"status", "--json"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return json::parse(r.out);
  }
  std::vector<ta::events::Event> events(const std::string& type) const {
    std::vector<ta::events::Event> out;
    for (auto& e : read_all_events(path() + "/.team/events"))
      if (e.type == type) out.push_back(e);
    return out;
  }
  int leader_panes_started() const {
    int n = 0;
    for (const auto& e : events("pane.started")) n += e.data.value("agent_id", "") == "leader";
    return n;
  }
};

using ta::test::contains;

}  // namespace

TEST_CASE("team-agent fake in a fresh folder makes the team, runs its supervisor in the background and starts the leader") {
  QuickFolder f;
  auto r = f.here({"fake", "--reply", "none"});
  INFO(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "created team \"my-app\" with a fake leader"));
  CHECK(contains(r.out, "started the supervisor in the background"));
  // No terminal: nothing is attached; it says where the team runs and how to get to it.
  CHECK(contains(r.out, "team-agent attach"));
  CHECK(contains(r.out, "team-agent shutdown --kill-panes"));

  auto spec = json::parse(read_text(f.path() + "/.team/team.json"));
  CHECK(spec["team"] == "my-app");
  CHECK(spec["leader"]["provider"] == "fake");
  CHECK(spec["leader"]["args"] == json::array({"--reply", "none"}));
  CHECK(spec["agents"] == json::array());

  // Returned once the leader's pane was up, with the supervisor running on.
  CHECK(f.leader_panes_started() == 1);
  auto st = f.status();
  CHECK(st["supervisor"]["running"] == true);
  const int pid = st["supervisor"]["pid"].get<int>();
  CHECK(pid > 0);
  CHECK(ta::file_exists(f.path() + "/.team/logs/run.log"));

  // Again: the team and its supervisor are reused, nothing is started twice.
  auto again = f.here({"fake"});
  INFO(again.out, again.err);
  CHECK(again.exit_code == 0);
  CHECK(contains(again.out, "already runs (pid " + std::to_string(pid) + ")"));
  CHECK_FALSE(contains(again.out, "created team"));
  CHECK(f.events("supervisor.started").size() == 1);
  CHECK(f.leader_panes_started() == 1);

  // --json: one object, nothing attached.
  auto as_json = f.here({"fake", "--json"});
  REQUIRE_MESSAGE(as_json.exit_code == 0, as_json.err);
  auto o = json::parse(as_json.out);
  CHECK(o["created_team"] == false);
  CHECK(o["started_supervisor"] == false);
  CHECK(o["supervisor_pid"] == pid);
  CHECK(o["team"] == "my-app");

  // A team led by another CLI is not changed behind the user's back.
  auto other = f.here({"codex"});
  INFO(other.out, other.err);
  CHECK(other.exit_code == 2);
  CHECK(contains(other.err, "has a fake leader, not codex"));
  CHECK(split_lines(other.err).size() == 1);
  CHECK(json::parse(read_text(f.path() + "/.team/team.json"))["leader"]["provider"] == "fake");
}

TEST_CASE("the quick start takes -w after the verb, hands what follows -- to the CLI, and refuses a broken team spec") {
  QuickFolder f;
  TempDir elsewhere;
  // After `--`, everything is the CLI's, even words team-agent knows.
  auto r = run({team_agent_bin(), "fake", "-w", f.path(), "--json", "--", "--reply", "none", "-w"},
               "", {}, elsewhere.path());
  INFO(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  auto o = json::parse(r.out);
  CHECK(o["created_team"] == true);
  CHECK(o["started_supervisor"] == true);
  CHECK(o["workspace"] == f.path());
  CHECK_FALSE(ta::file_exists(elsewhere.path() + "/.team/team.json"));
  auto spec = json::parse(read_text(f.path() + "/.team/team.json"));
  CHECK(spec["leader"]["args"] == json::array({"--reply", "none", "-w"}));

  // A spec that does not validate is named, and nothing starts: exit 2.
  QuickFolder broken;
  REQUIRE(ta::make_dirs(broken.path() + "/.team", 0700).ok());
  write_text(broken.path() + "/.team/team.json", R"({"team": "x", "leader": {}, "agents": []})");
  auto bad = broken.here({"fake"});
  INFO(bad.out, bad.err);
  CHECK(bad.exit_code == 2);
  CHECK(contains(bad.err, "/leader"));
  CHECK_FALSE(ta::file_exists(broken.path() + "/.team/logs/run.log"));
}

TEST_CASE("shutdown with a supervisor stops it as asked, and status shows it stopped at once") {
  QuickFolder f;
  REQUIRE(f.here({"fake"}).exit_code == 0);
  const int pid = f.status()["supervisor"]["pid"].get<int>();

  auto r = team_agent(f.path(), {"shutdown", "--json"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  auto o = json::parse(r.out);
  CHECK(o["supervisor_stopped"] == true);
  CHECK(o["supervisor_pid"] == pid);
  CHECK(o["panes_running"] == true);
  CHECK(o["exit_code"] == 0);

  // Right after shutdown returned: no stale "running".
  auto st = f.status();
  CHECK(st["supervisor"]["running"] == false);
  CHECK(st["supervisor"]["last_run"]["reason"] == "shutdown");
  auto stopped = f.events("supervisor.stopped");
  REQUIRE(stopped.size() == 1);
  CHECK(stopped[0].data.value("reason", "") == "shutdown");
  CHECK(stopped[0].data.value("exit_code", -1) == 0);

  // No supervisor, the agents still in their panes: said so, exit 0, not "nothing to stop".
  auto again = team_agent(f.path(), {"shutdown"});
  INFO(again.out, again.err);
  CHECK(again.exit_code == 0);
  CHECK(contains(again.out, "no supervisor is running; the agents keep running"));
  CHECK(contains(again.out, "team-agent shutdown --kill-panes"));

  // The quick start adopts those panes with a new supervisor: the leader is not started anew.
  auto back = f.here({"fake"});
  INFO(back.out, back.err);
  CHECK(back.exit_code == 0);
  CHECK(contains(back.out, "started the supervisor in the background"));
  auto started = f.events("pane.started");
  REQUIRE_FALSE(started.empty());
  CHECK(started.back().data.value("adopted", false) == true);
}

TEST_CASE("shutdown --kill-panes without a supervisor ends the agents' panes and records it") {
  QuickFolder f;
  REQUIRE(f.here({"fake"}).exit_code == 0);
  REQUIRE(team_agent(f.path(), {"shutdown"}).exit_code == 0);

  auto r = team_agent(f.path(), {"shutdown", "--kill-panes"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "killed the team's panes"));
  CHECK(contains(r.out, "recorded as stopped: leader"));
  auto st = f.status();
  REQUIRE(st["agents"].size() == 1);
  CHECK(st["agents"][0]["pane_state"] == "stopped");

  // Truly nothing left: exit 3.
  auto nothing = team_agent(f.path(), {"shutdown"});
  INFO(nothing.out, nothing.err);
  CHECK(nothing.exit_code == 3);
  CHECK(contains(nothing.err, "nothing to stop"));
}

TEST_CASE("init --leader/--workers writes the team they name; bad values are one sentence") {
  TempDir ws;
  auto r = team_agent(ws.path(), {"init", "--leader", "codex", "--workers", "codex:2,claude",
                                  "--workers", "fake:1", "--json"});
  INFO(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  auto o = json::parse(r.out);
  CHECK(o["leader"] == json({{"id", "leader"}, {"provider", "codex"}}));
  std::vector<std::string> ids;
  for (const auto& a : o["agents"]) ids.push_back(a["id"].get<std::string>() + "/" +
                                                 a["provider"].get<std::string>());
  CHECK(ids == std::vector<std::string>{"codex-1/codex", "codex-2/codex", "claude-1/claude",
                                        "fake-1/fake"});
  auto spec = json::parse(read_text(ws.path() + "/.team/team.json"));
  CHECK(spec["agents"].size() == 4);
  CHECK(spec["leader"]["provider"] == "codex");

  // Kept unless --force, as before.
  auto kept = team_agent(ws.path(), {"init", "--leader", "claude"});
  CHECK(kept.exit_code == 2);
  auto forced = team_agent(ws.path(), {"init", "--leader", "claude", "--force"});
  CHECK(forced.exit_code == 0);
  CHECK(contains(forced.out, "leader (claude)"));
  CHECK(contains(forced.out, "team-agent claude"));

  for (const auto& bad : std::vector<std::vector<std::string>>{
         {"init", "--force", "--workers", "gpt:2"},
         {"init", "--force", "--workers", "codex:0"},
         {"init", "--force", "--leader", "gemini"},
         {"init", "--force", "--demo", "--leader", "codex"}}) {
    auto e = team_agent(ws.path(), bad);
    INFO(bad.back(), e.out, e.err);
    CHECK(e.exit_code == 2);
    CHECK(split_lines(e.err).size() == 1);
  }
  auto plain = team_agent(ws.path(), {"init", "--demo", "--force", "--json"});
  REQUIRE(plain.exit_code == 0);
  CHECK(json::parse(plain.out)["team"] == "demo");
}
