#include "config/team_spec_edit.h"

#include <nlohmann/json.hpp>

namespace ta::config {

namespace {

using Json = nlohmann::ordered_json;

Result<Json> parsed(std::string_view text) {
  auto j = Json::parse(text, nullptr, false);
  if (!j.is_object() || !j.contains("agents") || !j["agents"].is_array())
    return make_error("team.json has no \"agents\" list to edit", 2);
  return j;
}

// The edited document, refused unless it is a valid spec.
Result<std::string> checked(const Json& j) {
  std::string text = j.dump(2) + "\n";
  auto spec = parse_team_spec(text);
  if (!spec.ok()) {
    std::string why;
    for (const auto& e : spec.errors) why += (why.empty() ? "" : "; ") + e.str();
    return make_error("the edited team.json would not be valid: " + why, 2);
  }
  return text;
}

}  // namespace

Result<std::string> spec_with_worker(std::string_view text, const NewWorker& w) {
  if (!is_safe_name(w.id) || w.id == kLeaderId)
    return make_error("\"" + w.id + "\" cannot be an agent id: use 1-32 characters from "
                      "[a-z0-9_-], not \"leader\"",
                      2);
  auto j = parsed(text);
  if (!j) return j.error();
  for (const auto& a : (*j)["agents"])
    if (a.is_object() && a.value("id", "") == w.id)
      return make_error("the team already has an agent \"" + w.id + "\"", 2);
  Json agent{{"id", w.id}, {"provider", w.provider}};
  if (!w.role.empty()) agent["role"] = w.role;
  if (!w.model.empty()) agent["model"] = w.model;
  (*j)["agents"].push_back(std::move(agent));
  return checked(*j);
}

Result<std::string> spec_without_worker(std::string_view text, const std::string& id) {
  auto j = parsed(text);
  if (!j) return j.error();
  auto& agents = (*j)["agents"];
  for (auto it = agents.begin(); it != agents.end(); ++it)
    if (it->is_object() && it->value("id", "") == id) {
      agents.erase(it);
      return checked(*j);
    }
  return make_error("the team has no worker \"" + id + "\"", 2);
}

}  // namespace ta::config
