#include "ops/status_sessions.h"

#include <doctest/doctest.h>

#include <set>

using namespace ta;
using ta::ops::session_status;

namespace {

const std::string kOld = "0aaaaaaa-1111-4111-8111-111111111111";
const std::string kNew = "1bbbbbbb-2222-4222-8222-222222222222";

store::SessionRecordRow captured(std::uint64_t seq, const std::string& id) {
  store::SessionRecordRow r;
  r.seq = seq;
  r.agent_id = "w1";
  r.kind = "captured";
  r.provider = "claude";
  r.format = "claude";
  r.session_id = id;
  r.path = "/sessions/" + id + ".jsonl";
  return r;
}

store::SessionRecordRow discarded(std::uint64_t seq) {
  store::SessionRecordRow r;
  r.seq = seq;
  r.agent_id = "w1";
  r.kind = "discarded";
  return r;
}

// w1 whose current session is `id` in `state`, with `records` in log order.
store::SessionHistory history(const std::string& id, const std::string& state,
                              std::vector<store::SessionRecordRow> records) {
  store::SessionHistory h;
  store::AgentSessionRow now;
  now.agent_id = "w1";
  now.session_id = id;
  now.state = state;
  if (state == "captured") now.path = "/sessions/" + id + ".jsonl";
  h.current["w1"] = now;
  h.records["w1"] = std::move(records);
  return h;
}

// A verifier accepting the sessions whose ids are in `good`.
sessions::SessionVerifier files_of(std::set<std::string> good) {
  return [good](const sessions::SessionRecord& r) { return good.count(r.session_id) > 0; };
}

}  // namespace

TEST_CASE("an agent the log knows no session of shows none, and a restart would start it fresh") {
  auto s = session_status("w1", store::SessionHistory{}, files_of({}));
  CHECK(s.session_id.empty());
  CHECK(s.state.empty());
  CHECK_FALSE(s.verified);
  CHECK(s.resume == "fresh");
  CHECK(s.resume_reason == "never_interacted");
}

TEST_CASE("a worker the leader reached but whose session was never recorded would be refused") {
  store::SessionHistory h;
  h.first_send_at["w1"] = "2026-01-01T00:00:06.000000Z";
  auto s = session_status("w1", h, files_of({}));
  CHECK(s.resume == "refuse");
  CHECK(s.resume_reason == "no_session");
}

TEST_CASE("a captured session whose file verifies is verified and resumable") {
  auto h = history(kNew, "captured", {captured(3, kNew)});
  auto s = session_status("w1", h, files_of({kNew}));
  CHECK(s.session_id == kNew);
  CHECK(s.short_id == "1bbbbbbb");
  CHECK(s.state == "captured");
  CHECK(s.path == "/sessions/" + kNew + ".jsonl");
  CHECK(s.verified);
  CHECK(s.resume == "resume");
  CHECK(s.resume_reason == "session_verified");
  CHECK(s.resume_session_id == kNew);
}

TEST_CASE("a session whose file no longer verifies: refused once the leader reached the worker") {
  auto h = history(kNew, "captured", {captured(3, kNew)});
  auto never = session_status("w1", h, files_of({}));
  CHECK_FALSE(never.verified);
  CHECK(never.resume == "fresh");
  CHECK(never.resume_reason == "never_interacted");

  h.first_send_at["w1"] = "2026-01-01T00:00:06.000000Z";
  auto worked = session_status("w1", h, files_of({}));
  CHECK_FALSE(worked.verified);
  CHECK(worked.resume == "refuse");
  CHECK(worked.resume_reason == "session_unverified");
  CHECK(worked.resume_session_id == kNew);
}

TEST_CASE("the leader counts as having worked once a session of it was captured") {
  auto h = history(kNew, "captured", {captured(3, kNew)});
  h.current["leader"] = h.current["w1"];
  h.records["leader"] = h.records["w1"];
  CHECK(session_status("leader", h, files_of({})).resume == "refuse");
}

TEST_CASE("when only an earlier session verifies, the current one is not verified but resumable") {
  auto h = history(kNew, "captured", {captured(2, kOld), captured(3, kNew)});
  h.first_send_at["w1"] = "2026-01-01T00:00:06.000000Z";
  auto s = session_status("w1", h, files_of({kOld}));
  CHECK_FALSE(s.verified);
  CHECK(s.resume == "resume");
  CHECK(s.resume_reason == "earlier_session_verified");
  CHECK(s.resume_session_id == kOld);
}

TEST_CASE("a session launched again under its id is checked against the file it was captured in") {
  // A resumed launch clears the path until the session is captured again.
  auto h = history(kOld, "launched", {captured(2, kOld)});
  auto s = session_status("w1", h, files_of({kOld}));
  CHECK(s.state == "launched");
  CHECK(s.verified);
  CHECK(s.path == "/sessions/" + kOld + ".jsonl");
}

TEST_CASE("a fresh launch not captured yet has nothing to verify") {
  auto h = history(kNew, "launched", {captured(2, kOld)});
  auto s = session_status("w1", h, files_of({kOld, kNew}));
  CHECK_FALSE(s.verified);
  CHECK(s.path.empty());
  CHECK(s.resume == "resume");  // the earlier session still holds the context
  CHECK(s.resume_session_id == kOld);
}

TEST_CASE("a discarded session is neither shown nor resumed past") {
  auto h = history("", "discarded", {captured(2, kOld), discarded(3)});
  h.first_send_at["w1"] = "2026-01-01T00:00:06.000000Z";
  auto s = session_status("w1", h, files_of({kOld}));
  CHECK(s.session_id.empty());
  CHECK(s.state == "discarded");
  CHECK_FALSE(s.verified);
  CHECK(s.resume == "refuse");
  CHECK(s.resume_reason == "no_session");
}

TEST_CASE("an unreadable first-interaction record refuses, whatever the session") {
  auto h = history(kNew, "captured", {captured(3, kNew)});
  h.first_send_at["w1"] = "yesterday";
  auto s = session_status("w1", h, files_of({kNew}));
  CHECK(s.verified);
  CHECK(s.resume == "refuse");
  CHECK(s.resume_reason == "first_interaction_invalid");
}

TEST_CASE("each session file is checked once however often it is asked about") {
  int calls = 0;
  auto once = ops::once_per_file([&](const sessions::SessionRecord& r) {
    ++calls;
    return r.session_id == kNew;
  });
  sessions::SessionRecord a{kNew, "/a", "claude", "claude", false};
  sessions::SessionRecord b{kOld, "/b", "claude", "claude", false};
  CHECK(once(a));
  CHECK(once(a));
  CHECK_FALSE(once(b));
  CHECK_FALSE(once(b));
  CHECK(calls == 2);
}

TEST_CASE("a state database without the session tables shows no sessions") {
  auto db = store::Database::open(":memory:");
  REQUIRE(db.ok());
  store::StatusData data;
  data.agents.resize(1);
  data.agents[0].agent_id = "w1";
  REQUIRE(ops::add_session_status(**db, data, "/tmp").ok());
  REQUIRE(data.agents[0].session);
  CHECK(data.agents[0].session->session_id.empty());
  CHECK(data.agents[0].session->resume == "fresh");
}
