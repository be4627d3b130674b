#include "mcp/server.h"

#include <exception>

namespace ta::mcp {

const std::vector<std::string>& supported_protocol_versions() {
  static const std::vector<std::string> versions{"2025-06-18", "2025-03-26", "2024-11-05"};
  return versions;
}

std::string negotiate_protocol_version(const std::string& requested) {
  for (const auto& v : supported_protocol_versions())
    if (v == requested) return v;
  return supported_protocol_versions().front();
}

Json tool_success(Json structured, std::string text) {
  return Json{{"content", Json::array({Json{{"type", "text"}, {"text", std::move(text)}}})},
              {"structuredContent", std::move(structured)},
              {"isError", false}};
}

Json tool_failure(std::string sentence) {
  return Json{{"content", Json::array({Json{{"type", "text"}, {"text", std::move(sentence)}}})},
              {"isError", true}};
}

Server::Server(ToolHost& tools, std::string server_version, std::string instructions)
    : tools_(tools),
      server_version_(std::move(server_version)),
      instructions_(std::move(instructions)) {}

std::string Server::oversized_line_reply(size_t bytes, size_t limit) {
  return to_line(error_reply(nullptr, rpc::kInvalidRequest,
                             "the message is " + std::to_string(bytes) + " bytes, over the " +
                                 std::to_string(limit) +
                                 "-byte limit of a line; it was dropped, send a smaller one"));
}

std::optional<std::string> Server::handle_line(std::string_view line) {
  // Blank lines (a stray "\r\n") are no message.
  if (line.find_first_not_of(" \t\r") == std::string_view::npos) return std::nullopt;
  std::string why;
  auto parsed = parse_line(line, why);
  if (!parsed) return to_line(error_reply(nullptr, rpc::kParseError, "parse error: " + why));
  auto reply = parsed->is_array() ? handle_batch(*parsed) : handle_message(*parsed, false);
  if (!reply) return std::nullopt;
  return to_line(*reply);
}

// JSON-RPC 2.0 batches (MCP 2025-03-26): one reply per request, in one
// array; none at all when the batch held only notifications.
std::optional<Json> Server::handle_batch(const Json& batch) {
  if (batch.empty())
    return error_reply(nullptr, rpc::kInvalidRequest, "an empty batch is not a request");
  Json replies = Json::array();
  for (const auto& m : batch)
    if (auto r = handle_message(m, true)) replies.push_back(std::move(*r));
  if (replies.empty()) return std::nullopt;
  return replies;
}

std::optional<Json> Server::handle_message(const Json& message, bool in_batch) {
  Incoming in = classify(message);
  switch (in.kind) {
    case Incoming::Kind::invalid:
      return error_reply(in.id, rpc::kInvalidRequest, "invalid request: " + in.problem);
    case Incoming::Kind::response:
      return std::nullopt;
    case Incoming::Kind::notification:
      if (in.method == "notifications/initialized") initialized_ = true;
      return std::nullopt;  // never answered, known or not
    case Incoming::Kind::request:
      break;
  }
  try {
    return dispatch(in, in_batch);
  } catch (const std::exception& e) {
    return error_reply(in.id, rpc::kInternalError, std::string("internal error: ") + e.what());
  }
}

Json Server::dispatch(const Incoming& in, bool in_batch) {
  if (in.method == "initialize") {
    if (in_batch)
      return error_reply(in.id, rpc::kInvalidRequest, "initialize must not be part of a batch");
    return initialize(in);
  }
  if (in.method == "ping") return result_reply(in.id, Json::object());
  if (in.method == "tools/list") {
    if (!in.params.is_object())
      return error_reply(in.id, rpc::kInvalidParams, "tools/list takes an object as params");
    return result_reply(in.id, Json{{"tools", tools_.list_tools()}});
  }
  if (in.method == "tools/call") return call_tool(in);
  return error_reply(in.id, rpc::kMethodNotFound,
                     "method \"" + in.method +
                         "\" is not supported; this server offers initialize, ping, tools/list "
                         "and tools/call");
}

Json Server::initialize(const Incoming& in) {
  const Json& p = in.params;
  if (!p.is_object() || !p.contains("protocolVersion") || !p["protocolVersion"].is_string())
    return error_reply(in.id, rpc::kInvalidParams,
                       "initialize needs params.protocolVersion, a string such as \"" +
                           supported_protocol_versions().front() + "\"");
  version_ = negotiate_protocol_version(p["protocolVersion"].get<std::string>());
  Json result{{"protocolVersion", version_},
              {"capabilities", Json{{"tools", Json{{"listChanged", false}}}}},
              {"serverInfo", Json{{"name", "team_agent"}, {"version", server_version_}}}};
  if (!instructions_.empty()) result["instructions"] = instructions_;
  return result_reply(in.id, std::move(result));
}

Json Server::call_tool(const Incoming& in) {
  const Json& p = in.params;
  if (!p.is_object() || !p.contains("name") || !p["name"].is_string())
    return error_reply(in.id, rpc::kInvalidParams,
                       "tools/call needs params.name, the name of a tool from tools/list");
  Json args = p.contains("arguments") ? p["arguments"] : Json::object();
  if (args.is_null()) args = Json::object();
  Json result;
  try {
    result = tools_.call_tool(p["name"].get<std::string>(), args);
  } catch (const std::exception& e) {
    result = tool_failure(std::string("the tool failed unexpectedly (") + e.what() +
                          "); try again, and report it if it keeps failing.");
  }
  return result_reply(in.id, std::move(result));
}

}  // namespace ta::mcp
