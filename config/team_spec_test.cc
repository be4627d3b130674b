#include "config/team_spec.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ta::config;

// Lets a failing CHECK show both lists of problems, one per line.
namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& v) {
    std::string s = "{";
    for (const auto& e : v) s += "\n  " + e;
    return (s + "\n}").c_str();
  }
};
}  // namespace doctest

namespace {

// Every problem reported for `text`, as the `path: message` lines a user sees.
std::vector<std::string> spec_problems(const std::string& text) {
  auto parsed = parse_team_spec(text);
  std::vector<std::string> out;
  for (const auto& e : parsed.errors) out.push_back(e.str());
  CHECK(parsed.ok() == out.empty());
  return out;
}

// A valid spec with `agents` spliced in, so each case states only what it breaks.
std::string with_agents(const std::string& agents) {
  return R"({"team": "demo", "leader": {"provider": "fake"}, "agents": [)" + agents + "]}";
}

}  // namespace

TEST_CASE("a valid spec loads with every field, defaults filled in") {
  auto parsed = parse_team_spec(R"({
    "team": "demo",
    "leader": {"id": "leader", "provider": "fake", "role": "Plans the work"},
    "agents": [
      {"id": "backend",  "provider": "codex",  "role": "Owns the API",  "model": null},
      {"id": "frontend", "provider": "claude", "role": "Owns the UI", "model": "opus",
       "restart": "on-failure", "args": ["--verbose"], "env": {"FOO_BAR": "1"}}
    ],
    "runtime": {"auto_trust_own_workspace": true}
  })");
  REQUIRE(parsed.errors.empty());
  REQUIRE(parsed.ok());
  const TeamSpec& s = *parsed.spec;
  CHECK(s.team == "demo");
  CHECK(s.leader.id == "leader");
  CHECK(s.leader.provider == "fake");
  CHECK(s.leader.role == "Plans the work");
  REQUIRE(s.agents.size() == 2);
  CHECK(s.agents[0].id == "backend");
  CHECK(s.agents[0].provider == "codex");
  CHECK_FALSE(s.agents[0].model.has_value());
  CHECK(s.agents[0].restart == RestartPolicy::never);
  CHECK(s.agents[1].model == std::optional<std::string>("opus"));
  CHECK(s.agents[1].restart == RestartPolicy::on_failure);
  CHECK(s.agents[1].args == std::vector<std::string>{"--verbose"});
  CHECK(s.agents[1].env.at("FOO_BAR") == "1");
  CHECK(s.runtime.auto_trust_own_workspace);
  CHECK(s.member_ids() == std::vector<std::string>{"leader", "backend", "frontend"});
  CHECK(s.find("frontend") == &s.agents[1]);
  CHECK(s.find("leader") == &s.leader);
  CHECK(s.find("nobody") == nullptr);
}

TEST_CASE("the minimal spec: leader id absent, no agents, no runtime") {
  auto parsed = parse_team_spec(R"({"team": "t", "leader": {"provider": "claude"}, "agents": []})");
  REQUIRE(parsed.ok());
  CHECK(parsed.spec->leader.id == "leader");
  CHECK(parsed.spec->agents.empty());
  CHECK_FALSE(parsed.spec->runtime.auto_trust_own_workspace);
}

TEST_CASE("an unknown provider names the known ones") {
  CHECK(spec_problems(with_agents(R"({"id": "a", "provider": "codex"}, {"id": "b", "provider": "claud"})")) ==
        std::vector<std::string>{
            R"(/agents/1/provider: unknown provider "claud" (known: claude, codex, fake))"});
}

TEST_CASE("unknown keys are errors at every level, with a suggestion for typos") {
  auto p = spec_problems(R"({"team": "t", "leader": {"provider": "fake", "colour": 1},
    "agents": [{"id": "a", "provider": "fake", "modle": "x"}],
    "runtime": {"auto_trust": true}, "agnets": []})");
  CHECK(p == std::vector<std::string>{
                 R"(/agnets: unknown key (allowed: team, leader, agents, runtime, display, providers); did you mean "agents"?)",
                 "/leader/colour: unknown key (allowed: id, provider, role, model, restart, args, env, host)",
                 R"(/agents/0/modle: unknown key (allowed: id, provider, role, model, restart, args, env, host); did you mean "model"?)",
                 "/runtime/auto_trust: unknown key (allowed: auto_trust_own_workspace, "
                 "auto_trust_scope, idle_reminder_after_s, stuck_after_s, restart)"});
}

