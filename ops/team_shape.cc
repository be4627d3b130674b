#include "ops/team_shape.h"

#include <cctype>
#include <map>

#include <nlohmann/json.hpp>

#include "config/providers.h"
#include "ops/errors.h"

namespace ta::ops {

namespace {

std::string trimmed(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::string::size_type from = 0;
  for (;;) {
    auto comma = s.find(',', from);
    out.push_back(trimmed(s.substr(from, comma == std::string::npos ? comma : comma - from)));
    if (comma == std::string::npos) return out;
    from = comma + 1;
  }
}

// "3" → 3; nothing when it is not a plain decimal within 1..kMaxWorkersPerGroup.
bool parse_count(const std::string& text, int& count) {
  if (text.empty() || text.size() > 3) return false;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  count = std::stoi(text);
  return count >= 1 && count <= kMaxWorkersPerGroup;
}

Result<WorkerGroup> parse_group(const std::string& entry) {
  const std::string form = " (PROVIDER[:COUNT], e.g. codex:2)";
  if (entry.empty())
    return usage_error("--workers has an empty entry; give PROVIDER[:COUNT] entries separated "
                       "by commas, e.g. codex:2,claude:1");
  WorkerGroup g;
  auto colon = entry.find(':');
  g.provider = trimmed(entry.substr(0, colon));
  if (!config::is_known_provider(g.provider))
    return usage_error("--workers: unknown provider \"" + g.provider + "\" in \"" + entry +
                       "\"; the providers are " + config::known_providers_list());
  if (colon != std::string::npos && !parse_count(trimmed(entry.substr(colon + 1)), g.count))
    return usage_error("--workers: \"" + entry + "\" needs a count from 1 to " +
                       std::to_string(kMaxWorkersPerGroup) + " after the colon" + form);
  return g;
}

}  // namespace

Result<std::vector<WorkerGroup>> parse_workers(const std::vector<std::string>& items) {
  std::vector<WorkerGroup> out;
  for (const auto& item : items)
    for (const auto& entry : split_commas(item)) {
      auto g = parse_group(entry);
      if (!g) return g.error();
      out.push_back(*g);
    }
  return out;
}

std::vector<NamedWorker> name_workers(const std::vector<WorkerGroup>& groups) {
  std::map<std::string, int> used;
  std::vector<NamedWorker> out;
  for (const auto& g : groups)
    for (int i = 0; i < g.count; ++i)
      out.push_back({g.provider + "-" + std::to_string(++used[g.provider]), g.provider});
  return out;
}

std::string team_name_for_folder(const std::string& path) {
  std::string base = path;
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  base = base.substr(base.rfind('/') == std::string::npos ? 0 : base.rfind('/') + 1);
  std::string name;
  for (char c : base) {
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool keep = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '_';
    if (keep)
      name += l;
    else if (!name.empty() && name.back() != '-')
      name += '-';
  }
  if (name.size() > 32) name.resize(32);
  while (!name.empty() && name.back() == '-') name.pop_back();
  return name.empty() ? "team" : name;
}

std::string team_shape_text(const TeamShape& shape) {
  using OrderedJson = nlohmann::ordered_json;
  OrderedJson leader{{"id", "leader"}, {"provider", shape.leader_provider}};
  if (!shape.leader_args.empty()) leader["args"] = shape.leader_args;
  OrderedJson agents = OrderedJson::array();
  for (const auto& w : name_workers(shape.workers))
    agents.push_back(OrderedJson{{"id", w.id}, {"provider", w.provider}});
  OrderedJson team{{"team", shape.team},
                   {"leader", leader},
                   {"agents", agents},
                   {"runtime", {{"auto_trust_own_workspace", false}}}};
  return team.dump(2) + "\n";
}

}  // namespace ta::ops
