#include "util/flock_probe.h"

#include <doctest/doctest.h>
#include <unistd.h>


#include "tests/support/temp_dir.h"
#include "util/fs.h"

using namespace ta;

TEST_CASE("a /proc/locks line names the holder of an exclusive flock on one file") {
  CHECK(flock_holder_in_line("1: FLOCK  ADVISORY  WRITE 23557 fe:00:10962162 0 EOF", 0xfe, 0,
                             10962162) == 23557);
  CHECK(flock_holder_in_line("1: FLOCK  ADVISORY  WRITE 23557 fe:00:10962162 0 EOF", 0xfe, 0,
                             10962163) == 0);
  CHECK(flock_holder_in_line("1: FLOCK  ADVISORY  WRITE 23557 fe:01:10962162 0 EOF", 0xfe, 0,
                             10962162) == 0);
  CHECK(flock_holder_in_line("2: POSIX  ADVISORY  WRITE 23557 fe:00:10962162 0 EOF", 0xfe, 0,
                             10962162) == 0);
  CHECK(flock_holder_in_line("3: FLOCK  ADVISORY  READ 23557 fe:00:10962162 0 EOF", 0xfe, 0,
                             10962162) == 0);
  CHECK(flock_holder_in_line("4: -> FLOCK  ADVISORY  WRITE 999 fe:00:10962162 0 EOF", 0xfe, 0,
                             10962162) == 0);
  CHECK(flock_holder_in_line("garbage", 0xfe, 0, 1) == 0);
  CHECK(flock_holder_in_line("5: FLOCK  ADVISORY  WRITE 0 fe:00:10962162 0 EOF", 0xfe, 0,
                             10962162) == -1);
}

TEST_CASE("flock_holder finds our own lock, and nobody once it is released") {
  ta::test::TempDir dir;
  const std::string path = dir.path() + "/x.lock";
  auto lock = FileLock::try_acquire(path);
  REQUIRE(lock);
  REQUIRE(lock->held());
  CHECK(flock_holder(path) == static_cast<int>(::getpid()));
  lock->release();
  CHECK(flock_holder(path) == 0);
  CHECK_FALSE(flock_holder(dir.path() + "/missing.lock").has_value());
}
