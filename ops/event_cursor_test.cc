#include "ops/event_cursor.h"

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "tests/support/temp_dir.h"
#include "tests/support/text_helpers.h"

using namespace ta;

namespace {

using ta::test::write_text_file;

}  // namespace

TEST_CASE("a cursor file that is absent or blank starts at the beginning") {
  test::TempDir dir;
  CHECK(*ops::read_cursor_file(dir.path() + "/cursor") == 0);
  write_text_file(dir.path() + "/blank", " \n\t");
  CHECK(*ops::read_cursor_file(dir.path() + "/blank") == 0);
}

TEST_CASE("a saved cursor reads back, spaces around it aside") {
  test::TempDir dir;
  const std::string path = dir.path() + "/cursor";
  REQUIRE(ops::save_cursor_file(path, 4242));
  CHECK(*ops::read_cursor_file(path) == 4242);
  write_text_file(path, "  17\r\n");
  CHECK(*ops::read_cursor_file(path) == 17);
}

TEST_CASE("a cursor file that holds no seq, or is a link or a FIFO, is refused with exit 2") {
  test::TempDir dir;
  const std::string text = dir.path() + "/text";
  write_text_file(text, "hello");
  auto r = ops::read_cursor_file(text);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == 2);
  CHECK(r.error().message.find("does not hold an event seq (it has 'hello')") != std::string::npos);

  const std::string link = dir.path() + "/link";
  REQUIRE(::symlink(text.c_str(), link.c_str()) == 0);
  auto l = ops::read_cursor_file(link);
  REQUIRE_FALSE(l);
  CHECK(l.error().code == 2);
  CHECK(l.error().message.rfind("--cursor-file: ", 0) == 0);

  const std::string fifo = dir.path() + "/fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto f = ops::read_cursor_file(fifo);  // refused, never blocks on the read
  REQUIRE_FALSE(f);
  CHECK(f.error().code == 2);
}
