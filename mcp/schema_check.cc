#include "mcp/schema_check.h"

#include <cmath>

#include "util/ids.h"

namespace ta::mcp {

namespace {

using Json = nlohmann::json;

bool has_type(const Json& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_boolean();
  if (type == "number") return v.is_number();
  if (type == "integer") {
    if (v.is_number_integer()) return true;
    if (!v.is_number_float()) return false;
    double d = v.get<double>();
    return std::isfinite(d) && std::trunc(d) == d;
  }
  if (type == "null") return v.is_null();
  return true;
}

std::string where(const std::string& path) { return path.empty() ? "the arguments" : path; }

std::optional<std::string> check(const Json& v, const Json& s, const std::string& path);

std::optional<std::string> check_object(const Json& v, const Json& s, const std::string& path) {
  const Json props = s.value("properties", Json::object());
  for (const auto& r : s.value("required", Json::array()))
    if (!v.contains(r.get<std::string>()))
      return (path.empty() ? std::string("") : path + ": ") + "\"" + r.get<std::string>() +
             "\" is required";
  for (auto it = v.begin(); it != v.end(); ++it) {
    auto p = props.find(it.key());
    const std::string sub = path.empty() ? it.key() : path + "." + it.key();
    if (p == props.end()) {
      if (s.value("additionalProperties", true) == false) {
        std::string known;
        for (auto k = props.begin(); k != props.end(); ++k)
          known += (known.empty() ? "" : ", ") + k.key();
        return "\"" + sub + "\" is not an argument of this tool (its arguments: " +
               (known.empty() ? std::string("none") : known) + ")";
      }
      continue;
    }
    if (auto bad = check(it.value(), *p, sub)) return bad;
  }
  return std::nullopt;
}

std::optional<std::string> check_bounds(const Json& v, const Json& s, const std::string& path) {
  if (v.is_string()) {
    size_t n = v.get_ref<const std::string&>().size();
    if (s.contains("minLength") && n < s["minLength"].get<size_t>())
      return where(path) + " must not be empty";
    if (s.contains("maxLength") && n > s["maxLength"].get<size_t>())
      return where(path) + " is " + std::to_string(n) + " bytes, over its limit of " +
             std::to_string(s["maxLength"].get<size_t>());
  }
  if (v.is_array()) {
    if (s.contains("minItems") && v.size() < s["minItems"].get<size_t>())
      return where(path) + " needs at least " + std::to_string(s["minItems"].get<size_t>()) +
             " item(s)";
    if (s.contains("maxItems") && v.size() > s["maxItems"].get<size_t>())
      return where(path) + " has " + std::to_string(v.size()) + " items, over its limit of " +
             std::to_string(s["maxItems"].get<size_t>());
  }
  if (v.is_number()) {
    if (s.contains("minimum") && v.get<double>() < s["minimum"].get<double>())
      return where(path) + " must be at least " + s["minimum"].dump();
    if (s.contains("maximum") && v.get<double>() > s["maximum"].get<double>())
      return where(path) + " must be at most " + s["maximum"].dump();
  }
  return std::nullopt;
}

std::optional<std::string> check(const Json& v, const Json& s, const std::string& path) {
  if (auto t = s.find("type"); t != s.end() && t->is_string() &&
                               !has_type(v, t->get<std::string>()))
    return where(path) + " must be " +
           (t->get<std::string>() == "integer" ? std::string("an integer")
            : t->get<std::string>() == "array" || t->get<std::string>() == "object"
                ? "an " + t->get<std::string>()
                : "a " + t->get<std::string>()) +
           ", not " + json_kind_name(v);
  if (auto e = s.find("enum"); e != s.end()) {
    bool found = false;
    std::string allowed;
    for (const auto& x : *e) {
      found = found || x == v;
      allowed += (allowed.empty() ? "" : ", ") + x.dump();
    }
    if (!found) return where(path) + " must be one of: " + allowed;
  }
  if (auto bad = check_bounds(v, s, path)) return bad;
  if (v.is_object()) return check_object(v, s, path);
  if (v.is_array() && s.contains("items"))
    for (size_t i = 0; i < v.size(); ++i)
      if (auto bad = check(v[i], s["items"], path + "[" + std::to_string(i) + "]")) return bad;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> schema_problem(const Json& value, const Json& schema) {
  return check(value, schema, "");
}

}  // namespace ta::mcp
