#include "actors/session_keeper_book.h"

#include <doctest/doctest.h>

using namespace ta;
using namespace ta::actors;

namespace {

events::SessionLaunched launch(const std::string& agent, const std::string& format,
                               const std::string& session_id = "", const std::string& mode = "fresh") {
  return {agent, "fake", format, session_id, mode, "run1", "/ws", "/root/" + format};
}

CaptureOutcome found(const CaptureItem& item, const std::string& id) {
  CaptureOutcome o{item.agent_id, item.generation, {}};
  o.result.captured = true;
  o.result.session_id = id;
  o.result.path = "/p/" + id;
  o.result.via = "rollout_scan";
  o.result.confidence = "high";
  return o;
}

CaptureOutcome missing(const CaptureItem& item, const std::string& reason) {
  CaptureOutcome o{item.agent_id, item.generation, {}};
  o.result.reason = reason;
  return o;
}

std::vector<std::string> types(const KeeperStep& s) {
  std::vector<std::string> out;
  for (const auto& d : s.drafts) out.push_back(d.type);
  return out;
}

const std::vector<std::string> kMissing{"session.capture_missing"};
const std::vector<std::string> kCaptured{"session.captured"};

}  // namespace

TEST_CASE("a launch is looked at briefly; a series that fails records one capture_missing") {
  SessionBook book;
  book.launched(launch("w1", "claude", "id-1"), 10, 1000, 0);
  auto plan = book.round_for("w1");
  REQUIRE(plan.items.size() == 1);
  CHECK(plan.items[0].request.claude_session_id == "id-1");
  CHECK(plan.items[0].request.resumed_id.empty());
  CHECK(plan.items[0].root == "/root/claude");
  CHECK(book.round_for("w1").items.empty());  // one try at a time

  std::int64_t now = 0;
  int tries = 1;
  KeeperStep step = book.outcome(missing(plan.items[0], "transcript_missing"), now);
  while (step.retry_in_ms) {
    CHECK(step.drafts.empty());
    now += *step.retry_in_ms;
    plan = book.round_for("w1");
    REQUIRE(plan.items.size() == 1);
    ++tries;
    step = book.outcome(missing(plan.items[0], "transcript_missing"), now);
  }
  CHECK(now <= 1500);  // bounded to the launch window
  CHECK(tries >= 3);
  CHECK(types(step) == kMissing);
  CHECK(step.drafts[0].data["reason"] == "transcript_missing");
  CHECK(step.drafts[0].data["session_id"] == "id-1");
  CHECK(book.round_for("w1").items.empty());  // the series is over
}

TEST_CASE("after a submission the capture is tried again, longer, and recorded once") {
  SessionBook book;
  book.launched(launch("w1", "claude", "id-1"), 10, 1000, 0);
  auto first = book.round_for("w1").items.at(0);
  book.outcome(missing(first, "transcript_missing"), 2000);  // past the launch window
  CHECK(book.round_for("w1").items.empty());

  CHECK(book.submitted("w1", 5000));
  auto item = book.round_for("w1").items.at(0);
  // The same reason again is no news.
  auto step = book.outcome(missing(item, "transcript_missing"), 5000);
  REQUIRE(step.retry_in_ms);
  CHECK(*step.retry_in_ms == 200);
  CHECK(step.drafts.empty());
  step = book.outcome(missing(book.round_for("w1").items.at(0), "transcript_missing"), 15001);
  CHECK(step.drafts.empty());
  CHECK_FALSE(step.retry_in_ms);

  CHECK(book.submitted("w1", 20000));
  item = book.round_for("w1").items.at(0);
  step = book.outcome(found(item, "id-1"), 20000);
  CHECK(types(step) == kCaptured);
  CHECK(step.drafts[0].data["session_id"] == "id-1");
  CHECK(step.drafts[0].key == "session.captured:10:w1:id-1");
  // Captured: later submissions look no more; a stale outcome is ignored.
  CHECK_FALSE(book.submitted("w1", 21000));
  CHECK(book.round_for("w1").items.empty());
  CHECK(book.outcome(found(item, "id-1"), 21000).drafts.empty());
  CHECK(book.final_round().empty());
}

TEST_CASE("a capture the bus already holds for the same session is not recorded again") {
  SessionBook book;
  book.launched(launch("w1", "claude", "id-1"), 10, 1000, 0);
  auto item = book.round_for("w1").items.at(0);
  book.captured_on_bus("w1", "id-1", 11);  // recorded by someone else meanwhile
  CHECK(book.outcome(found(item, "id-1"), 100).drafts.empty());
  CHECK(book.find("w1")->captured);

  // A new launch starts over, even for the session it resumes.
  book.launched(launch("w1", "claude", "id-1", "resumed"), 20, 5000, 200);
  item = book.round_for("w1").items.at(0);
  CHECK(item.request.resumed_id == "id-1");
  CHECK(types(book.outcome(found(item, "id-1"), 200)) == kCaptured);
  // An outcome of the earlier launch is stale.
  book.launched(launch("w1", "claude", "id-2"), 30, 6000, 300);
  CHECK(book.outcome(found(item, "id-1"), 300).drafts.empty());
}

