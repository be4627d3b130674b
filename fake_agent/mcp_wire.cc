// The MCP client's pure half: its configuration file and the JSON-RPC lines
// it writes and reads (unit tested in mcp_client_test.cc).
#include "fake_agent/mcp_client.h"

#include "util/fs.h"

namespace ta::fake {

Result<McpServerCommand> parse_mcp_config(const std::string& json_text, const std::string& name) {
  auto doc = nlohmann::json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return make_error("it is not a JSON object");
  auto servers = doc.find("mcpServers");
  if (servers == doc.end() || !servers->is_object())
    return make_error("it has no \"mcpServers\" object");
  auto server = servers->find(name);
  if (server == servers->end() || !server->is_object())
    return make_error("it names no MCP server \"" + name + "\"");
  McpServerCommand out;
  auto command = server->find("command");
  if (command == server->end() || !command->is_string() || command->get<std::string>().empty())
    return make_error("the server \"" + name + "\" has no \"command\"");
  out.command = command->get<std::string>();
  if (auto args = server->find("args"); args != server->end()) {
    if (!args->is_array()) return make_error("\"args\" of \"" + name + "\" is not an array");
    for (const auto& a : *args) {
      if (!a.is_string()) return make_error("\"args\" of \"" + name + "\" holds a non-string");
      out.args.push_back(a.get<std::string>());
    }
  }
  if (auto env = server->find("env"); env != server->end()) {
    if (!env->is_object()) return make_error("\"env\" of \"" + name + "\" is not an object");
    for (const auto& [k, v] : env->items()) {
      if (!v.is_string()) return make_error("\"env\"." + k + " of \"" + name + "\" is not a string");
      out.env.emplace_back(k, v.get<std::string>());
    }
  }
  return out;
}

Result<McpServerCommand> read_mcp_config(const std::string& path, const std::string& name) {
  auto text = read_file(path);
  if (!text) return make_error("cannot read the MCP configuration " + path + ": " +
                               text.error().message);
  auto parsed = parse_mcp_config(*text, name);
  if (!parsed) return make_error("the MCP configuration " + path + ": " + parsed.error().message);
  return parsed;
}

namespace {

std::string line_of(const nlohmann::json& j) { return j.dump() + "\n"; }

// The text blocks of a tool result's content, one per line.
std::string content_text(const nlohmann::json& result) {
  std::string text;
  auto content = result.find("content");
  if (content == result.end() || !content->is_array()) return text;
  for (const auto& block : *content)
    if (block.is_object() && block.value("type", "") == "text" && block.contains("text") &&
        block["text"].is_string())
      text += (text.empty() ? "" : "\n") + block["text"].get<std::string>();
  return text;
}

}  // namespace

std::string mcp_initialize_line(int id) {
  return line_of({{"jsonrpc", "2.0"},
                  {"id", id},
                  {"method", "initialize"},
                  {"params",
                   {{"protocolVersion", kMcpProtocolVersion},
                    {"capabilities", nlohmann::json::object()},
                    {"clientInfo", {{"name", "team-agent-fake-agent"}, {"version", "1"}}}}}});
}

std::string mcp_initialized_line() {
  return line_of({{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}});
}

std::string mcp_tool_call_line(int id, const std::string& tool, const nlohmann::json& arguments) {
  return line_of({{"jsonrpc", "2.0"},
                  {"id", id},
                  {"method", "tools/call"},
                  {"params", {{"name", tool}, {"arguments", arguments}}}});
}

McpAnswer parse_mcp_line(const std::string& line) {
  McpAnswer a;
  auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return a;
  auto id = j.find("id");
  if (id == j.end() || !id->is_number_integer()) return a;
  a.id = id->get<int>();
  if (auto error = j.find("error"); error != j.end()) {
    a.text = error->is_object() ? error->value("message", "") : std::string();
    if (a.text.empty()) a.text = "error " + error->dump();
    return a;
  }
  auto result = j.find("result");
  if (result == j.end() || !result->is_object()) {
    a.text = "an answer without a result";
    return a;
  }
  a.ok = !result->value("isError", false);
  a.text = content_text(*result);
  if (auto s = result->find("structuredContent"); s != result->end()) a.structured = *s;
  return a;
}

}  // namespace ta::fake