TEST_CASE("runtime.auto_trust_scope: workspace (the default) or repository, nothing else") {
  auto scope_of = [](const std::string& runtime) {
    auto parsed = ta::config::parse_team_spec(
        R"({"team": "t", "leader": {"provider": "fake"}, "agents": [], "runtime": )" + runtime +
        "}");
    REQUIRE(parsed.ok());
    return parsed.spec->runtime.auto_trust_scope;
  };
  CHECK(scope_of("{}") == ta::config::TrustScope::workspace);
  CHECK(scope_of(R"({"auto_trust_scope": "workspace"})") == ta::config::TrustScope::workspace);
  CHECK(scope_of(R"({"auto_trust_scope": "repository"})") == ta::config::TrustScope::repository);
  CHECK(spec_problems(R"({"team": "t", "leader": {"provider": "fake"}, "agents": [],
    "runtime": {"auto_trust_scope": "repo"}})") ==
        std::vector<std::string>{
            R"(/runtime/auto_trust_scope: unknown scope "repo" (known: workspace, repository))"});
  CHECK(spec_problems(R"({"team": "t", "leader": {"provider": "fake"}, "agents": [],
    "runtime": {"auto_trust_scope": true}})") ==
        std::vector<std::string>{
            R"(/runtime/auto_trust_scope: must be "workspace" or "repository", not a boolean)"});
}

TEST_CASE("runtime health settings: positive seconds and a team restart policy") {
  auto runtime_of = [](const std::string& runtime) {
    auto parsed = ta::config::parse_team_spec(
        R"({"team": "t", "leader": {"provider": "fake"}, "agents": [], "runtime": )" + runtime +
        "}");
    REQUIRE(parsed.ok());
    return parsed.spec->runtime;
  };
  CHECK(runtime_of("{}").idle_reminder_after_s == 60);
  CHECK(runtime_of("{}").stuck_after_s == 300);
  CHECK(runtime_of("{}").restart == ta::config::RestartPolicy::never);
  auto r = runtime_of(R"({"idle_reminder_after_s": 1.5, "stuck_after_s": 2, "restart": "on-failure"})");
  CHECK(r.idle_reminder_after_s == 1.5);
  CHECK(r.stuck_after_s == 2);
  CHECK(r.restart == ta::config::RestartPolicy::on_failure);
  CHECK(spec_problems(R"({"team": "t", "leader": {"provider": "fake"}, "agents": [],
    "runtime": {"idle_reminder_after_s": 0, "stuck_after_s": "5m", "restart": "always"}})") ==
        std::vector<std::string>{
            "/runtime/idle_reminder_after_s: must be a number of seconds above 0 and at most "
            "86400, not 0",
            "/runtime/stuck_after_s: must be a number of seconds above 0 and at most 86400, not "
            "\"5m\"",
            "/runtime/restart: must be \"never\" or \"on-failure\", not \"always\""});
}

TEST_CASE("display: workers per overview window and where the leader goes") {
  auto display_of = [](const std::string& display) {
    auto parsed = ta::config::parse_team_spec(
        R"({"team": "t", "leader": {"provider": "fake"}, "agents": [], "display": )" + display +
        "}");
    REQUIRE(parsed.ok());
    return parsed.spec->display;
  };
  CHECK(display_of("{}").per_window == 4);
  CHECK(display_of("{}").leader == ta::config::LeaderPlacement::own_window);
  auto d = display_of(R"({"per_window": 3, "leader": "shared"})");
  CHECK(d.per_window == 3);
  CHECK(d.leader == ta::config::LeaderPlacement::shared);
  CHECK(spec_problems(R"({"team": "t", "leader": {"provider": "fake"}, "agents": [],
    "display": {"per_window": 0, "leader": "tiled", "colour": true}})") ==
        std::vector<std::string>{
            "/display/colour: unknown key (allowed: per_window, leader)",
            "/display/per_window: must be a whole number from 1 to 9, not 0",
            "/display/leader: must be \"own-window\" or \"shared\", not \"tiled\""});
  CHECK(spec_problems(R"({"team": "t", "leader": {"provider": "fake"}, "agents": [],
    "display": {"per_window": 2.5}})") ==
        std::vector<std::string>{"/display/per_window: must be a whole number from 1 to 9, not 2.5"});
}

