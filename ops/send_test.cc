#include "ops/send.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ta;
using namespace ta::ops;

namespace {

config::TeamSpec demo_team() {
  auto parsed = config::parse_team_spec(R"({"team": "demo",
    "leader": {"id": "leader", "provider": "fake"},
    "agents": [{"id": "backend", "provider": "fake"}, {"id": "frontend", "provider": "fake"},
               {"id": "tester", "provider": "fake"}]})");
  REQUIRE(parsed.ok());
  return *parsed.spec;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("a fan-out's ids are derived from the client id and the recipient, stably") {
  // Pinned: a retry by another build of team-agent must find the same ids.
  CHECK(derived_message_id("msg_0123456789ab", "backend") == "msg_c01a4b72f0cf");
  CHECK(derived_message_id("msg_0123456789ab", "frontend") == "msg_e608bbeb6ce4");
  CHECK(derived_message_id("msg_0123456789ab", "backend") !=
        derived_message_id("msg_0123456789ac", "backend"));
}

TEST_CASE("recipients: ids, comma lists, * and their refusals") {
  const auto spec = demo_team();
  auto to = [&](const std::string& target, const std::string& from = "human") {
    return resolve_recipients(spec, target, from);
  };
  CHECK(*to("backend") == Ids{"backend"});
  CHECK(*to(" frontend , backend,frontend") == Ids{"frontend", "backend"});
  CHECK(*to("*", "backend") == Ids{"leader", "frontend", "tester"});
  CHECK(*to("*") == Ids{"leader", "backend", "frontend", "tester"});
  CHECK(*to("tester,*", "leader") == Ids{"tester", "backend", "frontend"});

  auto unknown = to("ghost");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == 2);
  CHECK(unknown.error().message ==
        "unknown target \"ghost\"; the team's agents are: leader, backend, frontend, tester "
        "(or * for everyone but the sender)");
  auto empty = to("backend,,tester");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message.find("has an empty entry") != std::string::npos);
  auto self = to("backend", "backend");
  REQUIRE_FALSE(self.ok());
  CHECK(self.error().message.find("is the sender") != std::string::npos);
}

TEST_CASE("nobody to send to when * leaves only the sender") {
  auto parsed = config::parse_team_spec(
      R"({"team": "solo", "leader": {"id": "leader", "provider": "fake"}, "agents": []})");
  REQUIRE(parsed.ok());
  auto to = resolve_recipients(*parsed.spec, "*", "leader");
  REQUIRE_FALSE(to.ok());
  CHECK(to.error().code == 2);
  CHECK(to.error().message.find("no one to send to") != std::string::npos);
}

TEST_CASE("a request's sender, client id and task are checked against the team") {
  const auto spec = demo_team();
  SendRequest r;
  r.target = "backend";
  CHECK(*check_send_request(spec, r) == "human");
  r.from = "tester";
  CHECK(*check_send_request(spec, r) == "tester");

  r.from = "ghost";
  auto ghost = check_send_request(spec, r);
  REQUIRE_FALSE(ghost.ok());
  CHECK(ghost.error().code == 2);
  CHECK(ghost.error().message.find("unknown sender \"ghost\"") == 0);

  r.from = "";
  r.message_id = "msg_0123456789AB";  // upper case is not an id
  CHECK_FALSE(check_send_request(spec, r).ok());
  r.message_id = "msg_0123456789ab";
  CHECK(check_send_request(spec, r).ok());

  r.task = "T 1";
  CHECK_FALSE(check_send_request(spec, r).ok());
  r.task = "sprint-3/T.1:a#b_c";
  CHECK(check_send_request(spec, r).ok());
  r.task = std::string(65, 'a');
  CHECK_FALSE(check_send_request(spec, r).ok());
}

TEST_CASE("task ids: 1-64 of letters, digits and . _ : / # -") {
  CHECK(is_task_id("T1"));
  CHECK(is_task_id(std::string(64, 'x')));
  CHECK_FALSE(is_task_id(""));
  CHECK_FALSE(is_task_id(std::string(65, 'x')));
  CHECK_FALSE(is_task_id("a b"));
  CHECK_FALSE(is_task_id("caf\xC3\xA9"));
}

TEST_CASE("a message's text: not empty, not over 1 MiB, UTF-8") {
  CHECK(check_message_text("hello").ok());
  CHECK(check_message_text(std::string(kMaxMessageBytes, 'x')).ok());
  auto big = check_message_text(std::string(kMaxMessageBytes + 1, 'x'));
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().code == 2);
  CHECK(big.error().message.find("1048577 bytes") != std::string::npos);
  auto blank = check_message_text(" \t\r\n");
  REQUIRE_FALSE(blank.ok());
  CHECK(blank.error().message.find("the message is empty") == 0);
  auto bad = check_message_text("ok \xC3\x28");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("offset 3") != std::string::npos);
}

TEST_CASE("a message given as words is joined with spaces") {
  auto text = read_message_text({"fix", "the", "build"}, /*from_stdin=*/false);
  REQUIRE(text.ok());
  CHECK(*text == "fix the build");
  CHECK_FALSE(read_message_text({}, false).ok());
}
