#include "mcp/server.h"

#include <doctest/doctest.h>

#include <string>

using namespace ta::mcp;

namespace {

// One tool, "echo", that returns its arguments.
class EchoTools : public ToolHost {
 public:
  int calls = 0;
  Json list_tools() override {
    return Json::array({Json{{"name", "echo"}, {"inputSchema", Json{{"type", "object"}}}}});
  }
  Json call_tool(const std::string& name, const Json& arguments) override {
    ++calls;
    if (name != "echo") return tool_failure("There is no tool \"" + name + "\".");
    return tool_success(arguments, "echoed");
  }
};

Json reply(Server& s, const std::string& line) {
  auto r = s.handle_line(line);
  REQUIRE(r.has_value());
  CHECK(r->find('\n') == std::string::npos);
  return Json::parse(*r);
}

int error_code(const Json& r) { return r.at("error").at("code").get<int>(); }

}  // namespace

TEST_CASE("initialize answers a supported version with the same one, else our newest") {
  EchoTools tools;
  Server s(tools, "1.2.3", "use the tools");
  for (const auto& v : supported_protocol_versions()) {
    auto r = reply(s, R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":")" +
                          v + R"(","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})");
    CHECK(r["result"]["protocolVersion"] == v);
    CHECK(r["id"] == 1);
  }
  auto r = reply(s, R"({"jsonrpc":"2.0","id":"a","method":"initialize","params":{"protocolVersion":"1999-01-01"}})");
  CHECK(r["result"]["protocolVersion"] == "2025-06-18");
  CHECK(r["result"]["capabilities"]["tools"]["listChanged"] == false);
  CHECK(r["result"]["serverInfo"]["name"] == "team_agent");
  CHECK(r["result"]["serverInfo"]["version"] == "1.2.3");
  CHECK(r["result"]["instructions"] == "use the tools");
  CHECK(r["id"] == "a");
  CHECK(s.protocol_version() == "2025-06-18");
  CHECK(negotiate_protocol_version("2024-11-05") == "2024-11-05");
}

TEST_CASE("initialize without a protocol version is invalid params") {
  EchoTools tools;
  Server s(tools, "1");
  CHECK(error_code(reply(s, R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})")) ==
        rpc::kInvalidParams);
  CHECK(error_code(reply(s, R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":7}})")) ==
        rpc::kInvalidParams);
}

TEST_CASE("notifications never get a reply, known or not") {
  EchoTools tools;
  Server s(tools, "1");
  CHECK_FALSE(s.handle_line(R"({"jsonrpc":"2.0","method":"notifications/initialized"})"));
  CHECK(s.initialized());
  CHECK_FALSE(s.handle_line(R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":3}})"));
  CHECK_FALSE(s.handle_line(R"({"jsonrpc":"2.0","method":"no/such/thing"})"));
  // A tools/call without an id is a notification too: it is not run.
  CHECK_FALSE(s.handle_line(R"({"jsonrpc":"2.0","method":"tools/call","params":{"name":"echo"}})"));
  CHECK(tools.calls == 0);
  // A client's response to a request of ours: nothing to answer.
  CHECK_FALSE(s.handle_line(R"({"jsonrpc":"2.0","id":5,"result":{}})"));
  CHECK_FALSE(s.handle_line(""));
  CHECK_FALSE(s.handle_line("  \r"));
}

TEST_CASE("ping, tools/list and tools/call") {
  EchoTools tools;
  Server s(tools, "1");
  CHECK(reply(s, R"({"jsonrpc":"2.0","id":2,"method":"ping"})")["result"] == Json::object());
  auto list = reply(s, R"({"jsonrpc":"2.0","id":3,"method":"tools/list","params":{}})");
  CHECK(list["result"]["tools"][0]["name"] == "echo");
  auto call = reply(s, R"({"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"echo","arguments":{"a":1}}})");
  CHECK(call["result"]["structuredContent"]["a"] == 1);
  CHECK(call["result"]["content"][0]["type"] == "text");
  CHECK(call["result"]["isError"] == false);
  // Arguments left out are {}.
  auto bare = reply(s, R"({"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"echo"}})");
  CHECK(bare["result"]["structuredContent"] == Json::object());
  // An unknown tool is the host's to answer: a result with isError.
  auto unknown = reply(s, R"({"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"nope"}})");
  CHECK(unknown["result"]["isError"] == true);
  CHECK(error_code(reply(s, R"({"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"arguments":{}}})")) ==
        rpc::kInvalidParams);
}

