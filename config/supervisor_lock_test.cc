#include "config/supervisor_lock.h"

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <thread>

#include "tests/support/temp_dir.h"
#include "util/fs.h"

using namespace ta;
using namespace ta::config;

namespace {

// Runs `child` in a forked process and returns what it wrote to the pipe.
template <class F>
std::string in_child(F child) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    std::string out = child();
    (void)write_all(fds[1], out);
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string out;
  char buf[512];
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return out;
}

}  // namespace

TEST_CASE("a second supervisor in another process is refused with the holder's pid") {
  test::TempDir ws;
  auto paths = Paths::for_workspace(ws.path());
  SupervisorRecord mine;
  mine.run_id = new_run_id();
  auto lock = SupervisorLock::acquire(paths, mine);
  REQUIRE(lock.ok());
  CHECK(lock->record().pid == ::getpid());

  std::string said = in_child([&] {
    auto second = SupervisorLock::acquire(paths, SupervisorRecord{});
    return second ? std::string("acquired") : second.error().message;
  });
  CHECK(said.find("a supervisor is already running (pid " + std::to_string(::getpid())) == 0);
  CHECK(said.find("team-agent shutdown") != std::string::npos);

  auto status = in_child([&] {
    auto s = probe_supervisor(paths);
    return std::string(s.state == SupervisorState::running ? "running" : "not running");
  });
  CHECK(status == "running");

  lock->release();
  CHECK_FALSE(file_exists(supervisor_record_path(paths)));
  auto again = in_child([&] {
    auto second = SupervisorLock::acquire(paths, SupervisorRecord{});
    return second ? std::string("acquired") : second.error().message;
  });
  CHECK(again == "acquired");
}

TEST_CASE("a record whose holder died is stale and can be removed") {
  test::TempDir ws;
  auto paths = Paths::for_workspace(ws.path());
  // A child takes the lock and dies without releasing it: the kernel frees
  // the flock, the record stays behind.
  in_child([&] {
    auto lock = SupervisorLock::acquire(paths, SupervisorRecord{});
    ::_exit(lock.ok() ? 0 : 1);  // no destructor runs: the record stays
    return std::string();
  });
  REQUIRE(file_exists(supervisor_record_path(paths)));
  auto s = probe_supervisor(paths);
  CHECK(s.state == SupervisorState::stale);
  REQUIRE(s.record.has_value());
  CHECK_FALSE(s.holder_alive);

  REQUIRE(remove_stale_supervisor_record(paths).ok());
  CHECK_FALSE(file_exists(supervisor_record_path(paths)));
  CHECK(probe_supervisor(paths).state == SupervisorState::not_running);
}

TEST_CASE("a stale record is not removed while a supervisor holds the lock") {
  test::TempDir ws;
  auto paths = Paths::for_workspace(ws.path());
  auto lock = SupervisorLock::acquire(paths, SupervisorRecord{});
  REQUIRE(lock.ok());
  auto said = in_child([&] {
    auto st = remove_stale_supervisor_record(paths);
    return st ? std::string("removed") : st.error().message;
  });
  CHECK(said.find("not stale") != std::string::npos);
  CHECK(file_exists(supervisor_record_path(paths)));
}

TEST_CASE("the supervisor record round-trips through JSON") {
  SupervisorRecord r{42, "2026-11-20T23:00:00Z", "abc", "team-agent-0123", "demo"};
  auto back = parse_supervisor_record(supervisor_record_json(r));
  REQUIRE(back.ok());
  CHECK(back->pid == 42);
  CHECK(back->session == "demo");
  CHECK(describe_holder(*back) == "pid 42, started 2026-11-20T23:00:00Z");
  CHECK_FALSE(parse_supervisor_record("{\"started_at\":1}").ok());
  CHECK(new_run_id().size() == 32);
  CHECK(new_run_id() != new_run_id());
}

TEST_CASE("asking whether a supervisor runs never makes a starting one see a holder") {
  ta::test::TempDir ws;
  auto paths = Paths::for_workspace(ws.path());
  REQUIRE(ensure_team_dir(paths));
  { auto created = FileLock::try_acquire(paths.supervisor_lock); }
  std::atomic<bool> stop{false};
  std::thread prober([&] {
    while (!stop) (void)supervisor_running(paths);
  });
  int refused = 0;
  for (int i = 0; i < 2000; ++i) {
    auto lock = FileLock::try_acquire(paths.supervisor_lock);
    if (!lock || !lock->held()) ++refused;
  }
  stop = true;
  prober.join();
  CHECK(refused == 0);
  auto held = FileLock::try_acquire(paths.supervisor_lock);
  REQUIRE(held->held());
  CHECK(supervisor_running(paths));
  held->release();
  CHECK_FALSE(supervisor_running(paths));
}
