// `team-agent send` driven as a user or an agent would: what it records in the
// log, what it refuses, and how it waits for the supervisor's verdict.
#include <doctest/doctest.h>

#include <regex>

#include "events/log.h"
#include "events/reader.h"
#include "events/types.h"
#include "tests/e2e/support.h"
#include "util/fs.h"
#include "tests/support/text_helpers.h"

using namespace ta;
using namespace ta::test;
using namespace std::chrono_literals;

namespace {

std::vector<events::Event> logged(const DemoWorkspace& ws, std::string_view type) {
  std::vector<events::Event> out;
  events::LogReader reader(ws.events_dir());
  events::Event e;
  while (reader.next(e) == events::LogReader::Next::event)
    if (e.type == type) out.push_back(e);
  return out;
}

std::vector<events::Event> accepted_events(const DemoWorkspace& ws) {
  return logged(ws, events::MessageAccepted::kType);
}

struct AcceptedLine {
  std::string message_id, to;
  std::uint64_t seq = 0;
};

// "accepted msg_0123456789ab → backend (seq 42)" lines, in order.
std::vector<AcceptedLine> accepted_lines(const std::string& out) {
  static const std::regex re(R"(accepted (msg_[0-9a-f]{12}) \xE2\x86\x92 ([a-z0-9_-]+) \(seq (\d+))");
  std::vector<AcceptedLine> lines;
  for (std::sregex_iterator it(out.begin(), out.end(), re), end; it != end; ++it)
    lines.push_back({(*it)[1], (*it)[2], std::stoull((*it)[3])});
  return lines;
}

using ta::test::contains;

// Appends what the supervisor would record after a delivery attempt.
void append_outcome(const DemoWorkspace& ws, const events::Draft& draft) {
  auto log = events::EventLog::open(ws.events_dir(), events::LogOptions{"demo"});
  REQUIRE(log.ok());
  REQUIRE((*log)->append(draft).ok());
}

}  // namespace

TEST_CASE("send without a supervisor records one message.accepted and exits 3") {
  DemoWorkspace ws;
  const std::string text = "fix the \x1b[31mred\x1b[0m test \xE2\x9C\x93";  // stored verbatim
  auto r = team_agent(ws.path(), {"send", "backend", "--task", "T-7", text}, "",
                      {{"TEAM_AGENT_ID", "\x01unset"}});
  CHECK(r.exit_code == 3);
  auto lines = accepted_lines(r.out);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].to == "backend");
  CHECK(contains(r.err, "no supervisor is running"));
  CHECK(contains(r.err, "team-agent run"));

  auto events = accepted_events(ws);
  REQUIRE(events.size() == 1);
  const auto& e = events[0];
  CHECK(e.seq == lines[0].seq);
  CHECK(e.key == lines[0].message_id);
  CHECK(e.team == "demo");
  auto m = events::decode<events::MessageAccepted>(e);
  REQUIRE(m.ok());
  CHECK(m->message_id == lines[0].message_id);
  CHECK(m->from == "human");
  CHECK(m->to == "backend");
  CHECK(m->task_id == "T-7");
  CHECK(m->content == text);
  CHECK_FALSE(m->now);
  CHECK(m->batch_id.empty());
}

TEST_CASE("an unknown target is refused with the list of agents, and nothing is logged") {
  DemoWorkspace ws;
  auto r = team_agent(ws.path(), {"send", "bakend", "hello"});
  CHECK(r.exit_code == 2);
  CHECK(split_lines(r.err).size() == 1);
  CHECK(contains(r.err, "\"bakend\""));
  CHECK(contains(r.err, "leader, backend, frontend, tester"));
  CHECK(r.out.empty());
  CHECK(accepted_events(ws).empty());
}

