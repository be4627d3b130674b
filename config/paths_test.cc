#include "config/paths.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "tests/support/temp_dir.h"

using ta::config::find_repository_root;

TEST_CASE("the repository root is the nearest directory with a .git entry at or above") {
  ta::test::TempDir dir;
  const std::string repo = dir.path() + "/repo";
  std::filesystem::create_directories(repo + "/.git");
  std::filesystem::create_directories(repo + "/a/b");
  CHECK(find_repository_root(repo + "/a/b") == repo);
  CHECK(find_repository_root(repo + "/a/b/") == repo);
  CHECK(find_repository_root(repo) == repo);
  // A worktree or submodule has a .git file, and is a root of its own.
  std::ofstream(repo + "/a/.git") << "gitdir: ../.git/worktrees/a\n";
  CHECK(find_repository_root(repo + "/a/b") == repo + "/a");
  // Outside any repository (the temp dir is not in one): none.
  std::filesystem::create_directories(dir.path() + "/plain/x");
  if (find_repository_root(dir.path()).empty())
    CHECK(find_repository_root(dir.path() + "/plain/x").empty());
}
