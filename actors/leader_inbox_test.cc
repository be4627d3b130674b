#include "actors/leader_inbox.h"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "tests/support/temp_dir.h"

using namespace ta;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

actors::Delivery message() {
  actors::Delivery d;
  d.message_id = "msg_0123456789ab";
  d.from = "backend";
  d.to = "leader";
  d.content = "done";
  return d;
}

}  // namespace

TEST_CASE("leader inbox: appends to a regular file, never through a planted link or into a FIFO") {
  test::TempDir ws;
  test::TempDir elsewhere;
  const std::string inbox = ws.path() + "/leader-inbox.log";
  auto ok = actors::leader_inbox_fallback(inbox, "", message(), "pane gone");
  CHECK(ok.data["fallback_path"] == inbox);
  CHECK(read(inbox).find("done") != std::string::npos);

  std::filesystem::remove(inbox);
  const std::string victim = elsewhere.path() + "/victim";
  std::ofstream(victim) << "keep";
  std::filesystem::create_symlink(victim, inbox);
  auto linked = actors::leader_inbox_fallback(inbox, "", message(), "pane gone");
  CHECK(linked.data["fallback_path"] == "");  // recorded as not written
  CHECK(read(victim) == "keep");

  std::filesystem::remove(inbox);
  REQUIRE(::mkfifo(inbox.c_str(), 0600) == 0);
  auto fifo = actors::leader_inbox_fallback(inbox, "", message(), "pane gone");  // must not block
  CHECK(fifo.data["fallback_path"] == "");
}