TEST_CASE("a message over 1 MiB is refused with its size; exactly 1 MiB is accepted") {
  DemoWorkspace ws;
  auto over = team_agent(ws.path(), {"send", "backend", "--stdin"}, std::string(1048577, 'x'));
  CHECK(over.exit_code == 2);
  CHECK(contains(over.err, "1048577 bytes"));
  CHECK(accepted_events(ws).empty());

  auto at_limit = team_agent(ws.path(), {"send", "backend", "--stdin"}, std::string(1048576, 'y'));
  CHECK(at_limit.exit_code == 3);
  auto events = accepted_events(ws);
  REQUIRE(events.size() == 1);
  CHECK(events[0].data["content"].get<std::string>().size() == 1048576);
}

TEST_CASE("empty and non-UTF-8 messages are refused and nothing is logged") {
  DemoWorkspace ws;
  auto empty = team_agent(ws.path(), {"send", "backend", "  "});
  CHECK(empty.exit_code == 2);
  CHECK(contains(empty.err, "empty"));
  auto none = team_agent(ws.path(), {"send", "backend"});
  CHECK(none.exit_code == 2);
  auto bad = team_agent(ws.path(), {"send", "backend", "-"}, "ok then \xC3\x28 broken");
  CHECK(bad.exit_code == 2);
  CHECK(contains(bad.err, "UTF-8"));
  CHECK(contains(bad.err, "offset 8"));
  CHECK(accepted_events(ws).empty());
}

TEST_CASE("an invalid team.json is refused with every problem at its JSON path") {
  DemoWorkspace ws;
  write_text(ws.path() + "/.team/team.json", R"({"team": "demo", "leader": {"provider": "fake"},
    "agents": [{"id": "backend", "provider": "claud"}, {"id": "backend", "provider": "fake"}],
    "colour": "blue"})");
  auto r = team_agent(ws.path(), {"send", "backend", "hello"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, ".team/team.json is not a valid team spec (3 problems)"));
  CHECK(contains(r.err, "/agents/0/provider: unknown provider \"claud\" (known: claude, codex, fake)"));
  CHECK(contains(r.err, "/agents/1/id: duplicate id \"backend\""));
  CHECK(contains(r.err, "/colour: unknown key"));
  CHECK_FALSE(file_exists(ws.events_dir() + "/00000001.jsonl"));
}

TEST_CASE("a comma list fans out in one batch with a shared batch_id") {
  DemoWorkspace ws;
  auto r = team_agent(ws.path(), {"send", "backend,tester", "--now", "run the suite"});
  CHECK(r.exit_code == 3);
  auto lines = accepted_lines(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].to == "backend");
  CHECK(lines[1].to == "tester");
  CHECK(lines[1].seq == lines[0].seq + 1);
  CHECK(lines[0].message_id != lines[1].message_id);

  auto events = accepted_events(ws);
  REQUIRE(events.size() == 2);
  CHECK(events[0].ts == events[1].ts);  // one append batch is stamped once
  const auto batch = events[0].data["batch_id"].get<std::string>();
  CHECK(batch.rfind("batch_", 0) == 0);
  CHECK(events[1].data["batch_id"] == batch);
  CHECK(events[0].data["now"] == true);
}

TEST_CASE("* sends to everyone but the sender, who comes from TEAM_AGENT_ID") {
  DemoWorkspace ws;
  auto r = team_agent(ws.path(), {"send", "*", "standup in 5"}, "", {{"TEAM_AGENT_ID", "frontend"}});
  CHECK(r.exit_code == 3);
  auto events = accepted_events(ws);
  std::vector<std::string> to;
  for (const auto& e : events) {
    to.push_back(e.data["to"]);
    CHECK(e.data["from"] == "frontend");
    CHECK(e.data["batch_id"] == events[0].data["batch_id"]);
  }
  CHECK(to == std::vector<std::string>{"leader", "backend", "tester"});

  auto self = team_agent(ws.path(), {"send", "frontend", "--from", "frontend", "hi me"});
  CHECK(self.exit_code == 2);
  CHECK(contains(self.err, "itself"));
  auto stranger = team_agent(ws.path(), {"send", "backend", "--from", "mallory", "hi"});
  CHECK(stranger.exit_code == 2);
  CHECK(contains(stranger.err, "unknown sender \"mallory\""));
  CHECK(accepted_events(ws).size() == 3);
}

