// The fake agent reading a pipe instead of a terminal (it then runs until
// its input ends and its work is done): key parsing, replies and exits,
// without tmux timing in the way.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "tests/e2e/fake_agent_support.h"

using namespace ta::test;

namespace {

struct PipedRun {
  RunResult result;
  std::vector<nlohmann::json> entries;

  std::vector<nlohmann::json> of_kind(const std::string& kind) const {
    std::vector<nlohmann::json> out;
    for (const auto& e : entries)
      if (e["kind"] == kind) out.push_back(e);
    return out;
  }
};

PipedRun run_piped(const std::string& input, std::vector<std::string> args, const Env& env = {}) {
  TempDir dir;
  std::string transcript = dir.path() + "/agent.jsonl";
  std::vector<std::string> argv{team_agent_bin(), "fake-agent", "--transcript", transcript};
  if (std::find(args.begin(), args.end(), "--work-ms") == args.end())
    argv.insert(argv.end(), {"--work-ms", "20"});
  argv.insert(argv.end(), args.begin(), args.end());
  PipedRun r;
  r.result = run(argv, input, env, dir.path());
  for (const auto& line : split_lines(read_text(transcript)))
    r.entries.push_back(nlohmann::json::parse(line));
  return r;
}

const std::string kPasteStart = "\x1b[200~", kPasteEnd = "\x1b[201~";

}  // namespace

TEST_CASE("typed keys, pastes, Ctrl-J and Backspace build what Enter submits") {
  std::string input = "hi\r" + kPasteStart + "l1\rl2\r\nl3" + kPasteEnd + "\r" + "ab\ncd\r" +
                      "abc\x7f\x7f" + "d\r" + "\r";
  auto r = run_piped(input, {"--mode", "plain", "--reply", "none"});
  CHECK(r.result.exit_code == 0);
  auto submitted = r.of_kind("submitted");
  REQUIRE(submitted.size() == 4);
  CHECK(submitted[0]["text"] == "hi");
  CHECK(submitted[1]["text"] == "l1\nl2\nl3");  // pasted CR and CRLF become LF
  CHECK(submitted[2]["text"] == "ab\ncd");
  CHECK(submitted[3]["text"] == "ad");
  CHECK(r.of_kind("turn_done").size() == 4);
  CHECK(r.of_kind("exiting")[0]["reason"] == "end of input");
}

TEST_CASE("Esc interrupts the turn: no answer is given") {
  std::string msg = rendered("msg_0000000000a1", "long job");
  auto r = run_piped(kPasteStart + msg + kPasteEnd + "\r\x1b",
                     {"--mode", "claude", "--work-ms", "5000"});
  CHECK(r.result.exit_code == 0);
  CHECK(r.of_kind("interrupted").size() == 1);
  CHECK(r.of_kind("turn_done").empty());
  CHECK(r.of_kind("replied").empty());
  CHECK(r.of_kind("reply_failed").empty());
}

TEST_CASE("--reply report runs `team-agent report` for each rendered message") {
  TempDir ws;
  REQUIRE(team_agent(ws.path(), {"init", "--demo"}).exit_code == 0);
  std::string two = rendered("msg_0000000000b1", "first", "leader", "task-7") + "\n" +
                    rendered("msg_0000000000b2", "second; $(touch /tmp/never) `rm -rf x`");
  auto r = run_piped(kPasteStart + two + kPasteEnd + "\r", {"--mode", "claude", "--id", "backend"},
                     {{"TEAM_AGENT_WORKSPACE", ws.path()}});
  CHECK(r.result.exit_code == 0);
  auto submitted = r.of_kind("submitted");
  REQUIRE(submitted.size() == 1);
  CHECK(submitted[0]["tokens"] == nlohmann::json::array({"msg_0000000000b1", "msg_0000000000b2"}));
  for (auto& f : r.of_kind("reply_failed")) FAIL_CHECK("reply failed: " << f.dump());
  auto answers = r.of_kind("replied");
  REQUIRE(answers.size() == 2);
  std::map<std::string, nlohmann::json> by_id;
  for (auto& a : answers) by_id[a["message_id"]] = a["command"];
  CHECK(by_id["msg_0000000000b1"] ==
        nlohmann::json::array({"report", "--task", "task-7", "--status", "success", "--summary",
                               "fake agent backend handled msg_0000000000b1"}));
  CHECK(by_id["msg_0000000000b2"][2] == "msg_0000000000b2");  // no task: the message id
  auto events = team_agent(ws.path(), {"events", "-o", "json", "--type", "result.reported"});
  std::vector<std::string> tasks;
  for (const auto& line : split_lines(events.out))
    tasks.push_back(nlohmann::json::parse(line)["data"]["task_id"]);
  std::sort(tasks.begin(), tasks.end());
  CHECK(tasks == std::vector<std::string>{"msg_0000000000b2", "task-7"});
}

TEST_CASE("--reply send sends to the leader as this agent") {
  TempDir ws;
  REQUIRE(team_agent(ws.path(), {"init", "--demo"}).exit_code == 0);
  auto r = run_piped(
      kPasteStart + rendered("msg_0000000000c1", "do it") + kPasteEnd + "\r",
      {"--mode", "codex", "--id", "backend", "--reply", "send", "--paste-enter-guard-ms", "0"},
      {{"TEAM_AGENT_WORKSPACE", ws.path()}});
  CHECK(r.result.exit_code == 0);
  auto replied = r.of_kind("replied");
  REQUIRE(replied.size() == 1);
  CHECK(replied[0]["command"] ==
        nlohmann::json::array({"send", "leader", "fake agent backend handled msg_0000000000c1",
                               "--from", "backend", "--no-wait"}));
  auto events = team_agent(ws.path(), {"events", "-o", "json", "--type", "message.accepted"});
  CHECK(events.out.find("fake agent backend handled msg_0000000000c1") != std::string::npos);
}

TEST_CASE("--die-on and --api-error-after through a pipe") {
  auto died = run_piped("ok\rnow POISON\rnever\r", {"--mode", "plain", "--die-on", "POISON"});
  CHECK(died.result.exit_code == 3);
  CHECK(died.of_kind("submitted").size() == 2);
  auto errors = run_piped("one\rtwo\rthree\r",
                          {"--mode", "plain", "--api-error-after", "2", "--reply", "none"});
  CHECK(errors.result.exit_code == 0);
  CHECK(errors.of_kind("turn_done").size() == 1);
  CHECK(errors.of_kind("api_error").size() == 2);
}

TEST_CASE("without --transcript the record goes under $TEAM_AGENT_WORKSPACE") {
  TempDir ws;
  auto r = run({team_agent_bin(), "fake-agent", "--mode", "plain", "--reply", "none"}, "x\r",
               {{"TEAM_AGENT_WORKSPACE", ws.path()}, {"TEAM_AGENT_ID", "frontend"}});
  CHECK(r.exit_code == 0);
  auto text = read_text(ws.path() + "/.team/fake-agents/frontend.jsonl");
  CHECK(text.find(R"("kind":"submitted")") != std::string::npos);
}
