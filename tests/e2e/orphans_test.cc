// Processes that outlived their workspace: a supervisor and a tmux server
// whose workspace (in a directory with a space) was deleted under them are
// found from /proc and ended; a live team next to them is never touched.
#include <doctest/doctest.h>

#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "ops/orphans.h"
#include "tests/e2e/run_fixture.h"
#include "tests/e2e/support.h"

using namespace ta::test;

namespace {

TeamOptions in_subdir(const std::string& team, const std::string& subpath) {
  TeamOptions o;
  o.team = team;
  o.subpath = subpath;
  return o;
}

std::vector<ta::ops::Orphan> orphans_of(const std::string& workspace) {
  std::vector<ta::ops::Orphan> out;
  for (auto& o : ta::ops::find_orphans())
    if (o.workspace == workspace) out.push_back(o);
  return out;
}

// Running, not a zombie waiting for its parent (the supervisor is this
// test's child until reaped).
bool alive(pid_t pid) {
  for (const auto& p : ta::list_processes({}))
    if (p.pid == pid) return true;
  return false;
}

}  // namespace

TEST_CASE("a supervisor and a tmux server whose workspace was deleted are found and ended") {
  TeamWorkspace gone({{"w1", {}}}, {}, in_subdir("gone", "a dir with spaces/ws"));
  TeamWorkspace live({{"w1", {}}}, {}, in_subdir("live", "live ws"));
  RunningTeam gone_run(gone);
  RunningTeam live_run(live);
  REQUIRE_MESSAGE(gone_run.await_ready(), gone_run.transcript());
  REQUIRE_MESSAGE(live_run.await_ready(), live_run.transcript());
  CHECK(orphans_of(gone.path()).empty());  // a live workspace has no orphans

  const std::string deleted = gone.path();
  // A supervisor notices its workspace going and stops (next test); a hung
  // one cannot, and that is the orphan doctor must find.
  REQUIRE(::kill(gone_run.pid(), SIGSTOP) == 0);
  std::filesystem::remove_all(deleted);
  // As a user would: from anywhere, list, then end.
  auto entries_of = [&](const ta::test::RunResult& r) {
    std::vector<nlohmann::json> mine;
    for (const auto& e : nlohmann::json::parse(r.out))
      if (e.value("workspace", "") == deleted) mine.push_back(e);
      else CHECK_MESSAGE(e.value("workspace", "") != live.path(), "a live workspace listed");
    return mine;
  };
  auto listed = team_agent(live.path(), {"doctor", "--orphans", "--json"});
  REQUIRE_MESSAGE(listed.exit_code == 0, listed.err);
  auto found = entries_of(listed);
  REQUIRE_MESSAGE(found.size() == 2, listed.out);
  std::set<std::string> kinds;
  for (const auto& e : found) {
    kinds.insert(e.value("kind", ""));
    CHECK(e.value("reason", "") == "workspace_deleted");
    CHECK(e.value("outcome", "") == "found");
    if (e.value("kind", "") == "supervisor") CHECK(e.value("pid", 0) == gone_run.pid());
    CHECK(alive(e.value("pid", 0)));  // listing touches nothing
  }
  CHECK(kinds == std::set<std::string>{"supervisor", "tmux_server"});

  // Only this test's: other tests' processes may be orphans at this moment.
  auto ended = team_agent(live.path(), {"doctor", "--orphans", "--confirm", "--json", "--under",
                                        gone.temp_root()});
  CHECK_MESSAGE(ended.exit_code == 0, ended.err);
  auto ended_entries = entries_of(ended);
  CHECK(ended_entries.size() == 2);
  for (const auto& e : ended_entries) {
    CHECK(e.value("outcome", "") != "failed");
    CHECK_FALSE(alive(e.value("pid", 0)));
  }
  CHECK(alive(live_run.pid()));
  CHECK(orphans_of(deleted).empty());
  CHECK(team_agent(live.path(), {"status"}).exit_code == 0);
  auto plain = team_agent(live.path(), {"doctor", "--orphans", "--under", gone.temp_root()});
  CHECK(plain.out.find("no orphaned supervisor or tmux server") != std::string::npos);
  auto misuse = team_agent(live.path(), {"doctor", "--confirm"});
  CHECK(misuse.exit_code == 2);
}

TEST_CASE("a supervisor whose workspace is deleted under it stops by itself") {
  TeamWorkspace gone({{"w1", {}}}, {}, in_subdir("selfstop", "a dir with spaces/ws"));
  RunningTeam run(gone);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  std::filesystem::remove_all(gone.path());
  auto said = run.proc().wait_for("was deleted or moved; stopping", std::chrono::seconds(20));
  CHECK_MESSAGE(said, run.transcript());
  int code = run.proc().wait(std::chrono::seconds(30));
  CHECK_MESSAGE(code != -1, run.transcript());  // it ended
  // Its agents keep running (as after Ctrl-C): the tmux server is the orphan left.
  auto left = orphans_of(gone.path());
  CHECK(std::none_of(left.begin(), left.end(), [](auto& o) { return o.kind == "supervisor"; }));
}
