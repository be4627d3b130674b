// `team-agent report` run as a worker would from its pane: what it records,
// which messages it acknowledges, and what it refuses.
#include <doctest/doctest.h>

#include <algorithm>
#include <regex>

#include <nlohmann/json.hpp>

#include "events/log.h"
#include "events/reader.h"
#include "events/types.h"
#include "tests/e2e/support.h"
#include "tests/support/text_helpers.h"

using namespace ta;
using namespace ta::test;

namespace {

const Env kAsBackend{{"TEAM_AGENT_ID", "backend"}};

// The demo team (leader, backend, frontend, tester) with these messages:
//   backend T1: a1 (waiting), a2 (submitted), a3 (already failed);
//   backend T2: b1; frontend T1: c1; backend, no task: d1.
struct Workspace {
  TempDir dir;
  Workspace() {
    REQUIRE(team_agent(path(), {"init", "--demo"}).exit_code == 0);
    auto msg = [](const std::string& id, const std::string& to, const std::string& task) {
      return events::to_draft(events::MessageAccepted{id, "leader", to, task, "do " + task}, id);
    };
    events::SendFailed failed;
    failed.message_id = "msg_0000000000a3";
    failed.to = "backend";
    failed.reason = "the pane is in copy mode";
    append({msg("msg_0000000000a1", "backend", "T1"), msg("msg_0000000000a2", "backend", "T1"),
            msg("msg_0000000000a3", "backend", "T1"), msg("msg_0000000000b1", "backend", "T2"),
            msg("msg_0000000000c1", "frontend", "T1"), msg("msg_0000000000d1", "backend", ""),
            events::to_draft(
                events::SendSubmitted{"msg_0000000000a2", "backend", 1, "token", 1}),
            events::to_draft(failed)});
  }
  const std::string& path() const { return dir.path(); }
  void append(const std::vector<events::Draft>& drafts) const {
    auto log = events::EventLog::open(path() + "/.team/events", events::LogOptions{"demo"});
    REQUIRE(log.ok());
    REQUIRE((*log)->append(drafts).ok());
  }
  std::vector<events::Event> logged(std::string_view type = "") const {
    std::vector<events::Event> out;
    events::LogReader reader(path() + "/.team/events");
    events::Event e;
    while (reader.next(e) == events::LogReader::Next::event)
      if (type.empty() || e.type == type) out.push_back(e);
    return out;
  }
  std::vector<std::string> acknowledged() const {
    std::vector<std::string> ids;
    for (auto& e : logged(events::MessageAcknowledged::kType))
      ids.push_back(e.data["message_id"].get<std::string>());
    return ids;
  }
  RunResult report(const std::vector<std::string>& args, const Env& env = kAsBackend,
                   const std::string& input = "") const {
    std::vector<std::string> all{"report"};
    all.insert(all.end(), args.begin(), args.end());
    return team_agent(path(), all, input, env);
  }
};

using ta::test::contains;

// The result id of "reported res_… for T (status); acknowledged N messages".
std::string reported_id(const std::string& out, const std::string& task, const std::string& status,
                        int acknowledged) {
  std::regex re("^reported (res_[0-9a-f]{12}) for " + task + " \\(" + status +
                "\\); acknowledged " + std::to_string(acknowledged) + " messages?\n$");
  std::smatch m;
  return std::regex_match(out, m, re) ? m[1].str() : "";
}

}  // namespace