TEST_CASE("fresh Codex agents of one directory: peers that were sent a message scan together, in launch order") {
  SessionBook book;
  book.launched(launch("leader", "codex"), 10, 1000, 0);
  book.launched(launch("w1", "codex"), 11, 1000, 0);
  book.launched(launch("w2", "codex"), 12, 1000, 0);
  // At launch nobody was sent anything: none may claim a rollout a peer could own.
  for (const std::string a : {"leader", "w1", "w2"}) {
    auto plan = book.round_for(a);
    REQUIRE(plan.items.size() == 1);
    CHECK_FALSE(plan.items[0].may_claim);
    book.outcome(missing(plan.items[0], "no_matching_rollout"), 2000);
  }
  CHECK(book.submitted("w2", 3000));
  CHECK(book.submitted("w1", 3000));
  auto plan = book.round_for("w2");
  REQUIRE(plan.items.size() == 2);
  CHECK(plan.items[0].agent_id == "w1");  // launched first: takes the earliest rollout
  CHECK(plan.items[1].agent_id == "w2");
  CHECK(plan.items[0].may_claim);
  CHECK(plan.items[1].may_claim);
  CHECK(book.round_for("w1").items.empty());  // in flight with w2's round

  CHECK(types(book.outcome(found(plan.items[0], "r1"), 3000)) == kCaptured);
  // The same rollout for another agent: taken already.
  auto step = book.outcome(found(plan.items[1], "r1"), 3000);
  CHECK(step.drafts.empty());
  REQUIRE(step.retry_in_ms);
  plan = book.round_for("w2");
  REQUIRE(plan.items.size() == 1);
  CHECK(plan.items[0].request.held_ids == std::set<std::string>{"r1"});
  CHECK(types(book.outcome(found(plan.items[0], "r2"), 3200)) == kCaptured);

  // The leader, never sent anything, may claim what is left at the stop.
  auto last = book.final_round();
  REQUIRE(last.size() == 1);
  CHECK(last[0].agent_id == "leader");
  CHECK(last[0].may_claim);
  CHECK(last[0].request.held_ids == std::set<std::string>{"r1", "r2"});
}

TEST_CASE("a Codex scan waits while an earlier peer's try is out") {
  SessionBook book;
  book.launched(launch("w1", "codex"), 10, 1000, 0);
  book.launched(launch("w2", "codex"), 11, 1000, 0);
  auto w1 = book.round_for("w1");
  REQUIRE(w1.items.size() == 1);
  book.submitted("w2", 100);
  auto w2 = book.round_for("w2");
  CHECK(w2.items.empty());
  REQUIRE(w2.again_in_ms);
  book.outcome(missing(w1.items[0], "no_matching_rollout"), 150);
  CHECK(book.round_for("w2").items.size() == 1);
}

TEST_CASE("a lone fresh Codex agent may claim at launch; a resumed one is verified by id") {
  SessionBook book;
  book.launched(launch("w1", "codex"), 10, 1000, 0);
  book.launched(launch("w2", "claude", "c-1"), 11, 1000, 0);  // another format is no peer
  book.launched(launch("w3", "codex", "old", "resumed"), 12, 1000, 0);
  auto w1 = book.round_for("w1");
  REQUIRE(w1.items.size() == 1);
  CHECK(w1.items[0].may_claim);
  CHECK(w1.items[0].request.held_ids == std::set<std::string>{"old"});  // held by its resumer
  auto w3 = book.round_for("w3").items.at(0);
  CHECK(w3.request.resumed_id == "old");
  // Nothing to look for when the CLI keeps no session we know.
  book.launched(launch("w4", ""), 13, 1000, 0);
  CHECK(book.round_for("w4").items.empty());
  CHECK_FALSE(book.submitted("w4", 10));
}

TEST_CASE("the last look at a stop: agents sent a message first, no retry, one missing at most") {
  SessionBook book;
  book.launched(launch("a", "claude", "id-a"), 10, 1000, 0);
  book.launched(launch("b", "claude", "id-b"), 11, 1000, 0);
  book.outcome(missing(book.round_for("a").items.at(0), "transcript_missing"), 5000);
  book.outcome(missing(book.round_for("b").items.at(0), "transcript_missing"), 5000);
  book.submitted("b", 6000);
  auto last = book.final_round();
  REQUIRE(last.size() == 2);
  CHECK(last[0].agent_id == "b");
  CHECK(last[1].agent_id == "a");
  auto step_b = book.outcome(missing(last[0], "blank_session"), 6000, true);
  CHECK_FALSE(step_b.retry_in_ms);
  CHECK(types(step_b) == kMissing);  // a new reason
  CHECK(book.outcome(missing(last[1], "transcript_missing"), 6000, true).drafts.empty());
}
