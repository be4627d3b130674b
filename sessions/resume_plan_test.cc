#include "sessions/resume_plan.h"

#include <doctest/doctest.h>

#include <set>

using namespace ta::sessions;

namespace {

AgentHistory agent(const std::string& id, bool worked, std::vector<SessionRecord> sessions = {}) {
  AgentHistory a;
  a.agent_id = id;
  a.received_leader_message = worked;
  if (worked) {
    a.first_interaction_recorded = true;
    a.first_interaction_at = "2026-12-03T10:00:00.000000Z";
  }
  a.sessions = std::move(sessions);
  return a;
}

SessionRecord session(const std::string& id) { return {id, "/p/" + id + ".jsonl", "claude", "claude", false}; }
SessionRecord tombstone() { return {"", "", "", "", true}; }

SessionVerifier only(std::set<std::string> good) {
  return [good](const SessionRecord& s) { return good.count(s.session_id) > 0; };
}

}  // namespace

TEST_CASE("a verified session is resumed; an agent that never worked starts fresh") {
  auto plan = plan_resume({agent("w1", true, {session("s1")}), agent("w2", false)}, false,
                          only({"s1"}));
  REQUIRE_FALSE(plan.refused());
  REQUIRE(plan.agents.size() == 2);
  CHECK(plan.agents[0].decision == ResumeDecision::resume);
  CHECK(plan.agents[0].reason == "session_verified");
  CHECK(plan.agents[0].session_id == "s1");
  CHECK(plan.agents[1].decision == ResumeDecision::fresh_start);
  CHECK(plan.agents[1].reason == "never_interacted");
}

TEST_CASE("an agent that worked and lost its session refuses the whole restart") {
  std::vector<AgentHistory> team{agent("w1", true, {session("s1")}), agent("w2", true),
                                 agent("w3", true, {session("s3")})};
  auto plan = plan_resume(team, false, only({"s3"}));
  CHECK(plan.refused());
  auto refused = plan.refusals();
  REQUIRE(refused.size() == 2);
  CHECK(refused[0]->agent_id == "w1");
  CHECK(refused[0]->reason == "session_unverified");
  CHECK(refused[1]->reason == "no_session");
  auto sentence = refusal_sentence(*refused[0]);
  CHECK(sentence.find("w1") != std::string::npos);
  CHECK(sentence.find("2026-12-03T10:00:00") != std::string::npos);
  CHECK(sentence.find("use --allow-fresh only if losing that worker's context is acceptable") !=
        std::string::npos);
  // --allow-fresh: those two fresh, the verified one still resumed.
  plan = plan_resume(team, true, only({"s3"}));
  CHECK_FALSE(plan.refused());
  CHECK(plan.agents[0].reason == "allowed_fresh");
  CHECK(plan.agents[2].decision == ResumeDecision::resume);
}

TEST_CASE("an earlier session repairs a broken latest one, but never past a discard") {
  auto plan = plan_resume({agent("w1", true, {session("old"), session("new")})}, false,
                          only({"old"}));
  CHECK(plan.agents[0].decision == ResumeDecision::resume);
  CHECK(plan.agents[0].reason == "earlier_session_verified");
  CHECK(plan.agents[0].session_id == "old");
  plan = plan_resume({agent("w1", true, {session("old"), tombstone(), session("new")})}, false,
                     only({"old"}));
  CHECK(plan.agents[0].decision == ResumeDecision::refuse);
  // A discard as the last record: no session to resume, and none to name.
  plan = plan_resume({agent("w1", true, {session("old"), tombstone()})}, true, only({"old"}));
  CHECK(plan.agents[0].decision == ResumeDecision::fresh_start);
  CHECK(plan.agents[0].session_id.empty());
}

TEST_CASE("an unreadable first-interaction record refuses before anything is judged") {
  auto bad = agent("w2", true);
  bad.first_interaction_at = "yesterday-ish";
  int verified = 0;
  auto plan = plan_resume({agent("w1", true, {session("s1")}), bad}, true,
                          [&](const SessionRecord&) { return ++verified > 0; });
  CHECK(plan.refused());
  CHECK(plan.invalid_first_interaction == std::vector<std::string>{"w2"});
  CHECK(plan.agents.empty());
  CHECK(verified == 0);
  // A paused agent is neither judged nor started.
  bad.paused = true;
  plan = plan_resume({agent("w1", true, {session("s1")}), bad}, false, only({"s1"}));
  CHECK_FALSE(plan.refused());
  CHECK(plan.agents.size() == 1);
}