TEST_CASE("re-sending with the same --message-id records it once and reports the original seq") {
  DemoWorkspace ws;
  const std::vector<std::string> args{"send", "backend", "--message-id", "msg_00000000beef", "once"};
  auto first = team_agent(ws.path(), args);
  auto second = team_agent(ws.path(), args);
  CHECK(first.exit_code == 3);
  CHECK(second.exit_code == 3);
  auto a = accepted_lines(first.out), b = accepted_lines(second.out);
  REQUIRE(a.size() == 1);
  REQUIRE(b.size() == 1);
  CHECK(a[0].message_id == "msg_00000000beef");
  CHECK(b[0].seq == a[0].seq);
  CHECK(contains(second.out, "already accepted"));
  CHECK(accepted_events(ws).size() == 1);

  auto bad = team_agent(ws.path(), {"send", "backend", "--message-id", "msg_BEEF", "x"});
  CHECK(bad.exit_code == 2);
  CHECK(contains(bad.err, "msg_ and 12 lowercase hex"));
}

TEST_CASE("a fan-out retried with --message-id is recorded once per recipient") {
  DemoWorkspace ws;
  const std::vector<std::string> args{"send",         "backend,frontend", "--message-id",
                                      "msg_0123456789ab", "--json",         "twice"};
  auto first = team_agent(ws.path(), args);
  auto second = team_agent(ws.path(), args);
  CHECK(first.exit_code == 3);
  CHECK(first.out == [&] {
    std::string expected;
    for (const auto& e : accepted_events(ws))
      expected += events::Json{{"duplicate", false}, {"message_id", e.key}, {"seq", e.seq},
                               {"state", "accepted"}, {"to", e.data["to"]}}.dump() + "\n";
    return expected;
  }());
  CHECK(accepted_events(ws).size() == 2);
  CHECK(accepted_events(ws)[0].data["batch_id"] == "batch_0123456789ab");
  CHECK(contains(second.out, "\"duplicate\":true"));
  CHECK_FALSE(contains(second.out, "\"duplicate\":false"));
}

TEST_CASE("the message can come from stdin, with --stdin or -") {
  DemoWorkspace ws;
  CHECK(team_agent(ws.path(), {"send", "leader", "--stdin"}, "line one\nline two\n").exit_code == 3);
  CHECK(team_agent(ws.path(), {"send", "tester", "-"}, "dash form\n\n").exit_code == 3);
  auto events = accepted_events(ws);
  REQUIRE(events.size() == 2);
  CHECK(events[0].data["content"] == "line one\nline two");
  CHECK(events[0].data["to"] == "leader");
  CHECK(events[1].data["content"] == "dash form");
  // No input: send refuses before reading stdin, and the test runner does not ignore SIGPIPE.
  auto both = team_agent(ws.path(), {"send", "tester", "--stdin", "words"});
  CHECK(both.exit_code == 2);
}

TEST_CASE("with a supervisor running, send waits for send.submitted and exits 0") {
  DemoWorkspace ws;
  auto supervisor = FileLock::acquire(ws.path() + "/.team/supervisor.lock");
  REQUIRE(supervisor.ok());

  auto no_wait = team_agent(ws.path(), {"send", "backend", "--no-wait", "fire and forget"});
  CHECK(no_wait.exit_code == 0);
  CHECK(accepted_lines(no_wait.out).size() == 1);
  CHECK_FALSE(contains(no_wait.err, "no supervisor"));

  Background send({team_agent_bin(), "--workspace", ws.path(), "send", "backend", "deliver me"});
  auto line = send.wait_for("accepted msg_", 10s);
  REQUIRE(line);
  auto ids = accepted_lines(*line);
  REQUIRE(ids.size() == 1);
  append_outcome(ws, events::to_draft(events::SendSubmitted{ids[0].message_id, "backend", 1, "token", 1}));
  CHECK(send.wait_for("delivered " + ids[0].message_id, 10s));
  CHECK(send.wait(10s) == 0);
}

