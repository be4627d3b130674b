// Files a user names on the command line (or pipes in) that are not what a
// command expects: far too big, endless (/dev/zero), a FIFO, a device or a
// directory. Every command refuses with one sentence and exit 2 in bounded
// time and memory; none hangs, none replaces what it was not asked to.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "tests/e2e/support.h"
#include "tests/support/text_helpers.h"

using namespace ta;
using namespace ta::test;
using namespace std::chrono_literals;

namespace {

using ta::test::contains;

// A sparse file of `bytes`: costs no disk, but a reader that loads it whole
// needs that much memory.
std::string sparse_file(const std::string& dir, long long bytes) {
  std::string path = dir + "/huge.json";
  write_text(path, "{");
  REQUIRE(::truncate(path.c_str(), bytes) == 0);
  return path;
}

// Runs `team-agent --workspace WS args...` under a 1 GiB address-space limit
// with stdin from `stdin_path`, in the background, so a command that reads
// without bound either crashes or is caught by the timeout instead of
// taking the machine's memory.
RunResult bounded(const std::string& ws, const std::vector<std::string>& args,
                  const std::string& stdin_path = "/dev/null", const Env& env = {}) {
  std::string cmd = "ulimit -v 1048576; exec \"$0\" --workspace \"$1\"";
  for (size_t i = 0; i < args.size(); ++i) cmd += " \"$" + std::to_string(i + 2) + "\"";
  cmd += " <'" + stdin_path + "' 2>&1";
  std::vector<std::string> argv{"/bin/sh", "-c", cmd, team_agent_bin(), ws};
  argv.insert(argv.end(), args.begin(), args.end());
  Background bg(argv, env);
  RunResult r;
  r.exit_code = bg.wait(20s);
  while (bg.read_line(100ms)) {
  }
  r.err = bg.transcript();
  return r;
}

const Env kAsBackend{{"TEAM_AGENT_ID", "backend"}};

}  // namespace

TEST_CASE("report --file refuses a file over the limit before reading it") {
  DemoWorkspace ws;
  auto huge = sparse_file(ws.path(), 3ll << 30);
  auto r = bounded(ws.path(), {"report", "--file", huge}, "/dev/null", kAsBackend);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, huge));
  CHECK(contains(r.err, "limit"));
}

TEST_CASE("report --file /dev/zero and --file - from /dev/zero are refused, not read forever") {
  DemoWorkspace ws;
  auto dev = bounded(ws.path(), {"report", "--file", "/dev/zero"}, "/dev/null", kAsBackend);
  INFO(dev.err);
  CHECK(dev.exit_code == 2);
  CHECK(contains(dev.err, "limit"));
  auto piped = bounded(ws.path(), {"report", "--file", "-"}, "/dev/zero", kAsBackend);
  INFO(piped.err);
  CHECK(piped.exit_code == 2);
  CHECK(contains(piped.err, "limit"));
}

TEST_CASE("inspect refuses a capture over the limit, also /dev/zero and on stdin") {
  DemoWorkspace ws;
  auto huge = sparse_file(ws.path(), 3ll << 30);
  auto file = bounded(ws.path(), {"inspect", huge});
  INFO(file.err);
  CHECK(file.exit_code == 2);
  CHECK(contains(file.err, huge));
  CHECK(contains(file.err, "limit"));
  auto dev = bounded(ws.path(), {"inspect", "/dev/zero"});
  CHECK(dev.exit_code == 2);
  auto piped = bounded(ws.path(), {"inspect", "-"}, "/dev/zero");
  INFO(piped.err);
  CHECK(piped.exit_code == 2);
  CHECK(contains(piped.err, "limit"));
}

TEST_CASE("send --config and run --config refuse a spec over the limit") {
  DemoWorkspace ws;
  auto huge = sparse_file(ws.path(), 3ll << 30);
  auto send = bounded(ws.path(), {"send", "backend", "hi", "--no-wait", "--config", huge});
  INFO(send.err);
  CHECK(send.exit_code == 2);
  CHECK(contains(send.err, huge));
  CHECK(contains(send.err, "limit"));
  auto run = bounded(ws.path(), {"run", "--config", "/dev/zero"});
  INFO(run.err);
  CHECK(run.exit_code == 2);
  CHECK(contains(run.err, "limit"));
}

TEST_CASE("send --stdin from /dev/zero returns, refused as over the limit") {
  DemoWorkspace ws;
  auto r = bounded(ws.path(), {"send", "backend", "--stdin", "--no-wait"}, "/dev/zero");
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "limit"));
  auto listed = team_agent(ws.path(), {"events", "--type", "message.accepted"});
  CHECK(listed.out.empty());
}

TEST_CASE("events --cursor-file refuses a FIFO, a device, a directory and a link, and never hangs") {
  DemoWorkspace ws;
  REQUIRE(team_agent(ws.path(), {"send", "backend", "hi", "--no-wait"}).exit_code == 3);
  const std::string fifo = ws.path() + "/cursor.fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string dir = ws.path() + "/cursor.dir";
  std::filesystem::create_directory(dir);
  const std::string target = ws.path() + "/elsewhere";
  write_text(target, "1\n");
  const std::string link = ws.path() + "/cursor.link";
  std::filesystem::create_symlink(target, link);
  for (const std::string& path : {fifo, std::string("/dev/null"), dir, link}) {
    auto r = bounded(ws.path(), {"events", "--cursor-file", path});
    INFO(path << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, path));
  }
  struct stat st {};
  REQUIRE(::lstat(fifo.c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));  // still the FIFO, not replaced by a regular file
  REQUIRE(::lstat("/dev/null", &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
  REQUIRE(::lstat(link.c_str(), &st) == 0);
  CHECK(S_ISLNK(st.st_mode));
  CHECK(read_text(target) == "1\n");
}

TEST_CASE("events --cursor-file still writes a new path and updates a regular file") {
  DemoWorkspace ws;
  REQUIRE(team_agent(ws.path(), {"send", "backend", "hi", "--no-wait"}).exit_code == 3);
  const std::string cursor = ws.path() + "/cursor";
  auto first = team_agent(ws.path(), {"events", "--cursor-file", cursor});
  CHECK(first.exit_code == 0);
  const auto first_seq = std::stoull(read_text(cursor));
  CHECK(first_seq > 0);
  REQUIRE(team_agent(ws.path(), {"send", "frontend", "hi", "--no-wait"}).exit_code == 3);
  auto second = team_agent(ws.path(), {"events", "--cursor-file", cursor});
  CHECK(second.exit_code == 0);
  CHECK(contains(second.out, "frontend"));
  CHECK(!contains(second.out, "backend"));
  CHECK(std::stoull(read_text(cursor)) > first_seq);
}
