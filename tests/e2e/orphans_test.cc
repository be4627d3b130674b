// Processes that outlived their workspace: a supervisor and a tmux server
// whose workspace (in a directory with a space) was deleted under them are
// found from /proc and ended; a live team next to them is never touched.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

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
  std::filesystem::remove_all(deleted);
  auto found = orphans_of(deleted);
  auto kind_count = [&](const char* kind) {
    return std::count_if(found.begin(), found.end(), [&](auto& o) { return o.kind == kind; });
  };
  REQUIRE_MESSAGE(kind_count("supervisor") == 1, found.size());
  REQUIRE(kind_count("tmux_server") == 1);
  for (const auto& o : found) {
    CHECK(o.reason == "workspace_deleted");
    if (o.kind == "supervisor") CHECK(o.process.pid == gone_run.pid());
  }
  CHECK(orphans_of(live.path()).empty());

  auto ended = ta::ops::end_orphans(found, std::chrono::seconds(3));
  REQUIRE(ended.size() == found.size());
  for (const auto& e : ended) {
    CHECK_FALSE(e.still_running);
    CHECK_FALSE(alive(e.orphan.process.pid));
  }
  CHECK(alive(live_run.pid()));
  CHECK(orphans_of(deleted).empty());
  auto status = team_agent(live.path(), {"status"});
  CHECK(status.exit_code == 0);
}
