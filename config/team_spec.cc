#include "config/team_spec.h"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "config/providers.h"
#include "config/spec_json.h"
#include "util/did_you_mean.h"
#include "util/fs.h"
#include "util/ids.h"
#include "util/strings.h"

namespace ta::config {

namespace {

// ordered_json keeps the file's key order, so problems are listed as the user reads them.
using Json = nlohmann::ordered_json;

const std::vector<std::string> kTopKeys{"team", "leader", "agents", "runtime", "display",
                                        "providers"};
const std::vector<std::string> kDisplayKeys{"per_window", "leader"};
const std::vector<std::string> kProviderKeys{"command"};
const std::vector<std::string> kAgentKeys{"id", "provider", "role", "model", "restart", "args", "env", "host"};
const std::vector<std::string> kRuntimeKeys{"auto_trust_own_workspace", "auto_trust_scope",
                                            "idle_reminder_after_s", "stuck_after_s", "restart"};
const std::vector<std::string> kTrustScopes{"workspace", "repository"};
const std::vector<std::string> kRestartPolicies{"never", "on-failure"};
constexpr const char* kNameRule = "1-32 characters from a-z, 0-9, _ and -";

class Validator {
 public:
  std::vector<SpecError> errors;

  void add(const std::string& path, std::string message) {
    errors.push_back({path.empty() ? "/" : path, std::move(message)});
  }

  // Checks that `j` is an object and has only `allowed` keys.
  bool object(const Json& j, const std::string& path, const std::vector<std::string>& allowed,
              const std::string& example) {
    if (!j.is_object()) {
      add(path, "must be an object such as " + example + ", not " + json_kind_name(j));
      return false;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end())
        add(path + "/" + json_pointer_segment(it.key()),
            "unknown key (allowed: " + join(allowed) + ")" + did_you_mean(it.key(), allowed));
    }
    return true;
  }

  // A string member: nullopt (and an error) when present with another type.
  std::optional<std::string> string(const Json& obj, const std::string& key,
                                    const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end()) return std::nullopt;
    if (!it->is_string()) {
      add(path + "/" + key, "must be a string, not " + json_kind_name(*it));
      return std::nullopt;
    }
    auto s = it->get<std::string>();
    // These strings end up in argv or the environment, which cannot carry NUL.
    if (s.find('\0') != std::string::npos) {
      add(path + "/" + key, "must not contain a NUL character");
      return std::nullopt;
    }
    return s;
  }

  std::string name(const Json& obj, const std::string& key, const std::string& path,
                   const std::string& what) {
    if (!obj.contains(key)) {
      add(path + "/" + key, "missing; give " + what + " " + kNameRule);
      return {};
    }
    auto s = string(obj, key, path);
    if (!s) return {};
    if (!is_safe_name(*s)) {
      add(path + "/" + key, "\"" + *s + "\" is not a valid name; use " + kNameRule);
      return {};
    }
    return *s;
  }

  AgentSpec agent(const Json& j, const std::string& path, bool is_leader) {
    AgentSpec a;
    const std::string example = is_leader ? R"({"provider": "claude"})"
                                          : R"({"id": "backend", "provider": "codex"})";
    if (!object(j, path, kAgentKeys, example)) return a;
    if (is_leader) {
      a.id = std::string(kLeaderId);
      if (auto id = string(j, "id", path); id && *id != kLeaderId)
        add(path + "/id", "must be \"leader\" (the leader's id is fixed), not \"" + *id + "\"");
    } else {
      a.id = name(j, "id", path, "the agent an id of");
      if (a.id == kLeaderId) {
        add(path + "/id", "\"leader\" is reserved for the leader; choose another id");
        a.id.clear();
      } else if (a.id == kHumanId) {
        add(path + "/id", "\"human\" is reserved for messages a person sends; choose another id");
        a.id.clear();
      }
    }
    if (!j.contains("provider")) {
      add(path + "/provider", "missing (known: " + known_providers_list() + ")");
    } else if (auto p = string(j, "provider", path)) {
      if (is_known_provider(*p))
        a.provider = *p;
      else
        add(path + "/provider",
            "unknown provider \"" + *p + "\" (known: " + known_providers_list() + ")");
    }
    a.role = string(j, "role", path).value_or("");
    if (auto it = j.find("model"); it != j.end() && !it->is_null()) {
      auto m = string(j, "model", path);
      if (m && m->empty())
        add(path + "/model", "must be a model name or null (for the provider's default), not \"\"");
      else if (m)
        a.model = *m;
    }
    if (auto r = string(j, "restart", path)) {
      if (*r == "on-failure")
        a.restart = RestartPolicy::on_failure;
      else if (*r != "never")
        add(path + "/restart", "unknown restart policy \"" + *r + "\" (known: " +
                                   join(kRestartPolicies) + ")");
    }
    if (auto it = j.find("args"); it != j.end()) {
      if (!it->is_array()) {
        add(path + "/args", "must be an array of strings, not " + json_kind_name(*it));
      } else {
        for (size_t i = 0; i < it->size(); ++i) {
          const auto& arg = (*it)[i];
          const auto arg_path = path + "/args/" + std::to_string(i);
          if (!arg.is_string())
            add(arg_path, "must be a string, not " + json_kind_name(arg));
          else if (arg.get_ref<const std::string&>().find('\0') != std::string::npos)
            add(arg_path, "must not contain a NUL character");
          else
            a.args.push_back(arg.get<std::string>());
        }
      }
    }
    if (auto it = j.find("env"); it != j.end()) env(*it, path + "/env", a);
    if (j.contains("host")) {
      if (is_leader)
        add(path + "/host", "the leader runs with the supervisor; remove \"host\"");
      else if (auto h = string(j, "host", path); h && !is_safe_name(*h))
        add(path + "/host", "\"" + *h + "\" is not a valid pane host name; use " + kNameRule);
      else if (h)
        a.host = *h;
    }
    return a;
  }