TEST_CASE("with a supervisor running, send.failed exits 1 with the reason") {
  DemoWorkspace ws;
  auto supervisor = FileLock::acquire(ws.path() + "/.team/supervisor.lock");
  REQUIRE(supervisor.ok());
  Background send({team_agent_bin(), "--workspace", ws.path(), "send", "tester", "doomed"});
  auto line = send.wait_for("accepted msg_", 10s);
  REQUIRE(line);
  auto id = accepted_lines(*line).at(0).message_id;
  events::SendFailed failed;
  failed.message_id = id;
  failed.to = "tester";
  failed.reason = "trust prompt on screen";
  failed.stage = "gate";
  append_outcome(ws, events::to_draft(failed));
  auto err = send.wait_for("failed: trust prompt on screen (at gate)", 10s);
  CHECK(err);
  CHECK(send.wait(10s) == 1);
}

TEST_CASE("with a supervisor running, no outcome before --timeout exits 4: still queued, not failed") {
  DemoWorkspace ws;
  auto supervisor = FileLock::acquire(ws.path() + "/.team/supervisor.lock");
  REQUIRE(supervisor.ok());
  auto r = team_agent(ws.path(), {"send", "backend", "--timeout", "0.2", "--json", "anyone?"});
  CHECK(r.exit_code == 4);
  CHECK(contains(r.out, "\"state\":\"timeout\""));
  CHECK(contains(r.err, "still queued: msg_"));
  CHECK_FALSE(contains(r.err, "failed"));
}

TEST_CASE("send to a busy recipient says once that it waits, and where the message is") {
  DemoWorkspace ws;
  auto supervisor = FileLock::acquire(ws.path() + "/.team/supervisor.lock");
  REQUIRE(supervisor.ok());
  Background send({team_agent_bin(), "--workspace", ws.path(), "send", "backend", "when free"});
  auto line = send.wait_for("accepted msg_", 10s);
  REQUIRE(line);
  auto ids = accepted_lines(*line);
  REQUIRE(ids.size() == 1);
  const std::string id = ids[0].message_id;
  append_outcome(ws, events::to_draft(events::SendDeferredBusy{id, "backend", "working"}));
  append_outcome(ws, events::to_draft(events::SendDeferredBusy{id, "backend", "working"}));
  CHECK(send.wait_for("waiting: backend is working, queued as " + id +
                        " (Ctrl-C leaves it queued)",
                      10s));
  append_outcome(ws, events::to_draft(events::SendSubmitted{id, "backend", 1, "token", 1}));
  CHECK(send.wait(10s) == 0);
  const std::string all = send.transcript();
  CHECK(all.find("waiting: ") == all.rfind("waiting: "));  // told once
}

TEST_CASE("a retry of an already delivered message reports its outcome at once") {
  DemoWorkspace ws;
  auto supervisor = FileLock::acquire(ws.path() + "/.team/supervisor.lock");
  REQUIRE(supervisor.ok());
  const std::string id = "msg_feedfacecafe";
  REQUIRE(team_agent(ws.path(), {"send", "backend", "--message-id", id, "--no-wait", "hi"}).exit_code == 0);
  append_outcome(ws, events::to_draft(events::SendSubmitted{id, "backend", 1, "fragment", 1}));
  auto r = team_agent(ws.path(), {"send", "backend", "--message-id", id, "--json", "hi"});
  CHECK(r.exit_code == 0);
  auto j = events::Json::parse(r.out);
  CHECK(j["message_id"] == id);
  CHECK(j["to"] == "backend");
  CHECK(j["state"] == "submitted");
  CHECK(j["duplicate"] == true);
  CHECK(j["seq"] == 1);
}
