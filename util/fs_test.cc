#include "util/fs.h"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/support/temp_dir.h"
#include "tests/support/text_helpers.h"

using namespace ta;
namespace fs = std::filesystem;

namespace {

using ta::test::write_text_file;

std::string read(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

using ta::test::contains;

}  // namespace

TEST_CASE("open_regular_no_follow: creates and opens regular files, refuses everything else") {
  test::TempDir dir;
  auto made = open_regular_no_follow(dir.path() + "/new", O_WRONLY | O_CREAT | O_APPEND);
  REQUIRE(made);
  CHECK(mode_of(dir.path() + "/new") == 0600);

  write_text_file(dir.path() + "/victim", "keep");
  fs::create_symlink(dir.path() + "/victim", dir.path() + "/link");
  auto linked = open_regular_no_follow(dir.path() + "/link", O_WRONLY | O_CREAT | O_APPEND);
  REQUIRE_FALSE(linked);
  CHECK(linked.error().code == 2);
  CHECK(contains(linked.error().message, dir.path() + "/link is a symbolic link"));

  fs::create_symlink(dir.path() + "/nowhere", dir.path() + "/dangling");
  CHECK_FALSE(open_regular_no_follow(dir.path() + "/dangling", O_WRONLY | O_CREAT));
  CHECK_FALSE(fs::exists(dir.path() + "/nowhere"));

  const std::string fifo = dir.path() + "/fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto r = open_regular_no_follow(fifo, O_RDONLY);  // never blocks waiting for a writer
  REQUIRE_FALSE(r);
  CHECK(contains(r.error().message, "FIFO"));
  auto w = open_regular_no_follow(fifo, O_WRONLY);
  REQUIRE_FALSE(w);
  CHECK(contains(w.error().message, "FIFO"));
  CHECK_FALSE(open_regular_no_follow("/dev/null", O_WRONLY));
  CHECK_FALSE(open_regular_no_follow(dir.path(), O_RDONLY));
  CHECK(read(dir.path() + "/victim") == "keep");
}

TEST_CASE("write_file_atomic replaces a regular file but never a link, FIFO or device") {
  test::TempDir dir;
  const std::string file = dir.path() + "/cursor";
  REQUIRE(write_file_atomic(file, "1\n"));
  REQUIRE(write_file_atomic(file, "2\n"));
  CHECK(read(file) == "2\n");
  write_text_file(dir.path() + "/victim", "keep");
  fs::create_symlink(dir.path() + "/victim", dir.path() + "/link");
  CHECK_FALSE(write_file_atomic(dir.path() + "/link", "3\n"));
  CHECK(fs::is_symlink(dir.path() + "/link"));
  CHECK(read(dir.path() + "/victim") == "keep");
  const std::string fifo = dir.path() + "/fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_FALSE(write_file_atomic(fifo, "3\n"));
  CHECK(fs::is_fifo(fifo));
  CHECK_FALSE(write_file_atomic(dir.path(), "3\n"));
}

TEST_CASE("check_real_dir and make_dirs refuse a link in place of a directory") {
  test::TempDir dir;
  test::TempDir elsewhere;
  fs::create_directory_symlink(elsewhere.path(), dir.path() + "/events");
  auto st = make_dirs(dir.path() + "/events", 0700);
  REQUIRE_FALSE(st);
  CHECK(contains(st.error().message, dir.path() + "/events is a symbolic link"));
  CHECK(check_real_dir(dir.path() + "/missing", /*may_be_missing=*/true));
  CHECK_FALSE(check_real_dir(dir.path() + "/missing"));
  CHECK(check_real_dir(dir.path()));
}

TEST_CASE("make_private narrows what this user owns to 0700 / 0600 and refuses a link") {
  test::TempDir dir;
  const std::string sub = dir.path() + "/d";
  fs::create_directory(sub);
  REQUIRE(::chmod(sub.c_str(), 0777) == 0);
  write_text_file(sub + "/f", "x");
  REQUIRE(::chmod((sub + "/f").c_str(), 0666) == 0);
  REQUIRE(make_private(sub));
  REQUIRE(make_private(sub + "/f"));
  CHECK(mode_of(sub) == 0700);
  CHECK(mode_of(sub + "/f") == 0600);
  fs::create_symlink(sub + "/f", dir.path() + "/link");
  CHECK_FALSE(make_private(dir.path() + "/link"));
  CHECK(mode_of(sub + "/f") == 0600);
}
