// `team-agent mcp` as a real process, driven line by line the way an agent
// CLI drives it: the lifecycle, each tool, the leader-only rule, bad input
// that must never kill it, and a question to a person answered with
// `team-agent answer` and delivered to the asking agent's pane.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <thread>

#include "tests/e2e/mcp_support.h"
#include "tests/e2e/run_fixture.h"
#include "tests/support/read_log.h"

using namespace ta::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

std::vector<ta::events::Event> events_typed(const std::string& dir, const std::string& type) {
  std::vector<ta::events::Event> out;
  for (auto& e : read_all_events(dir))
    if (e.type == type) out.push_back(e);
  return out;
}

std::string result_text(const json& result) { return result["content"][0]["text"].get<std::string>(); }

std::set<std::string> tool_names(McpProcess& mcp) {
  std::set<std::string> names;
  const json reply = mcp.request("tools/list", json::object());
  for (const auto& t : reply["result"]["tools"])
    names.insert(t["name"].get<std::string>());
  return names;
}

// One malformed line of a kind picked by `rng`: random bytes, truncated
// JSON, wrong types, huge numbers, deep nesting.
std::string malformed_line(std::mt19937& rng) {
  static const std::vector<std::string> valid{
      R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"send_message","arguments":{"to":"leader","text":"x"}}})",
      R"({"jsonrpc":"2.0","id":"a","method":"initialize","params":{"protocolVersion":"2025-06-18"}})"};
  static const std::vector<std::string> wrong{
      R"({"jsonrpc":"2.0","id":[1],"method":"ping"})", R"({"jsonrpc":2,"id":1,"method":"ping"})",
      R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":7}})",
      R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"send_message","arguments":[1,2]}})",
      R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"read_messages","arguments":{"since":-5}}})",
      R"({"jsonrpc":"2.0","id":1e400,"method":"ping"})", R"({"jsonrpc":"2.0","id":1,"method":"ping","params":"x"})",
      R"([1,2,{"jsonrpc":"2.0"}])", "[]", "null", "true", R"("\ud800")",
      R"({"jsonrpc":"2.0","id":99999999999999999999999999999,"method":"ping"})",
      R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"read_messages","arguments":{"since":1e300}}})"};
  switch (rng() % 4) {
    case 0: {
      std::string s(1 + rng() % 200, '\0');
      for (auto& c : s) c = static_cast<char>(rng() % 256);
      for (auto& c : s)
        if (c == '\n') c = ' ';
      return s;
    }
    case 1: {
      const auto& v = valid[rng() % valid.size()];
      return v.substr(0, rng() % v.size());
    }
    case 2:
      return wrong[rng() % wrong.size()];
    default: {
      size_t depth = 10 + rng() % 5000;
      return std::string(depth, rng() % 2 ? '[' : '{') + "1";
    }
  }
}

}  // namespace

