#include "fake_agent/mcp_client.h"

#include <doctest/doctest.h>
#include <poll.h>

using namespace ta;
using namespace ta::fake;

TEST_CASE("the MCP configuration names the team_agent server's program, args and env") {
  auto s = parse_mcp_config(R"({"mcpServers": {"other": {"command": "x"},
      "team_agent": {"command": "/bin/ta", "args": ["mcp"],
                     "env": {"TEAM_AGENT_ID": "w1", "TEAM_AGENT_WORKSPACE": "/ws"}}}})");
  REQUIRE(s.ok());
  CHECK(s->command == "/bin/ta");
  CHECK(s->args == std::vector<std::string>{"mcp"});
  REQUIRE(s->env.size() == 2);
  CHECK(s->env[0] == std::pair<std::string, std::string>{"TEAM_AGENT_ID", "w1"});
  auto bare = parse_mcp_config(R"({"mcpServers": {"team_agent": {"command": "ta"}}})");
  REQUIRE(bare.ok());
  CHECK(bare->args.empty());
}

TEST_CASE("a broken MCP configuration is one sentence naming what is wrong") {
  CHECK(parse_mcp_config("not json").error().message == "it is not a JSON object");
  CHECK(parse_mcp_config(R"({"mcpServers": {"x": {"command": "a"}}})").error().message ==
        "it names no MCP server \"team_agent\"");
  CHECK(parse_mcp_config(R"({"mcpServers": {"team_agent": {"args": []}}})").error().message ==
        "the server \"team_agent\" has no \"command\"");
  CHECK_FALSE(parse_mcp_config(R"({"mcpServers": {"team_agent": {"command": "a", "args": [1]}}})"));
  CHECK_FALSE(parse_mcp_config(R"({"mcpServers": {"team_agent": {"command": "a", "env": {"A": 1}}}})"));
  CHECK(read_mcp_config("/nonexistent/mcp.json").error().message.find(
          "cannot read the MCP configuration /nonexistent/mcp.json") == 0);
}

TEST_CASE("the client's lines are single-line JSON-RPC 2.0 requests and a notification") {
  auto init = nlohmann::json::parse(mcp_initialize_line(1));
  CHECK(mcp_initialize_line(1).back() == '\n');
  CHECK(init["jsonrpc"] == "2.0");
  CHECK(init["id"] == 1);
  CHECK(init["method"] == "initialize");
  CHECK(init["params"]["protocolVersion"] == "2025-06-18");
  auto note = nlohmann::json::parse(mcp_initialized_line());
  CHECK(note["method"] == "notifications/initialized");
  CHECK_FALSE(note.contains("id"));  // a notification gets no answer
  std::string call = mcp_tool_call_line(7, "report_result", {{"summary", "a\nb"}});
  CHECK(call.find('\n') == call.size() - 1);  // newlines in values stay escaped
  auto c = nlohmann::json::parse(call);
  CHECK(c["method"] == "tools/call");
  CHECK(c["params"]["name"] == "report_result");
  CHECK(c["params"]["arguments"]["summary"] == "a\nb");
}

TEST_CASE("answers: a tool's text, isError, a JSON-RPC error, and lines that answer nothing") {
  auto ok = parse_mcp_line(
      R"({"jsonrpc":"2.0","id":3,"result":{"content":[{"type":"text","text":"reported"}],)"
      R"("structuredContent":{"task_id":"t1"}}})");
  CHECK(ok.id == 3);
  CHECK(ok.ok);
  CHECK(ok.text == "reported");
  CHECK(ok.structured["task_id"] == "t1");
  auto tool_error = parse_mcp_line(
      R"({"jsonrpc":"2.0","id":4,"result":{"isError":true,"content":[{"type":"text","text":"no such task"}]}})");
  CHECK(tool_error.id == 4);
  CHECK_FALSE(tool_error.ok);
  CHECK(tool_error.text == "no such task");
  auto rpc_error =
      parse_mcp_line(R"({"jsonrpc":"2.0","id":5,"error":{"code":-32602,"message":"bad params"}})");
  CHECK(rpc_error.id == 5);
  CHECK_FALSE(rpc_error.ok);
  CHECK(rpc_error.text == "bad params");
  CHECK(parse_mcp_line(R"({"jsonrpc":"2.0","method":"notifications/message"})").id == 0);
  CHECK(parse_mcp_line("garbage").id == 0);
  CHECK(parse_mcp_line(R"({"jsonrpc":"2.0","id":"x","result":{}})").id == 0);
}

namespace {

// Services `c` until its calls are done (or 5 s pass): what ended.
std::vector<McpCallDone> drive(McpConnection& c) {
  std::vector<McpCallDone> out;
  for (int i = 0; i < 500 && c.busy(); ++i) {
    std::vector<pollfd> fds;
    c.add_pollfds(fds);
    ::poll(fds.data(), fds.size(), 10);
    for (auto& d : c.service(fds)) out.push_back(std::move(d));
  }
  return out;
}

// A server in sh: answers initialize, waits for the notification, answers
// the first tools/call with `answer` (its id is 2), then exits.
McpServerCommand scripted(const std::string& answer) {
  std::string init = R"({"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18"}})";
  std::string script = "read l; echo '" + init + "'; read n; case \"$n\" in *initialized*) ;; "
                       "*) echo 'no initialized' >&2; exit 4;; esac; read c; echo '" + answer +
                       "'; read rest";
  return McpServerCommand{"/bin/sh", {"-c", script}, {{"TEAM_AGENT_ID", "w1"}}};
}

}  // namespace

TEST_CASE("a connection initializes, then calls a tool and reads its answer") {
  McpConnection c(scripted(
      R"({"jsonrpc":"2.0","id":2,"result":{"content":[{"type":"text","text":"done"}]}})"));
  c.call("k1", "report_result", {{"task_id", "t"}});
  auto done = drive(c);
  REQUIRE(done.size() == 1);
  CHECK(done[0].key == "k1");
  CHECK(done[0].ok);
  CHECK(done[0].text == "done");
}

TEST_CASE("a server that dies fails its open calls with one line, and is started again") {
  McpConnection c(McpServerCommand{"/bin/sh", {"-c", "echo 'out of luck' >&2; exit 5"}, {}});
  c.call("k1", "send_message", {{"to", "leader"}});
  auto done = drive(c);
  REQUIRE(done.size() == 1);
  CHECK_FALSE(done[0].ok);
  CHECK(done[0].text == "the team_agent MCP server ended (exit 5): out of luck");
  c.call("k2", "send_message", {{"to", "leader"}});  // a new server for the next call
  done = drive(c);
  REQUIRE(done.size() == 1);
  CHECK(done[0].key == "k2");
  CHECK_FALSE(done[0].ok);
}

TEST_CASE("a program that cannot start fails the call at once") {
  McpConnection c(McpServerCommand{"/nonexistent/team-agent", {"mcp"}, {}});
  c.call("k1", "report_result", {});
  auto done = drive(c);
  REQUIRE(done.size() == 1);
  CHECK_FALSE(done[0].ok);
  CHECK(done[0].text.find("team_agent MCP server") != std::string::npos);
}
