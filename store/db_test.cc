#include "store/db.h"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "tests/support/temp_dir.h"

using namespace ta;
namespace fs = std::filesystem;

TEST_CASE("database: a link in place of the file or its -wal is refused, the target untouched") {
  test::TempDir ws;
  test::TempDir elsewhere;
  const std::string victim = elsewhere.path() + "/victim";
  std::ofstream(victim) << "keep";
  REQUIRE(::chmod(victim.c_str(), 0644) == 0);
  const std::string db = ws.path() + "/state.db";
  fs::create_symlink(victim, db);
  for (auto mode : {store::OpenOptions::Mode::read_write, store::OpenOptions::Mode::read_only}) {
    store::OpenOptions o;
    o.mode = mode;
    auto opened = store::Database::open(db, o);
    REQUIRE_FALSE(opened);
    CHECK(opened.error().message.find(db + " is a symbolic link") != std::string::npos);
  }
  struct stat st {};
  REQUIRE(::stat(victim.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0644);  // no chmod through the link

  fs::remove(db);
  fs::create_symlink(elsewhere.path() + "/wal", db + "-wal");
  auto wal = store::Database::open(db, store::OpenOptions{});
  REQUIRE_FALSE(wal);
  CHECK_FALSE(fs::exists(elsewhere.path() + "/wal"));
}

TEST_CASE("database: a wider file of ours is made 0600 when opened for writing") {
  test::TempDir ws;
  const std::string db = ws.path() + "/state.db";
  std::ofstream(db).close();
  REQUIRE(::chmod(db.c_str(), 0666) == 0);
  REQUIRE(store::Database::open(db, store::OpenOptions{}));
  struct stat st {};
  REQUIRE(::stat(db.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
}