TEST_CASE("mcp: initialize, tools/list and each tool, through a real team-agent mcp process") {
  DemoWorkspace ws;
  McpProcess worker(ws.path(), "backend");
  auto init = worker.initialize();
  CHECK(init["protocolVersion"] == "2025-06-18");
  CHECK(init["serverInfo"]["name"] == "team_agent");
  auto names = tool_names(worker);
  CHECK(names.count("send_message") == 1);
  CHECK(names.count("assign_task") == 0);  // a worker is shown only its own tools

  auto sent = worker.call("send_message", {{"to", "leader"}, {"text", "hello"}, {"task_id", "T1"}});
  REQUIRE_MESSAGE(sent["isError"] == false, sent.dump());
  auto id = sent["structuredContent"]["messages"][0]["message_id"].get<std::string>();
  auto accepted = events_typed(ws.events_dir(), "message.accepted");
  REQUIRE(accepted.size() == 1);
  CHECK(accepted[0].data["message_id"] == id);
  CHECK(accepted[0].data["from"] == "backend");
  CHECK(accepted[0].data["task_id"] == "T1");

  McpProcess leader(ws.path(), "leader");
  leader.initialize("2024-11-05");
  CHECK(tool_names(leader).count("assign_task") == 1);
  auto assigned = leader.call("assign_task", {{"to", "backend"}, {"task_id", "T2"}, {"text", "go"}});
  CHECK(assigned["isError"] == false);
  auto inbox = worker.call("read_messages", json::object());
  REQUIRE(inbox["structuredContent"]["messages"].size() == 1);
  CHECK(inbox["structuredContent"]["messages"][0]["task_id"] == "T2");
  auto cursor = inbox["structuredContent"]["next_since"];
  CHECK(worker.call("read_messages", {{"since", cursor}})["structuredContent"]["messages"].empty());

  auto reported = worker.call("report_result", {{"task_id", "T2"}, {"status", "success"},
                                                {"summary", "done"}, {"tests", {"unit: ok"}},
                                                {"artifacts", {"out.txt"}}});
  REQUIRE_MESSAGE(reported["isError"] == false, reported.dump());
  CHECK(reported["structuredContent"]["acknowledged"].size() == 1);
  auto results = events_typed(ws.events_dir(), "result.reported");
  REQUIRE(results.size() == 1);
  CHECK(results[0].data["details"].get<std::string>().find("Tests:\n- unit: ok") != std::string::npos);
  CHECK(results[0].data["files"][0] == "out.txt");

  auto agents = worker.call("list_agents", json::object());
  CHECK(agents["structuredContent"]["agents"].size() == 4);
  auto status = worker.call("get_team_status", json::object());
  CHECK_MESSAGE(status["isError"] == false, status.dump());
  CHECK(status["structuredContent"]["supervisor_running"] == false);
  auto asked = worker.call("request_human", {{"question", "Which DB?"}, {"options", {"pg", "sqlite"}}});
  REQUIRE(asked["isError"] == false);
  auto request_id = asked["structuredContent"]["request_id"].get<std::string>();
  auto st = team_agent(ws.path(), {"status", "--json"});
  CHECK(json::parse(st.out)["open_questions"][0]["request_id"] == request_id);
  CHECK(team_agent(ws.path(), {"status"}).out.find(request_id) != std::string::npos);

  // Errors are results with isError and one sentence, never JSON-RPC errors.
  auto leader_only = worker.call("stop_agent", {{"agent_id", "tester"}});
  CHECK(leader_only["isError"] == true);
  CHECK(result_text(leader_only).find("Only the leader") != std::string::npos);
  auto unknown = worker.call("no_such_tool", json::object());
  CHECK(unknown["isError"] == true);
  auto bad = worker.call("send_message", {{"to", "leader"}, {"text", 5}});
  CHECK(bad["isError"] == true);
  CHECK(result_text(bad).find("text must be a string") != std::string::npos);
  auto huge = worker.call("send_message", {{"to", "leader"}, {"text", std::string(1100000, 'a')}});
  CHECK(huge["isError"] == true);
  CHECK(result_text(huge).find("1 MiB") != std::string::npos);
  auto no_supervisor = leader.call("stop_agent", {{"agent_id", "tester"}});
  CHECK(no_supervisor["isError"] == true);

  auto calls = events_typed(ws.events_dir(), "mcp.tool_called");
  std::map<std::string, int> codes;
  for (const auto& e : calls) codes[e.data.value("error_code", "")]++;
  CHECK(codes[""] == 8);
  CHECK(codes["leader_only"] == 1);
  CHECK(codes["unknown_tool"] == 1);
  CHECK(codes["bad_arguments"] == 1);
  CHECK(codes["refused"] == 1);
  CHECK(codes["no_supervisor"] == 1);
  CHECK(worker.finish() == 0);
  CHECK(leader.finish() == 0);
}

