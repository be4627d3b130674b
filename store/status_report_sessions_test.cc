#include "store/status_report_sessions.h"

#include <doctest/doctest.h>

#include "store/status_report.h"

using namespace ta::store;

namespace {

AgentSessionStatus session(const std::string& id, bool verified, const std::string& resume,
                           const std::string& reason, const std::string& resumed = "") {
  AgentSessionStatus s;
  s.session_id = id;
  s.short_id = id.substr(0, 8);
  s.state = id.empty() ? "" : "captured";
  s.verified = verified;
  s.resume = resume;
  s.resume_reason = reason;
  s.resume_session_id = resumed.empty() ? id : resumed;
  return s;
}

const std::string kId = "1a2b3c4d-2222-4222-8222-222222222222";

}  // namespace

TEST_CASE("a session reads as its short id, whether it verifies and what a restart would do") {
  CHECK(session_text(session(kId, true, "resume", "session_verified")) ==
        "1a2b3c4d verified, resumable");
  CHECK(session_text(session("", false, "fresh", "never_interacted")) == "- (none yet)");
  CHECK(session_text(session(kId, false, "refuse", "session_unverified")) ==
        "1a2b3c4d NOT verified: restart would refuse (--allow-fresh loses its context)");
  CHECK(session_text(session(kId, false, "fresh", "never_interacted")) ==
        "1a2b3c4d NOT verified: restart would start it fresh");
  CHECK(session_text(session(kId, false, "resume", "earlier_session_verified", "0aaaaaaa")) ==
        "1a2b3c4d NOT verified: restart would resume an earlier session");
  CHECK(session_text(session("", false, "refuse", "no_session")) ==
        "- (none yet): restart would refuse (--allow-fresh loses its context)");
}

TEST_CASE("a session not captured says in what state it is") {
  auto launched = session(kId, false, "fresh", "never_interacted");
  launched.state = "launched";
  CHECK(session_text(launched) == "1a2b3c4d NOT verified (launched): restart would start it fresh");
  auto discarded = session("", false, "refuse", "no_session");
  discarded.state = "discarded";
  CHECK(session_text(discarded).rfind("- (discarded): restart would refuse", 0) == 0);
}

TEST_CASE("the session lines stay within 120 columns") {
  for (const char* reason : {"session_unverified", "first_interaction_invalid"}) {
    auto s = session(kId, false, "refuse", reason);
    s.state = "launched";
    AgentRow row;
    row.agent_id = "integration-tester";
    row.session = s;
    auto text = sessions_text({row});
    for (size_t start = 0, end; start < text.size(); start = end + 1) {
      end = text.find('\n', start);
      CHECK(end - start <= 120);
    }
  }
}

TEST_CASE("status shows sessions only where they were checked") {
  StatusData d;
  d.agents.resize(2);
  d.agents[0].agent_id = "backend";
  d.agents[1].agent_id = "leader";
  StatusPresentation p;
  auto past = format_status_text(d, p);
  CHECK(past.find("sessions:") == std::string::npos);
  CHECK(status_json(d, p)["agents"][0]["session"].is_null());

  d.agents[0].session = session(kId, true, "resume", "session_verified");
  d.agents[1].session = session("", false, "fresh", "never_interacted");
  auto now = format_status_text(d, p);
  CHECK(now.find("sessions:\n  backend  1a2b3c4d verified, resumable\n"
                 "  leader   - (none yet)\n") != std::string::npos);
  auto j = status_json(d, p)["agents"];
  CHECK(j[0]["session"]["id"] == kId);
  CHECK(j[0]["session"]["short_id"] == "1a2b3c4d");
  CHECK(j[0]["session"]["state"] == "captured");
  CHECK(j[0]["session"]["verified"] == true);
  CHECK(j[0]["session"]["resume"]["decision"] == "resume");
  CHECK(j[0]["session"]["resume"]["reason"] == "session_verified");
  CHECK(j[1]["session"]["id"].is_null());
  CHECK(j[1]["session"]["verified"] == false);
  CHECK(j[1]["session"]["resume"]["decision"] == "fresh");
}