TEST_CASE("each error class: parse error, invalid request, unknown method") {
  EchoTools tools;
  Server s(tools, "1");
  auto parse = reply(s, R"({"jsonrpc":"2.0","id":1,"method":"ping")");
  CHECK(error_code(parse) == rpc::kParseError);
  CHECK(parse["id"].is_null());
  CHECK(error_code(reply(s, "\xff\xfe garbage")) == rpc::kParseError);
  CHECK(error_code(reply(s, "1e99999")) == rpc::kParseError);
  CHECK(error_code(reply(s, std::string(100, '[') + std::string(100, ']'))) == rpc::kParseError);

  CHECK(error_code(reply(s, "42")) == rpc::kInvalidRequest);
  CHECK(error_code(reply(s, R"("ping")")) == rpc::kInvalidRequest);
  CHECK(error_code(reply(s, R"({"id":1,"method":"ping"})")) == rpc::kInvalidRequest);
  CHECK(error_code(reply(s, R"({"jsonrpc":"1.0","id":1,"method":"ping"})")) == rpc::kInvalidRequest);
  CHECK(error_code(reply(s, R"({"jsonrpc":"2.0","id":1,"method":5})")) == rpc::kInvalidRequest);
  CHECK(error_code(reply(s, R"({"jsonrpc":"2.0","id":1,"method":"ping","params":"x"})")) ==
        rpc::kInvalidRequest);
  auto bad_id = reply(s, R"({"jsonrpc":"2.0","id":{"x":1},"method":"ping"})");
  CHECK(error_code(bad_id) == rpc::kInvalidRequest);
  CHECK(bad_id["id"].is_null());
  auto no_method = reply(s, R"({"jsonrpc":"2.0","id":9})");
  CHECK(error_code(no_method) == rpc::kInvalidRequest);
  CHECK(no_method["id"] == 9);

  auto unknown = reply(s, R"({"jsonrpc":"2.0","id":"x","method":"resources/list"})");
  CHECK(error_code(unknown) == rpc::kMethodNotFound);
  CHECK(unknown["id"] == "x");
  // After all that, a valid call still answers.
  CHECK(reply(s, R"({"jsonrpc":"2.0","id":10,"method":"ping"})")["result"] == Json::object());
}

TEST_CASE("batches are answered per JSON-RPC 2.0: one reply per request, none for notifications") {
  EchoTools tools;
  Server s(tools, "1");
  auto r = reply(s, R"([{"jsonrpc":"2.0","id":1,"method":"ping"},
                        {"jsonrpc":"2.0","method":"notifications/initialized"},
                        {"jsonrpc":"2.0","id":2,"method":"nope"}, 7])");
  REQUIRE(r.is_array());
  REQUIRE(r.size() == 3);
  CHECK(r[0]["id"] == 1);
  CHECK(error_code(r[1]) == rpc::kMethodNotFound);
  CHECK(error_code(r[2]) == rpc::kInvalidRequest);
  CHECK_FALSE(s.handle_line(R"([{"jsonrpc":"2.0","method":"notifications/initialized"}])"));
  CHECK(error_code(reply(s, "[]")) == rpc::kInvalidRequest);
  auto init = reply(s, R"([{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-03-26"}}])");
  CHECK(error_code(init[0]) == rpc::kInvalidRequest);
}

TEST_CASE("an oversized line is told as one invalid-request reply") {
  auto r = Json::parse(Server::oversized_line_reply(5000000, 4194304));
  CHECK(r["error"]["code"] == rpc::kInvalidRequest);
  CHECK(r["id"].is_null());
  CHECK(r["error"]["message"].get<std::string>().find("5000000 bytes") != std::string::npos);
}

TEST_CASE("replies serialise whatever a tool returns, invalid UTF-8 included") {
  CHECK(to_line(Json{{"t", std::string("a\xff")}}).find("\n") == std::string::npos);
  CHECK_NOTHROW(to_line(Json{{"t", std::string("\xc3")}}));
}

TEST_CASE("nesting is measured outside strings only") {
  CHECK_FALSE(nests_deeper_than(R"({"a":"[[[[[[[[[["})", 3));
  CHECK(nests_deeper_than("[[[[", 3));
  CHECK_FALSE(nests_deeper_than("[[[]]][[[]]]", 3));
  CHECK_FALSE(nests_deeper_than(R"(["\"[[[["])", 2));
}
