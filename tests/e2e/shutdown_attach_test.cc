#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <optional>

#include "config/paths.h"
#include "config/supervisor_lock.h"
#include "terminal/tmux_server.h"
#include "tests/e2e/support.h"
#include "tests/support/read_log.h"
#include "util/fs.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

// The workspace's own private tmux server, started by the test and always
// killed at the end (its socket name is unique to the temporary workspace).
class WorkspaceTmux {
 public:
  explicit WorkspaceTmux(const std::string& ws) {
    ta::terminal::ServerOptions o;
    o.socket_name = ta::terminal::socket_name_for_workspace(ws);
    auto s = ta::terminal::TmuxServer::locate(o);
    REQUIRE(s.ok());
    server_.emplace(std::move(*s));
  }
  ~WorkspaceTmux() { (void)server_->kill(); }
  ta::terminal::TmuxServer& server() { return *server_; }

 private:
  std::optional<ta::terminal::TmuxServer> server_;
};

}  // namespace

TEST_CASE("shutdown with no supervisor says so and exits 3") {
  TempDir ws;
  REQUIRE(team_agent(ws.path(), {"init", "--demo"}).exit_code == 0);
  auto r = team_agent(ws.path(), {"shutdown"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("no supervisor is running") != std::string::npos);
}

TEST_CASE("shutdown stops a lock holder that ignores the request with SIGTERM, releasing the lock") {
  TempDir ws;
  REQUIRE(team_agent(ws.path(), {"init", "--demo"}).exit_code == 0);
  Background holder({helper_bin("supervisor_lock_holder"), ws.path()});
  auto line = holder.wait_for("locked", 10s);
  REQUIRE(line.has_value());
  auto paths = ta::config::Paths::for_workspace(ws.path());
  REQUIRE(ta::config::supervisor_running(paths));

  // A second supervisor is refused with the holder's pid.
  Background second({helper_bin("supervisor_lock_holder"), ws.path()});
  auto refused = second.wait_for("refused", 10s);
  REQUIRE(refused.has_value());
  CHECK(refused->find("a supervisor is already running (pid " + std::to_string(holder.pid())) !=
        std::string::npos);
  CHECK(second.wait(10s) == 1);

  // The holder, like an older binary, does not read the log: the request
  // goes unanswered, and shutdown falls back to SIGTERM and says so.
  auto r = team_agent(ws.path(), {"shutdown", "--timeout", "10"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("stopped the supervisor (pid " + std::to_string(holder.pid())) !=
        std::string::npos);
  CHECK(r.err.find("was asked to stop, but it did not begin stopping") != std::string::npos);
  CHECK(r.err.find("sending it SIGTERM") != std::string::npos);
  CHECK(holder.wait(10s) == 143);
  int requests = 0;
  for (const auto& e : read_all_events(paths.events_dir))
    requests += e.type == "supervisor.shutdown_requested";
  CHECK(requests == 1);
  CHECK_FALSE(ta::config::supervisor_running(paths));
  CHECK_FALSE(ta::file_exists(ta::config::supervisor_record_path(paths)));
}

TEST_CASE("shutdown gives up after --timeout when the supervisor ignores SIGTERM") {
  TempDir ws;
  REQUIRE(team_agent(ws.path(), {"init", "--demo"}).exit_code == 0);
  Background holder({helper_bin("supervisor_lock_holder"), ws.path(), "ignore-term"});
  REQUIRE(holder.wait_for("locked", 10s).has_value());
  auto r = team_agent(ws.path(), {"shutdown", "--timeout", "0.3"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("did not stop within") != std::string::npos);
  holder.signal(SIGKILL);
  holder.wait(10s);
}

TEST_CASE("shutdown --kill-panes stops the supervisor, then kills the team's tmux server") {
  TempDir ws;
  REQUIRE(team_agent(ws.path(), {"init", "--demo"}).exit_code == 0);
  WorkspaceTmux tmux(ws.path());
  ta::terminal::StartOptions start;
  start.session = "demo";
  start.command = {"sleep", "600"};
  REQUIRE(tmux.server().start(start).ok());
  REQUIRE(tmux.server().has_session("demo"));
  Background holder({helper_bin("supervisor_lock_holder"), ws.path()});
  REQUIRE(holder.wait_for("locked", 10s).has_value());

  auto r = team_agent(ws.path(), {"shutdown", "--kill-panes", "--timeout", "10"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(holder.wait(10s) == 143);
  CHECK(r.out.find("killed the team's panes") != std::string::npos);
  CHECK_FALSE(tmux.server().running());

  // Nothing left: --kill-panes with nothing running still succeeds.
  auto again = team_agent(ws.path(), {"shutdown", "--kill-panes"});
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("nothing was running") != std::string::npos);
}

TEST_CASE("attach with nothing running says what to do and exits 1") {
  TempDir ws;
  REQUIRE(team_agent(ws.path(), {"init", "--demo"}).exit_code == 0);
  auto r = team_agent(ws.path(), {"attach"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("no team tmux server is running") != std::string::npos);
  CHECK(r.err.find("team-agent run") != std::string::npos);
}

TEST_CASE("attach names the missing session when the server runs without it") {
  TempDir ws;
  REQUIRE(team_agent(ws.path(), {"init", "--demo"}).exit_code == 0);
  WorkspaceTmux tmux(ws.path());
  ta::terminal::StartOptions start;
  start.session = "other";
  start.command = {"sleep", "600"};
  REQUIRE(tmux.server().start(start).ok());
  auto r = team_agent(ws.path(), {"attach"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("no session \"demo\"") != std::string::npos);
}
