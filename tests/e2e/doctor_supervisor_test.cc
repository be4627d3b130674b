#include <doctest/doctest.h>

#include <chrono>
#include <csignal>

#include <nlohmann/json.hpp>

#include "config/paths.h"
#include "config/supervisor_lock.h"
#include "tests/e2e/support.h"
#include "util/fs.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

// The "supervisor" entry of `doctor --json`.
nlohmann::json supervisor_check(const RunResult& r) {
  auto all = nlohmann::json::parse(r.out, nullptr, false);
  if (!all.is_array()) return {};
  for (auto& c : all)
    if (c.value("check", "") == "supervisor") return c;
  return {};
}

}  // namespace

TEST_CASE("doctor finds the record of a supervisor that died and --fix removes it") {
  TempDir ws;
  REQUIRE(team_agent(ws.path(), {"init", "--demo"}).exit_code == 0);
  REQUIRE(team_agent(ws.path(), {"status"}).exit_code == 0);
  auto paths = ta::config::Paths::for_workspace(ws.path());
  int dead_pid = 0;
  {
    // SIGKILL: no chance to clean up, so the kernel frees the lock and the record stays.
    Background holder({helper_bin("supervisor_lock_holder"), ws.path(), "ignore-term"});
    REQUIRE(holder.wait_for("locked", 10s).has_value());
    dead_pid = holder.pid();
    auto running = supervisor_check(team_agent(ws.path(), {"doctor", "--json"}));
    CHECK(running.value("level", "") == "ok");
    CHECK(running.value("detail", "").find("running (pid " + std::to_string(dead_pid)) == 0);
    holder.signal(SIGKILL);
    CHECK(holder.wait(10s) == 128 + SIGKILL);
  }
  REQUIRE(ta::file_exists(ta::config::supervisor_record_path(paths)));

  auto r = team_agent(ws.path(), {"doctor", "--json"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 1);
  auto stale = supervisor_check(r);
  CHECK(stale.value("level", "") == "fail");
  CHECK(stale.value("detail", "").find("pid " + std::to_string(dead_pid)) != std::string::npos);
  CHECK(stale.value("detail", "").find("doctor --fix") != std::string::npos);

  auto fixed = team_agent(ws.path(), {"doctor", "--fix", "--json"});
  INFO(fixed.out, fixed.err);
  auto after_fix = supervisor_check(fixed);
  CHECK(after_fix.value("level", "") == "ok");
  CHECK(after_fix.value("detail", "").find("removed the stale record") == 0);
  CHECK_FALSE(ta::file_exists(ta::config::supervisor_record_path(paths)));

  auto clean = supervisor_check(team_agent(ws.path(), {"doctor", "--json"}));
  CHECK(clean.value("detail", "") == "not running");
}