TEST_CASE("duplicate agent ids point at the first use") {
  CHECK(spec_problems(with_agents(R"({"id": "a", "provider": "fake"}, {"id": "b", "provider": "fake"},
                                {"id": "a", "provider": "codex"})")) ==
        std::vector<std::string>{
            R"(/agents/2/id: duplicate id "a" (already used by /agents/0/id); agent ids must be unique)"});
}

TEST_CASE("`leader` and `human` are reserved agent ids") {
  CHECK(spec_problems(with_agents(R"({"id": "leader", "provider": "fake"}, {"id": "human", "provider": "fake"})")) ==
        std::vector<std::string>{
            R"(/agents/0/id: "leader" is reserved for the leader; choose another id)",
            R"(/agents/1/id: "human" is reserved for messages a person sends; choose another id)"});
}

TEST_CASE("agent ids and the team name must be 1-32 of [a-z0-9_-]") {
  const std::string long_id(33, 'a');
  auto p = spec_problems(R"({"team": "My Team", "leader": {"provider": "fake"}, "agents": [
      {"id": "Backend", "provider": "fake"}, {"id": "", "provider": "fake"},
      {"id": ")" + long_id + R"(", "provider": "fake"}, {"id": "ok_id-2", "provider": "fake"},
      {"id": 7, "provider": "fake"}, {"provider": "fake"}]})");
  CHECK(p == std::vector<std::string>{
                 R"(/team: "My Team" is not a valid name; use 1-32 characters from a-z, 0-9, _ and -)",
                 R"(/agents/0/id: "Backend" is not a valid name; use 1-32 characters from a-z, 0-9, _ and -)",
                 R"(/agents/1/id: "" is not a valid name; use 1-32 characters from a-z, 0-9, _ and -)",
                 "/agents/2/id: \"" + long_id +
                     R"(" is not a valid name; use 1-32 characters from a-z, 0-9, _ and -)",
                 "/agents/4/id: must be a string, not a number",
                 "/agents/5/id: missing; give the agent an id of 1-32 characters from a-z, 0-9, _ and -"});
  CHECK(is_safe_name(std::string(32, 'z')));
  CHECK_FALSE(is_safe_name("a.b"));
}

TEST_CASE("missing required members are each reported") {
  CHECK(spec_problems("{}") == std::vector<std::string>{
                              "/team: missing; give the team a name of 1-32 characters from a-z, 0-9, _ and -",
                              R"(/leader: missing; add {"provider": "claude"} (known providers: claude, codex, fake))",
                              "/agents: missing; add the list of workers (it may be empty: [])"});
  CHECK(spec_problems(R"({"team": "t", "leader": {}, "agents": [{"id": "a"}]})") ==
        std::vector<std::string>{"/leader/provider: missing (known: claude, codex, fake)",
                                 "/agents/0/provider: missing (known: claude, codex, fake)"});
}

TEST_CASE("wrong types say what was expected and what was found") {
  auto p = spec_problems(R"({"team": "t", "leader": {"id": "boss", "provider": "fake"},
    "agents": [
      {"id": "a", "provider": "fake", "role": 3, "model": "", "restart": "always",
       "args": "--x", "env": {"TEAM_AGENT_ID": "x", "1BAD": "y", "OK": 2}},
      "b",
      {"id": "c", "provider": "fake", "args": ["--ok", false]}],
    "runtime": {"auto_trust_own_workspace": "yes"}})");
  CHECK(p == std::vector<std::string>{
                 R"(/leader/id: must be "leader" (the leader's id is fixed), not "boss")",
                 "/agents/0/role: must be a string, not a number",
                 R"(/agents/0/model: must be a model name or null (for the provider's default), not "")",
                 R"(/agents/0/restart: unknown restart policy "always" (known: never, on-failure))",
                 "/agents/0/args: must be an array of strings, not a string",
                 "/agents/0/env/TEAM_AGENT_ID: reserved; the supervisor sets the TEAM_AGENT_* variables itself",
                 "/agents/0/env/1BAD: not a valid environment variable name; use letters, digits and _",
                 "/agents/0/env/OK: must be a string, not a number",
                 R"(/agents/1: must be an object such as {"id": "backend", "provider": "codex"}, not a string)",
                 "/agents/2/args/1: must be a string, not a boolean",
                 "/runtime/auto_trust_own_workspace: must be true or false, not a string"});
}

TEST_CASE("the document itself and the agents list must have the right shape") {
  CHECK(spec_problems("[]") ==
        std::vector<std::string>{
            R"(/: must be an object such as {"team": "demo", "leader": {...}, "agents": [...]}, not an array)"});
  CHECK(spec_problems(R"({"team": "t", "leader": {"provider": "fake"}, "agents": {}})") ==
        std::vector<std::string>{"/agents: must be an array of agents, not an object"});
}

TEST_CASE("many problems in one file are all reported, not just the first") {
  auto p = spec_problems(R"({"team": "t", "leader": {"provider": "gpt"},
    "agents": [{"id": "x", "provider": "claud"}, {"id": "x", "provider": "fake"}, {"id": "Y", "provider": "fake"}]})");
  CHECK(p == std::vector<std::string>{
                 R"(/leader/provider: unknown provider "gpt" (known: claude, codex, fake))",
                 R"(/agents/0/provider: unknown provider "claud" (known: claude, codex, fake))",
                 R"(/agents/1/id: duplicate id "x" (already used by /agents/0/id); agent ids must be unique)",
                 R"(/agents/2/id: "Y" is not a valid name; use 1-32 characters from a-z, 0-9, _ and -)"});
}

