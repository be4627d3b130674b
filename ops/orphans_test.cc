#include "ops/orphans.h"

#include <doctest/doctest.h>

using namespace ta::ops;

TEST_CASE("team-agent supervisors and team tmux servers are told apart from look-alikes") {
  CHECK(is_supervisor_command("team-agent run"));
  CHECK(is_supervisor_command("/opt/bin/team-agent -w /tmp/a b run --quiet"));
  CHECK_FALSE(is_supervisor_command("team-agent status"));
  CHECK_FALSE(is_supervisor_command("my-team-agent run"));
  CHECK_FALSE(is_supervisor_command("vim team-agent run"));
  CHECK(is_team_tmux_command("tmux -L team-agent-0123abcd -f /dev/null start-server ;"));
  CHECK(is_team_tmux_command("/usr/bin/tmux -L team-agent-x new-session"));
  CHECK_FALSE(is_team_tmux_command("tmux -L mine new-session"));
  CHECK_FALSE(is_team_tmux_command("tmux new -s team-agent-x"));
}

TEST_CASE("a supervisor's workspace is read from the lock file it holds, spaces and all") {
  bool deleted = false;
  CHECK(workspace_of_lock_link("/tmp/a dir/ws/.team/supervisor.lock", deleted) == "/tmp/a dir/ws");
  CHECK_FALSE(deleted);
  CHECK(workspace_of_lock_link("/tmp/a dir/ws/.team/supervisor.lock (deleted)", deleted) ==
        "/tmp/a dir/ws");
  CHECK(deleted);
  CHECK(workspace_of_lock_link("/tmp/ws/.team/state.lock", deleted).empty());
  CHECK(workspace_of_lock_link("socket:[1234]", deleted).empty());
  CHECK(workspace_of_lock_link("/.team/supervisor.lock", deleted).empty());
}