  // "providers": {"claude": {"command": "/opt/claude/bin/claude"}}
  void providers(const Json& j, std::map<std::string, ProviderSettings>& out) {
    if (!j.is_object()) {
      add("/providers", R"(must be an object such as {"claude": {"command": "/path/to/claude"}}, not )" +
                            json_kind_name(j));
      return;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
      const auto path = "/providers/" + json_pointer_segment(it.key());
      if (!is_known_provider(it.key())) {
        add(path, "unknown provider \"" + it.key() + "\" (known: " + known_providers_list() + ")");
        continue;
      }
      if (!object(*it, path, kProviderKeys, R"({"command": "/path/to/program"})")) continue;
      auto command = string(*it, "command", path);
      if (!command) continue;
      if (command->empty() || command->find_first_not_of(" \t") == std::string::npos)
        add(path + "/command", "must name a program: an absolute path, or a name looked up on PATH");
      else if ((*command)[0] != '/' && command->find('/') != std::string::npos)
        add(path + "/command", "\"" + *command + "\" is a relative path; give an absolute path, "
                               "or a name without / that is looked up on PATH");
      else
        out[it.key()].command = *command;
    }
  }

  void env(const Json& j, const std::string& path, AgentSpec& a) {
    if (!j.is_object()) {
      add(path, R"(must be an object of variable names to strings, such as {"FOO": "1"}, not )" +
                    json_kind_name(j));
      return;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& k = it.key();
      const auto var_path = path + "/" + json_pointer_segment(k);
      bool valid = !k.empty() && !(k[0] >= '0' && k[0] <= '9') &&
                   std::all_of(k.begin(), k.end(), [](char c) {
                     return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '_';
                   });
      if (!valid) {
        add(var_path, "not a valid environment variable name; use letters, digits and _");
      } else if (k.rfind("TEAM_AGENT_", 0) == 0) {
        add(var_path, "reserved; the supervisor sets the TEAM_AGENT_* variables itself");
      } else if (auto v = string(j, k, path)) {
        a.env[k] = *v;
      }
    }
  }

  // The top-level members of a document that is an object.
  void document(const Json& doc, TeamSpec& spec) {
    spec.team = name(doc, "team", "", "the team a name of");
    if (auto it = doc.find("leader"); it == doc.end())
      add("/leader", R"(missing; add {"provider": "claude"} (known providers: )" +
                         known_providers_list() + ")");
    else
      spec.leader = agent(*it, "/leader", true);
    if (auto it = doc.find("agents"); it == doc.end())
      add("/agents", "missing; add the list of workers (it may be empty: [])");
    else
      agents(*it, spec.agents);
    if (auto it = doc.find("runtime"); it != doc.end() &&
        object(*it, "/runtime", kRuntimeKeys, R"({"auto_trust_own_workspace": false})"))
      runtime(*it, spec.runtime);
    if (auto it = doc.find("display"); it != doc.end() &&
        object(*it, "/display", kDisplayKeys, R"({"per_window": 4, "leader": "own-window"})"))
      display(*it, spec.display);
    if (auto it = doc.find("providers"); it != doc.end()) providers(*it, spec.providers);
  }

  // "display": {"per_window": 4, "leader": "own-window"}
  void display(const Json& j, DisplaySpec& out) {
    if (auto t = j.find("per_window"); t != j.end()) {
      if (t->is_number_integer() && t->get<int>() >= 1 && t->get<int>() <= kMaxPerWindow)
        out.per_window = t->get<int>();
      else
        add("/display/per_window", "must be a whole number from 1 to " +
                                       std::to_string(kMaxPerWindow) + ", not " + t->dump());
    }
    if (auto t = j.find("leader"); t != j.end()) {
      if (t->is_string() && t->get<std::string>() == "shared")
        out.leader = LeaderPlacement::shared;
      else if (!t->is_string() || t->get<std::string>() != "own-window")
        add("/display/leader", "must be \"own-window\" or \"shared\", not " + t->dump());
    }
  }