TEST_CASE("a key repeated inside one object is reported at its JSON pointer") {
  auto p = spec_problems(R"({"team": "t", "leader": {"provider": "fake"},
    "agents": [{"id": "a", "provider": "fake"}, {"id": "b", "provider": "fake", "provider": "codex"}]})");
  CHECK(p == std::vector<std::string>{
                 "/agents/1/provider: duplicate key; JSON objects must not repeat a key (only the last value would count)"});
}

TEST_CASE("unknown keys with / or ~ are escaped as RFC 6901 pointers") {
  CHECK(spec_problems(R"({"team": "t", "leader": {"provider": "fake"}, "agents": [], "a/b~c": 1})") ==
        std::vector<std::string>{"/a~1b~0c: unknown key (allowed: team, leader, agents, runtime, display, providers)"});
}

TEST_CASE("malformed JSON is one error with its line and column") {
  auto p = spec_problems("{\n  \"team\": \"t\",\n  \"leader\": {\"provider\": \"fake\"\n  \"agents\": []\n}");
  REQUIRE(p.size() == 1);
  CHECK(p[0].rfind("line 4, column 10: invalid JSON: ", 0) == 0);

  auto empty = spec_problems("");
  REQUIRE(empty.size() == 1);
  CHECK(empty[0].rfind("line 1, column 1: invalid JSON: ", 0) == 0);
  CHECK(empty[0].find("unexpected end of input") != std::string::npos);
}

TEST_CASE("load_team_spec names the file and lists every problem, exit code 2") {
  auto missing = load_team_spec("/nonexistent/team.json");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == 2);
  CHECK(missing.error().message.find("team-agent init") != std::string::npos);
}

TEST_CASE("providers.<name>.command replaces a provider's program; bad ones are named") {
  auto parsed = parse_team_spec(
      R"({"team": "demo", "leader": {"provider": "claude"}, "agents": [],
          "providers": {"claude": {"command": "/opt/claude/bin/claude"}, "codex": {"command": "codex-beta"}}})");
  REQUIRE(parsed.ok());
  CHECK(parsed.spec->providers.at("claude").command == "/opt/claude/bin/claude");
  CHECK(parsed.spec->providers.at("codex").command == "codex-beta");

  auto spec = [](const std::string& providers) {
    return R"({"team": "demo", "leader": {"provider": "fake"}, "agents": [], "providers": )" +
           providers + "}";
  };
  CHECK(spec_problems(spec(R"({"claud": {"command": "/x"}})")) ==
        std::vector<std::string>{
            R"(/providers/claud: unknown provider "claud" (known: claude, codex, fake))"});
  CHECK(spec_problems(spec(R"({"codex": {"command": "bin/codex"}})")) ==
        std::vector<std::string>{
            R"(/providers/codex/command: "bin/codex" is a relative path; give an absolute path, )"
            R"(or a name without / that is looked up on PATH)"});
  CHECK(spec_problems(spec(R"({"codex": {"command": " "}})")) ==
        std::vector<std::string>{"/providers/codex/command: must name a program: an absolute "
                                 "path, or a name looked up on PATH"});
  CHECK(spec_problems(spec(R"({"codex": {"comand": "/x"}})")) ==
        std::vector<std::string>{
            R"(/providers/codex/comand: unknown key (allowed: command); did you mean "command"?)"});
  CHECK(spec_problems(spec(R"({"codex": {"command": 3}})")) ==
        std::vector<std::string>{"/providers/codex/command: must be a string, not a number"});
  CHECK(spec_problems(spec(R"(["claude"])")).size() == 1);
}

TEST_CASE("host: a worker may run on a named pane host; the leader stays with the supervisor") {
  auto parsed = ta::config::parse_team_spec(R"({"team": "t", "leader": {"provider": "fake"},
    "agents": [{"id": "a", "provider": "fake"}, {"id": "b", "provider": "fake", "host": "h2"},
               {"id": "c", "provider": "fake", "host": "h2"}]})");
  REQUIRE(parsed.ok());
  CHECK(parsed.spec->agents[1].host == "h2");
  CHECK(parsed.spec->has_pane_hosts());
  CHECK(parsed.spec->members_on("") == std::vector<std::string>{"leader", "a"});
  CHECK(parsed.spec->members_on("h2") == std::vector<std::string>{"b", "c"});
  CHECK(spec_problems(R"({"team": "t", "leader": {"provider": "fake", "host": "h2"},
    "agents": [{"id": "a", "provider": "fake", "host": "Build 2"}]})") ==
        std::vector<std::string>{
            R"(/leader/host: the leader runs with the supervisor; remove "host")",
            R"(/agents/0/host: "Build 2" is not a valid pane host name; use 1-32 characters from a-z, 0-9, _ and -)"});
}
