#include "util/read_bounded.h"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/support/temp_dir.h"
#include "util/fs.h"
#include "tests/support/text_helpers.h"

using namespace ta;

namespace {

const ReadLimit kLimit{1024, "the thing", "keep it small"};

using ta::test::write_text_file;

using ta::test::contains;

}  // namespace

TEST_CASE("read_bounded: a file within the limit is read whole, at the limit too") {
  test::TempDir dir;
  write_text_file(dir.path() + "/a", std::string(1024, 'x'));
  auto text = read_file_bounded(dir.path() + "/a", kLimit);
  REQUIRE(text);
  CHECK(text->size() == 1024);
}

TEST_CASE("read_bounded: a sparse huge file is refused by its size, naming file, limit and fix") {
  test::TempDir dir;
  const std::string path = dir.path() + "/huge";
  write_text_file(path, "x");
  REQUIRE(::truncate(path.c_str(), 8ll << 30) == 0);  // 8 GiB: reading it would not end well
  auto text = read_file_bounded(path, kLimit);
  REQUIRE_FALSE(text);
  CHECK(text.error().code == 2);
  CHECK(contains(text.error().message, path));
  CHECK(contains(text.error().message, "8589934592 bytes"));
  CHECK(contains(text.error().message, "1 KiB (1024 bytes) limit"));
  CHECK(contains(text.error().message, "keep it small"));
}

TEST_CASE("read_bounded: an endless device and a pipe are read to one byte past the limit") {
  auto zero = read_file_bounded("/dev/zero", kLimit);
  REQUIRE_FALSE(zero);
  CHECK(contains(zero.error().message, "larger than"));
  int p[2];
  REQUIRE(::pipe(p) == 0);
  REQUIRE(::write(p[1], std::string(2000, 'y').data(), 2000) == 2000);
  auto piped = read_fd_bounded(p[0], "on stdin", kLimit);
  ::close(p[0]);
  ::close(p[1]);
  REQUIRE_FALSE(piped);
  CHECK(contains(piped.error().message, "on stdin"));
}

TEST_CASE("read_bounded: slack bytes are accepted past the limit, the sentence names the limit") {
  int p[2];
  REQUIRE(::pipe(p) == 0);
  REQUIRE(::write(p[1], std::string(1026, 'y').data(), 1026) == 1026);
  ::close(p[1]);
  ReadLimit limit = kLimit;
  limit.slack = 2;
  auto piped = read_fd_bounded(p[0], "on stdin", limit);
  ::close(p[0]);
  REQUIRE(piped);
  CHECK(piped->size() == 1026);
}

TEST_CASE("read_bounded: a directory and a missing file are refused with a sentence") {
  test::TempDir dir;
  auto d = read_file_bounded(dir.path(), kLimit);
  REQUIRE_FALSE(d);
  CHECK(contains(d.error().message, "is a directory"));
  auto missing = read_file_bounded(dir.path() + "/nope", kLimit);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == 2);
  CHECK(contains(missing.error().message, dir.path() + "/nope"));
}

TEST_CASE("read_own_file: a link or a FIFO is refused at once, never followed or waited on") {
  test::TempDir dir;
  write_text_file(dir.path() + "/target", "42\n");
  std::filesystem::create_symlink(dir.path() + "/target", dir.path() + "/link");
  auto linked = read_own_file(dir.path() + "/link", kLimit);
  REQUIRE_FALSE(linked);
  CHECK(contains(linked.error().message, "symbolic link"));
  const std::string fifo = dir.path() + "/fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto piped = read_own_file(fifo, kLimit);  // would block for ever on a plain open
  REQUIRE_FALSE(piped);
  CHECK(contains(piped.error().message, "FIFO"));
  auto plain = read_own_file(dir.path() + "/target", kLimit);
  REQUIRE(plain);
  CHECK(*plain == "42\n");
}