  // "agents": [...], each id used once.
  void agents(const Json& j, std::vector<AgentSpec>& out) {
    if (!j.is_array()) {
      add("/agents", "must be an array of agents, not " + json_kind_name(j));
      return;
    }
    std::map<std::string, std::string> first_use;  // id -> pointer of its first use
    for (size_t i = 0; i < j.size(); ++i) {
      const auto path = "/agents/" + std::to_string(i);
      auto a = agent(j[i], path, false);
      if (a.id.empty()) continue;
      auto [prev, inserted] = first_use.emplace(a.id, path + "/id");
      if (!inserted)
        add(path + "/id", "duplicate id \"" + a.id + "\" (already used by " + prev->second +
                              "); agent ids must be unique");
      out.push_back(std::move(a));
    }
  }

  // "runtime": {"auto_trust_own_workspace": true, "auto_trust_scope": "repository"}
  void runtime(const Json& j, RuntimeSpec& out) {
    if (auto t = j.find("auto_trust_own_workspace"); t != j.end()) {
      if (t->is_boolean())
        out.auto_trust_own_workspace = t->get<bool>();
      else
        add("/runtime/auto_trust_own_workspace",
            "must be true or false, not " + json_kind_name(*t));
    }
    if (auto t = j.find("auto_trust_scope"); t != j.end()) {
      if (!t->is_string())
        add("/runtime/auto_trust_scope",
            "must be \"workspace\" or \"repository\", not " + json_kind_name(*t));
      else if (t->get<std::string>() == "repository")
        out.auto_trust_scope = TrustScope::repository;
      else if (t->get<std::string>() != "workspace")
        add("/runtime/auto_trust_scope", "unknown scope \"" + t->get<std::string>() +
                                             "\" (known: " + join(kTrustScopes) + ")");
    }
    seconds(j, "idle_reminder_after_s", out.idle_reminder_after_s);
    seconds(j, "stuck_after_s", out.stuck_after_s);
    if (auto t = j.find("restart"); t != j.end()) {
      if (t->is_string() && t->get<std::string>() == "on-failure")
        out.restart = RestartPolicy::on_failure;
      else if (!t->is_string() || t->get<std::string>() != "never")
        add("/runtime/restart", "must be \"never\" or \"on-failure\", not " + t->dump());
    }
  }

  // A positive number of seconds, at most a day.
  void seconds(const Json& j, const char* key, double& out) {
    auto t = j.find(key);
    if (t == j.end()) return;
    if (t->is_number() && t->get<double>() > 0 && t->get<double>() <= 86400)
      out = t->get<double>();
    else
      add(std::string("/runtime/") + key,
          "must be a number of seconds above 0 and at most 86400, not " + t->dump());
  }
};

}  // namespace

bool is_safe_name(std::string_view s) {
  if (s.empty() || s.size() > 32) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

const AgentSpec* TeamSpec::find(std::string_view id) const {
  if (id == leader.id) return &leader;
  for (const auto& a : agents)
    if (a.id == id) return &a;
  return nullptr;
}

std::vector<std::string> TeamSpec::member_ids() const {
  std::vector<std::string> ids{leader.id};
  for (const auto& a : agents) ids.push_back(a.id);
  return ids;
}

std::vector<std::string> TeamSpec::members_on(std::string_view host) const {
  std::vector<std::string> ids;
  if (host.empty()) ids.push_back(leader.id);
  for (const auto& a : agents)
    if (a.host == host) ids.push_back(a.id);
  return ids;
}

bool TeamSpec::has_pane_hosts() const {
  for (const auto& a : agents)
    if (!a.host.empty()) return true;
  return false;
}

ParsedTeamSpec parse_team_spec(std::string_view text) {
  ParsedTeamSpec out;
  auto parsed = parse_strict_json(text);
  if (!parsed.parsed) {
    out.errors = std::move(parsed.errors);
    return out;
  }
  Json doc = std::move(parsed.doc);

  Validator v;
  v.errors = std::move(parsed.errors);
  TeamSpec spec;
  if (v.object(doc, "", kTopKeys, R"({"team": "demo", "leader": {...}, "agents": [...]})"))
    v.document(doc, spec);
  if (v.errors.empty())
    out.spec = std::move(spec);
  else
    out.errors = std::move(v.errors);
  return out;
}

const char* trust_scope_name(TrustScope s) {
  return s == TrustScope::repository ? "repository" : "workspace";
}

ReadLimit team_spec_limit() {
  return {1u << 20, "the team spec",
          "a team spec is a few KiB of JSON; check that the path names the team spec"};
}

Result<std::string> read_team_spec_text(const std::string& path) {
  return read_file_bounded(path, team_spec_limit());
}

Result<TeamSpec> load_team_spec(const std::string& path) {
  if (!file_exists(path))
    return make_error("no team spec at " + path +
                          "; run `team-agent init` (or `team-agent init --demo`) to create one",
                      2);
  auto text = read_team_spec_text(path);
  if (!text) return make_error(text.error().message, 2);
  auto parsed = parse_team_spec(*text);
  if (parsed.ok()) return std::move(*parsed.spec);
  const size_t n = parsed.errors.size();
  std::string msg = path + " is not a valid team spec (" + std::to_string(n) +
                    (n == 1 ? " problem" : " problems") + "); fix and try again:";
  for (const auto& e : parsed.errors) msg += "\n  " + e.str();
  return make_error(std::move(msg), 2);
}

}  // namespace ta::config
