#include "mcp/jsonrpc.h"

namespace ta::mcp {

bool nests_deeper_than(std::string_view text, size_t max) {
  size_t depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

std::optional<Json> parse_line(std::string_view line, std::string& why) {
  if (nests_deeper_than(line, kMaxNesting)) {
    why = "the message nests deeper than " + std::to_string(kMaxNesting) + " levels";
    return std::nullopt;
  }
  try {
    Json j = Json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/true);
    return j;
  } catch (const Json::exception& e) {
    why = "the line is not valid JSON (" + std::string(e.what()) + ")";
    return std::nullopt;
  }
}

namespace {

bool valid_id(const Json& id) { return id.is_string() || id.is_number(); }

Incoming invalid(Json id, std::string problem) {
  Incoming in;
  in.kind = Incoming::Kind::invalid;
  in.id = valid_id(id) ? std::move(id) : Json(nullptr);
  in.problem = std::move(problem);
  return in;
}

}  // namespace

Incoming classify(const Json& m) {
  if (!m.is_object()) return invalid(nullptr, "a JSON-RPC message must be an object");
  const bool has_id = m.contains("id");
  const Json id = has_id ? m.at("id") : Json(nullptr);
  auto version = m.find("jsonrpc");
  if (version == m.end() || *version != "2.0")
    return invalid(id, "\"jsonrpc\" must be \"2.0\"");
  auto method = m.find("method");
  if (method == m.end()) {
    // A client's reply to a request of ours (we send none): nothing to answer.
    if (has_id && (m.contains("result") || m.contains("error"))) {
      Incoming in;
      in.kind = Incoming::Kind::response;
      in.id = id;
      return in;
    }
    return invalid(id, "the message has no \"method\"");
  }
  if (!method->is_string()) return invalid(id, "\"method\" must be a string");
  if (has_id && !valid_id(id)) return invalid(nullptr, "\"id\" must be a string or a number");
  Incoming in;
  in.method = method->get<std::string>();
  if (auto p = m.find("params"); p != m.end()) {
    if (!p->is_object() && !p->is_array())
      return invalid(id, "\"params\" must be an object");
    in.params = *p;
  }
  in.kind = has_id ? Incoming::Kind::request : Incoming::Kind::notification;
  in.id = id;
  return in;
}

Json result_reply(const Json& id, Json result) {
  return Json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

Json error_reply(const Json& id, int code, std::string message) {
  return Json{{"jsonrpc", "2.0"},
              {"id", id},
              {"error", Json{{"code", code}, {"message", std::move(message)}}}};
}

std::string to_line(const Json& reply) {
  return reply.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace ta::mcp