TEST_CASE("mcp: 1,000 random and malformed lines, then a valid call answers") {
  DemoWorkspace ws;
  McpProcess mcp(ws.path(), "backend");
  mcp.initialize();
  std::mt19937 rng(20261203);
  std::string input;
  for (int i = 0; i < 1000; ++i) input += malformed_line(rng) + "\n";
  input += std::string(5u << 20, 'x') + "\n";  // over the 4 MiB line limit
  input += json{{"jsonrpc", "2.0"}, {"id", "final"}, {"method", "tools/call"},
                {"params", {{"name", "list_agents"}, {"arguments", json::object()}}}}
               .dump() + "\n";
  // Written from another thread: the replies must be read while it writes.
  std::thread writer([&] { mcp.write_raw(input); });
  std::optional<json> last;
  int replies = 0;
  bool oversized_told = false;
  while (auto r = mcp.next(60s)) {
    ++replies;
    if (r->is_object() && (*r)["error"].is_object() &&
        (*r)["error"]["message"].get<std::string>().find("5242880 bytes") != std::string::npos)
      oversized_told = true;
    if (r->is_object() && (*r)["id"] == "final") {
      last = r;
      break;
    }
  }
  writer.join();
  REQUIRE_MESSAGE(last.has_value(), mcp.stderr_text());
  CHECK((*last)["result"]["isError"] == false);
  CHECK(oversized_told);
  CHECK(replies > 500);
  CHECK(mcp.alive());
  CHECK(mcp.finish() == 0);
}

TEST_CASE("mcp: refuses to start without an agent of the team, in one sentence") {
  DemoWorkspace ws;
  auto none = run({team_agent_bin(), "mcp"}, "", {{"TEAM_AGENT_ID", "\x01unset"},
                                                  {"TEAM_AGENT_WORKSPACE", ws.path()}});
  CHECK(none.exit_code == 2);
  CHECK(none.out.empty());
  CHECK(none.err.find("TEAM_AGENT_ID is not set") != std::string::npos);
  auto stranger = run({team_agent_bin(), "mcp"}, "", {{"TEAM_AGENT_ID", "mallory"},
                                                      {"TEAM_AGENT_WORKSPACE", ws.path()}});
  CHECK(stranger.exit_code == 2);
  CHECK(stranger.err.find("not a member") != std::string::npos);
  auto flag = run({team_agent_bin(), "mcp", "--bogus"}, "", {{"TEAM_AGENT_ID", "leader"},
                                                             {"TEAM_AGENT_WORKSPACE", ws.path()}});
  CHECK(flag.exit_code == 2);
}

TEST_CASE("mcp: request_human, then `team-agent answer` delivers the answer to the asking agent") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  RunningTeam team(ws);
  REQUIRE_MESSAGE(team.await_ready(), team.transcript());
  McpProcess mcp(ws.path(), "w1");
  mcp.initialize();
  auto asked = mcp.call("request_human", {{"question", "Deploy now?"}, {"options", {"yes", "no"}}});
  REQUIRE_MESSAGE(asked["isError"] == false, asked.dump());
  auto request_id = asked["structuredContent"]["request_id"].get<std::string>();
  auto answered = team_agent(ws.path(), {"answer", request_id, "yes,", "go", "ahead", "--json"});
  REQUIRE_MESSAGE(answered.exit_code == 0, answered.err);
  auto message_id = json::parse(answered.out)["message_id"].get<std::string>();
  CHECK(team.await("send.submitted", {{"message_id", message_id}}, 30s));
  CHECK(ws.await_tokens({message_id}));
  auto tokens = ws.submitted_tokens("w1");
  CHECK(std::find(tokens.begin(), tokens.end(), message_id) != tokens.end());
  // Answered: no longer open, and a second, different answer is refused.
  auto st = team_agent(ws.path(), {"status", "--json"});
  CHECK(json::parse(st.out)["open_questions"].empty());
  CHECK(team_agent(ws.path(), {"answer", request_id, "no"}).exit_code == 2);
  auto inbox = mcp.call("read_messages", json::object());
  auto msgs = inbox["structuredContent"]["messages"];
  REQUIRE(msgs.size() == 1);
  CHECK(msgs[0]["from"] == "human");
  CHECK(msgs[0]["text"].get<std::string>().find("yes, go ahead") != std::string::npos);
}
