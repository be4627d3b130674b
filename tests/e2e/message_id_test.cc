// A client-chosen --message-id names one message: a retry of the same
// message (same recipients, same text) is recorded once, while reusing the
// id for anything else is a conflict, refused with nothing appended.
#include <doctest/doctest.h>

#include "events/reader.h"
#include "events/types.h"
#include "tests/e2e/support.h"
#include "tests/support/text_helpers.h"

using namespace ta;
using namespace ta::test;

namespace {

std::vector<events::Event> accepted_in(const DemoWorkspace& ws) {
  std::vector<events::Event> out;
  events::LogReader reader(ws.path() + "/.team/events");
  events::Event e;
  while (reader.next(e) == events::LogReader::Next::event)
    if (e.type == events::MessageAccepted::kType) out.push_back(e);
  return out;
}

using ta::test::contains;

const std::string kId = "msg_00000000c0de";

RunResult send(const DemoWorkspace& ws, const std::string& to, const std::string& text,
               const std::string& id = kId) {
  return team_agent(ws.path(), {"send", to, text, "--message-id", id, "--no-wait"});
}

void check_conflict(const RunResult& r, size_t accepted_before, const DemoWorkspace& ws) {
  INFO(r.out << r.err);
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, kId));
  CHECK(contains(r.err, "already"));
  CHECK(!contains(r.out, "accepted"));
  CHECK(accepted_in(ws).size() == accepted_before);
}

}  // namespace

TEST_CASE("the same --message-id with the same recipient and text is one message") {
  DemoWorkspace ws;
  REQUIRE(send(ws, "backend", "x").exit_code == 3);
  auto again = send(ws, "backend", "x");
  INFO(again.out << again.err);
  CHECK(again.exit_code == 3);
  CHECK(contains(again.out, "already accepted earlier"));
  CHECK(accepted_in(ws).size() == 1);
}

TEST_CASE("the same --message-id for another recipient is a conflict, nothing appended") {
  DemoWorkspace ws;
  REQUIRE(send(ws, "backend", "x").exit_code == 3);
  check_conflict(send(ws, "frontend", "y"), 1, ws);
  check_conflict(send(ws, "frontend", "x"), 1, ws);
}

TEST_CASE("the same --message-id with other text is a conflict, nothing appended") {
  DemoWorkspace ws;
  REQUIRE(send(ws, "backend", "x").exit_code == 3);
  check_conflict(send(ws, "backend", "y"), 1, ws);
}

TEST_CASE("a --message-id reused across a fan-out with other recipients is a conflict") {
  DemoWorkspace ws;
  REQUIRE(send(ws, "backend,frontend", "x").exit_code == 3);
  REQUIRE(accepted_in(ws).size() == 2);
  check_conflict(send(ws, "backend,tester", "x"), 2, ws);  // one overlaps, one is new
  check_conflict(send(ws, "backend", "x"), 2, ws);          // a single send under the fan-out's id
  check_conflict(send(ws, "backend,frontend,tester", "x"), 2, ws);
  auto retry = send(ws, "frontend,backend", "x");  // the same fan-out, listed in another order
  INFO(retry.out << retry.err);
  CHECK(retry.exit_code == 3);
  CHECK(accepted_in(ws).size() == 2);
}

TEST_CASE("a fan-out under an id first used for a single message is a conflict") {
  DemoWorkspace ws;
  REQUIRE(send(ws, "backend", "x").exit_code == 3);
  check_conflict(send(ws, "backend,frontend", "x"), 1, ws);
}

TEST_CASE("the same --message-id from another sender or for another task is a conflict") {
  DemoWorkspace ws;
  REQUIRE(send(ws, "backend", "x").exit_code == 3);
  auto other_sender = team_agent(ws.path(), {"send", "backend", "x", "--message-id", kId,
                                             "--no-wait", "--from", "frontend"});
  check_conflict(other_sender, 1, ws);
  auto other_task = team_agent(ws.path(), {"send", "backend", "x", "--message-id", kId,
                                           "--no-wait", "--task", "T9"});
  check_conflict(other_task, 1, ws);
}
