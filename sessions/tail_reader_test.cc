#include "sessions/tail_reader.h"

#include <doctest/doctest.h>

#include <fstream>

#include "tests/support/temp_dir.h"

using ta::sessions::TailReader;

TEST_CASE("a session file's tail: complete lines only, read again only when it changed") {
  ta::test::TempDir tmp;
  std::string path = tmp.path() + "/t.jsonl";
  TailReader reader(path, 16);
  CHECK_FALSE(reader.refresh());  // missing: empty, no error
  CHECK(reader.tail().empty());
  std::ofstream(path) << "{\"a\":1}\n{\"b\":";
  CHECK(reader.refresh());
  CHECK(reader.tail() == "{\"a\":1}\n");  // the line being written is left out
  auto reads = reader.reads();
  CHECK_FALSE(reader.refresh());
  CHECK(reader.reads() == reads);  // unchanged: not read again
  std::ofstream(path, std::ios::app) << "2}\n{\"c\":3}\n";
  CHECK(reader.refresh());
  CHECK(reader.tail() == "{\"b\":2}\n{\"c\":3}\n");  // starts right at the window
  std::ofstream(path, std::ios::app) << "{\"dd\":4}\n";
  CHECK(reader.refresh());
  CHECK(reader.tail() == "{\"dd\":4}\n");  // the line cut by the window is dropped
}