TEST_CASE("report acknowledges the agent's open messages of the task in one batch") {
  Workspace ws;
  auto r = ws.report({"--task", "T1", "--status", "success", "--summary", "all tests pass"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  std::string id = reported_id(r.out, "T1", "success", 2);
  REQUIRE_MESSAGE(!id.empty(), r.out);

  auto results = ws.logged(events::ResultReported::kType);
  REQUIRE(results.size() == 1);
  CHECK(results[0].key.empty());
  CHECK(results[0].data["result_id"] == id);
  CHECK(results[0].data["task_id"] == "T1");
  CHECK(results[0].data["agent_id"] == "backend");
  CHECK(results[0].data["status"] == "success");
  CHECK(results[0].data["summary"] == "all tests pass");

  // The failed one, the other task's, the other agent's and the task-less one stay as they were.
  auto acks = ws.logged(events::MessageAcknowledged::kType);
  REQUIRE(acks.size() == 2);
  CHECK(acks[0].data["message_id"] == "msg_0000000000a1");
  CHECK(acks[1].data["message_id"] == "msg_0000000000a2");
  for (size_t i = 0; i < acks.size(); ++i) {
    CHECK(acks[i].data["result_id"] == id);
    CHECK(acks[i].key == "ack:" + acks[i].data["message_id"].get<std::string>());
    CHECK(acks[i].seq == results[0].seq + 1 + i);  // the same append batch
  }

  auto status = team_agent(ws.path(), {"status"});
  CHECK(contains(status.out, "results: 1 (last: " + id + " T1 success by backend)"));
  auto json = nlohmann::json::parse(team_agent(ws.path(), {"status", "--json"}).out);
  CHECK(json["results"]["total"] == 1);
  CHECK(json["results"]["last"]["result_id"] == id);
  CHECK(json["messages"]["counts"]["acknowledged"] == 2);

  auto shown = team_agent(ws.path(), {"events", "--type", "result.reported"});
  CHECK(shown.exit_code == 0);
  CHECK(contains(shown.out, "result.reported agent_id=backend task_id=T1 result_id=" + id +
                                " status=success summary=\"all tests pass\""));
}

TEST_CASE("report --file reads an envelope; flags override its fields") {
  Workspace ws;
  write_text(ws.path() + "/result.json", R"({"task": "T2", "status": "success",
    "summary": "half done", "details": "the API is in, the UI is not",
    "files": ["src/api.cc", "docs/api.md"]})");
  auto r = ws.report({"--file", ws.path() + "/result.json", "--status", "partial", "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto out = nlohmann::json::parse(r.out);
  CHECK(out["acknowledged"] == nlohmann::json::array({"msg_0000000000b1"}));
  auto results = ws.logged(events::ResultReported::kType);
  REQUIRE(results.size() == 1);
  CHECK(out["result_id"] == results[0].data["result_id"]);
  CHECK(out["seq"] == results[0].seq);
  CHECK(results[0].data["task_id"] == "T2");
  CHECK(results[0].data["status"] == "partial");
  CHECK(results[0].data["summary"] == "half done");
  CHECK(results[0].data["details"] == "the API is in, the UI is not");
  CHECK(results[0].data["files"] == nlohmann::json::array({"src/api.cc", "docs/api.md"}));

  // From stdin, as another agent, naming a message without a task by its id.
  auto d = ws.report({"--file", "-", "--from", "backend", "--task", "msg_0000000000d1"},
                     {{"TEAM_AGENT_ID", "\x01unset"}},
                     R"({"status": "blocked", "summary": "need credentials"})");
  INFO(d.err);
  CHECK(d.exit_code == 0);
  CHECK(!reported_id(d.out, "msg_0000000000d1", "blocked", 1).empty());
  CHECK(ws.acknowledged() ==
        std::vector<std::string>{"msg_0000000000b1", "msg_0000000000d1"});
}

TEST_CASE("a repeated --result-id is recorded again but acknowledges nothing twice") {
  Workspace ws;
  std::vector<std::string> args{"--task",    "T1",       "--status",   "failed",
                                "--summary", "it broke", "--result-id", "res_0123456789ab"};
  auto first = ws.report(args);
  REQUIRE(first.exit_code == 0);
  CHECK(reported_id(first.out, "T1", "failed", 2) == "res_0123456789ab");
  // A message of the task that arrives later is acknowledged by the retry.
  ws.append({events::to_draft(
      events::MessageAccepted{"msg_0000000000a4", "leader", "backend", "T1", "more"},
      "msg_0000000000a4")});
  auto again = ws.report(args);
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(reported_id(again.out, "T1", "failed", 1) == "res_0123456789ab");
  auto third = ws.report(args);
  CHECK(reported_id(third.out, "T1", "failed", 0) == "res_0123456789ab");

  CHECK(ws.logged(events::ResultReported::kType).size() == 3);
  CHECK(ws.acknowledged() == std::vector<std::string>{"msg_0000000000a1", "msg_0000000000a2",
                                                      "msg_0000000000a4"});
  auto json = nlohmann::json::parse(team_agent(ws.path(), {"status", "--json"}).out);
  CHECK(json["results"]["total"] == 1);
}

TEST_CASE("report refuses bad input with one sentence, exit 2 and nothing appended") {
  Workspace ws;
  write_text(ws.path() + "/typo.json",
             R"({"task": "T1", "status": "success", "summary": "ok", "colour": "blue"})");
  write_text(ws.path() + "/broken.json", "{\"task\": \"T1\",\n  \"status\": }");
  write_text(ws.path() + "/files.json", R"({"summary": "ok", "files": ["a", 3]})");
  const std::string big(65537, 'x');
  struct Case {
    std::vector<std::string> args;
    Env env;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {{"--task", "T1", "--status", "done", "--summary", "ok"}, kAsBackend,
       "unknown status \"done\"; use one of: success, blocked, failed, partial"},
      {{"--task", "T1", "--status", "success"}, kAsBackend, "no summary given"},
      {{"--task", "T1", "--status", "success", "--summary", " \n"}, kAsBackend, "no summary given"},
      {{"--task", "T1", "--status", "success", "--summary", big}, kAsBackend,
       "over the 64 KiB (65536-byte) limit"},
      {{"--status", "success", "--summary", "ok"}, kAsBackend, "no task given"},
      {{"--task", "T 1", "--status", "success", "--summary", "ok"}, kAsBackend,
       "is not a task id"},
      {{"--task", "T1", "--summary", "ok"}, kAsBackend, "no status given"},
      {{"--file", ws.path() + "/typo.json"}, kAsBackend,
       "the result envelope " + ws.path() + "/typo.json is not valid: /colour: unknown key"},
      {{"--file", ws.path() + "/broken.json"}, kAsBackend, "line 2, column 13: invalid JSON"},
      {{"--file", ws.path() + "/files.json", "--task", "T1", "--status", "success"}, kAsBackend,
       "/files/1: must be a non-empty path (a string), not a number"},
      {{"--file", ws.path() + "/missing.json"}, kAsBackend, "cannot read "},
      {{"--task", "T1", "--status", "success", "--summary", "ok"}, {{"TEAM_AGENT_ID", "ghost"}},
       "unknown agent \"ghost\" (from --from or $TEAM_AGENT_ID); the team's agents are: leader, "
       "backend, frontend, tester"},
      {{"--task", "T1", "--status", "success", "--summary", "ok"},
       {{"TEAM_AGENT_ID", "\x01unset"}},
       "run `team-agent report` from an agent's pane (the supervisor sets it there) or pass "
       "--from AGENT"},
      {{"--task", "T1", "--status", "success", "--summary", "ok", "--result-id", "res_XYZ"},
       kAsBackend, "is not a result id"},
  };
  const size_t before = ws.logged().size();
  for (const auto& c : cases) {
    auto r = ws.report(c.args, c.env);
    INFO("args: " << c.args[0] << " " << (c.args.size() > 1 ? c.args[1] : "") << "; err: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, c.expected));
    CHECK(r.err.rfind("team-agent: ", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
  CHECK(ws.logged().size() == before);
}

TEST_CASE("report --help names every flag") {
  TempDir dir;
  auto r = team_agent(dir.path(), {"report", "--help"});
  CHECK(r.exit_code == 0);
  for (const char* flag : {"--task", "--status", "--summary", "--file", "--from", "--result-id",
                           "--json"})
    CHECK(contains(r.out, flag));
}
