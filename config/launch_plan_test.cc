#include "config/launch_plan.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

using namespace ta;
using namespace ta::config;

namespace {

TeamSpec demo_spec() {
  auto parsed = parse_team_spec(R"({
    "team": "demo",
    "leader": {"id": "leader", "provider": "fake", "role": "Plans the work"},
    "agents": [
      {"id": "backend",  "provider": "codex",  "role": "Owns the API",  "model": null},
      {"id": "frontend", "provider": "claude", "role": "Owns the UI", "model": "opus",
       "args": ["--verbose"], "env": {"FOO_BAR": "1"}}
    ]
  })");
  REQUIRE(parsed.ok());
  return *parsed.spec;
}

LaunchInputs inputs() {
  LaunchInputs in;
  in.workspace = "/work/ws";
  in.team_agent_bin = "/opt/ta/bin/team-agent";
  in.run_id = "0123456789abcdef0123456789abcdef";
  in.path = "/usr/bin:/bin";
  in.fake_mode = "claude";
  // Built-in profiles only: the test must not depend on a workspace on disk.
  in.profiles = [](const std::string& name) { return builtin_profile(name); };
  return in;
}

std::string env_of(const PanePlan& p, const std::string& key) {
  for (auto& [k, v] : p.env)
    if (k == key) return v;
  return "<unset>";
}

}  // namespace

TEST_CASE("the plan has one pane per member, leader first, in the workspace") {
  auto plan = plan_launch(demo_spec(), inputs());
  REQUIRE(plan.ok());
  CHECK(plan->team == "demo");
  CHECK(plan->tmux_session == "demo");
  REQUIRE(plan->panes.size() == 3);
  CHECK(plan->panes[0].agent_id == "leader");
  CHECK(plan->panes[1].agent_id == "backend");
  CHECK(plan->panes[2].agent_id == "frontend");
  for (auto& p : plan->panes) {
    CHECK(p.cwd == "/work/ws");
    CHECK(p.window_name == p.agent_id);
  }
}

TEST_CASE("launch commands follow each provider's template, the session's arguments first") {
  auto plan = plan_launch(demo_spec(), inputs());
  REQUIRE(plan.ok());
  auto& fake = plan->panes[0];
  REQUIRE(fake.argv.size() == 10);  // the fake in claude mode keeps a Claude session
  CHECK(std::vector<std::string>(fake.argv.begin(), fake.argv.begin() + 4) ==
        std::vector<std::string>{"/opt/ta/bin/team-agent", "fake-agent", "--id", "leader"});
  CHECK(fake.argv[4] == "--session-id");
  CHECK(fake.argv[5] == fake.session_id);
  CHECK(fake.session_format == "claude");
  CHECK(std::vector<std::string>(fake.argv.begin() + 6, fake.argv.end()) ==
        std::vector<std::string>{"--mode", "claude", "--mcp-config",
                                 "/work/ws/.team/mcp/leader.json"});

  auto& codex = plan->panes[1];
  REQUIRE(codex.argv.size() == 13);  // no model: codex -c developer_instructions=… + MCP
  CHECK(codex.argv[0] == "codex");
  CHECK(codex.argv[1] == "-c");
  CHECK(codex.argv[2].rfind("developer_instructions=\"You are \\\"backend\\\"", 0) == 0);
  CHECK(codex.session_format == "codex");
  CHECK(codex.session_id.empty());  // Codex chooses its own; it is found later

  auto& claude = plan->panes[2];
  REQUIRE(claude.argv.size() == 10);
  CHECK(claude.argv[0] == "claude");
  CHECK(claude.argv[1] == "--session-id");
  CHECK(claude.argv[2] == claude.session_id);
  CHECK(claude.argv[3] == "--model");
  CHECK(claude.argv[4] == "opus");
  CHECK(claude.argv[5] == "--append-system-prompt");
  CHECK(claude.argv[6].find("Your role: Owns the UI.") != std::string::npos);
  CHECK(claude.argv[7] == "--mcp-config=/work/ws/.team/mcp/frontend.json");
  CHECK(claude.argv[8] == "--allowedTools=mcp__team_agent");
  CHECK(claude.argv[9] == "--verbose");  // the agent's own args come last
  CHECK_FALSE(claude.session_resumed);
}

TEST_CASE("a resumed session starts each CLI with its own resume arguments") {
  auto in = inputs();
  in.sessions["leader"] = {true, "11111111-2222-4333-8444-555555555555"};
  in.sessions["backend"] = {true, "0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee"};
  in.sessions["frontend"] = {true, "66666666-7777-4888-9999-000000000000"};
  auto plan = plan_launch(demo_spec(), in);
  REQUIRE(plan.ok());
  CHECK(plan->panes[0].argv[4] == "--resume");
  CHECK(plan->panes[0].argv[5] == "11111111-2222-4333-8444-555555555555");
  // `codex resume ID` is a subcommand: right after the program, flags after it.
  auto& codex = plan->panes[1];
  REQUIRE(codex.argv.size() == 15);
  CHECK(codex.argv[1] == "resume");
  CHECK(codex.argv[2] == "0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee");
  CHECK(codex.argv[3] == "-c");
  CHECK(codex.session_resumed);
  auto& claude = plan->panes[2];
  CHECK(claude.argv[1] == "--resume");
  CHECK(claude.argv[2] == "66666666-7777-4888-9999-000000000000");
  CHECK(claude.session_id == "66666666-7777-4888-9999-000000000000");
}

TEST_CASE("each pane's environment names the agent, workspace and team, binary dir first") {
  // The spec parser refuses TEAM_AGENT_* keys; the plan must not rely on that.
  auto spec = demo_spec();
  spec.agents[1].env["TEAM_AGENT_ID"] = "leader";
  auto plan = plan_launch(spec, inputs());
  REQUIRE(plan.ok());
  for (auto& p : plan->panes) {
    CHECK(env_of(p, "TEAM_AGENT_ID") == p.agent_id);
    CHECK(env_of(p, "TEAM_AGENT_WORKSPACE") == "/work/ws");
    CHECK(env_of(p, "TEAM_AGENT_TEAM") == "demo");
    CHECK(env_of(p, "PATH") == "/opt/ta/bin:/usr/bin:/bin");
  }
  // The spec may add variables but not take another agent's identity.
  CHECK(env_of(plan->panes[2], "FOO_BAR") == "1");
  CHECK(env_of(plan->panes[2], "TEAM_AGENT_ID") == "frontend");
  CHECK(env_of(plan->panes[1], "FOO_BAR") == "<unset>");
}

TEST_CASE("fresh session ids are random version-4 UUIDs, never repeated") {
  std::set<std::string> ids;
  for (int i = 0; i < 200; ++i) {
    auto a = random_session_uuid();
    REQUIRE(a.size() == 36);
    CHECK(a[8] == '-');
    CHECK(a[14] == '4');
    CHECK(std::string("89ab").find(a[19]) != std::string::npos);
    ids.insert(a);
  }
  CHECK(ids.size() == 200);
  // Two plans of the same run give a Claude agent two different sessions.
  auto plan1 = plan_launch(demo_spec(), inputs());
  auto plan2 = plan_launch(demo_spec(), inputs());
  REQUIRE(plan1.ok());
  REQUIRE(plan2.ok());
  CHECK(plan1->panes[2].session_id != plan2->panes[2].session_id);
}

TEST_CASE("a relative binary path or an unknown provider is refused with a sentence") {
  auto in = inputs();
  in.team_agent_bin = "team-agent";
  auto r = plan_launch(demo_spec(), in);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("not absolute") != std::string::npos);

  auto spec = demo_spec();
  spec.agents[0].provider = "nope";
  auto r2 = plan_launch(spec, inputs());
  REQUIRE_FALSE(r2.ok());
  CHECK(r2.error().message.rfind("agent \"backend\": ", 0) == 0);
}

TEST_CASE("a fake agent without a mode gets the fake agent's default") {
  auto in = inputs();
  in.fake_mode.clear();
  auto plan = plan_launch(demo_spec(), in);
  REQUIRE(plan.ok());
  REQUIRE(plan->panes[0].argv.size() == 6);  // no --mode; its MCP configuration only
  CHECK(plan->panes[0].argv[4] == "--mcp-config");
}

TEST_CASE("providers.<name>.command replaces the program of every agent of that provider") {
  auto parsed = parse_team_spec(R"({
    "team": "demo",
    "leader": {"provider": "claude"},
    "agents": [{"id": "a", "provider": "codex"}, {"id": "b", "provider": "claude"}],
    "providers": {"claude": {"command": "/opt/claude/bin/claude"}}
  })");
  REQUIRE(parsed.ok());
  auto plan = plan_launch(*parsed.spec, inputs());
  REQUIRE(plan.ok());
  CHECK(plan->panes[0].argv.at(0) == "/opt/claude/bin/claude");
  CHECK(plan->panes[1].argv.at(0) == "codex");
  CHECK(plan->panes[2].argv.at(0) == "/opt/claude/bin/claude");
  // Only the program changes: the profile's flags stay.
  CHECK(std::find(plan->panes[2].argv.begin(), plan->panes[2].argv.end(), "--session-id") !=
        plan->panes[2].argv.end());
}

TEST_CASE("every agent's CLI starts the team_agent MCP server as that agent, unprompted") {
  auto in = inputs();
  in.workspace = "/work/a \"ws\"";
  auto plan = plan_launch(demo_spec(), in);
  REQUIRE(plan.ok());
  for (auto& p : plan->panes) {
    CHECK(p.mcp_config_path == "/work/a \"ws\"/.team/mcp/" + p.agent_id + ".json");
    auto doc = nlohmann::json::parse(p.mcp_config_json);
    auto server = doc["mcpServers"]["team_agent"];
    CHECK(server["command"] == "/opt/ta/bin/team-agent");
    CHECK(server["args"] == nlohmann::json::array({"mcp"}));
    CHECK(server["env"]["TEAM_AGENT_ID"] == p.agent_id);
    CHECK(server["env"]["TEAM_AGENT_WORKSPACE"] == "/work/a \"ws\"");
  }
  // Codex takes the server as -c overrides, each value a TOML string or array.
  auto& codex = plan->panes[1].argv;
  std::vector<std::string> overrides;
  for (std::size_t i = 0; i + 1 < codex.size(); ++i)
    if (codex[i] == "-c" && codex[i + 1].rfind("mcp_servers.", 0) == 0)
      overrides.push_back(codex[i + 1]);
  CHECK(overrides == std::vector<std::string>{
                       "mcp_servers.team_agent.command=\"/opt/ta/bin/team-agent\"",
                       "mcp_servers.team_agent.args=[\"mcp\"]",
                       "mcp_servers.team_agent.env.TEAM_AGENT_ID=\"backend\"",
                       "mcp_servers.team_agent.env.TEAM_AGENT_WORKSPACE=\"/work/a \\\"ws\\\"\"",
                       "mcp_servers.team_agent.default_tools_approval_mode=\"approve\""});
  // The prompt names the tools, not shell commands.
  auto& prompt = plan->panes[2].system_prompt;
  CHECK(prompt.find("report_result") != std::string::npos);
  CHECK(prompt.find("send_message") != std::string::npos);
  CHECK(prompt.find("team-agent send") == std::string::npos);
  CHECK(plan->panes[0].system_prompt.find("assign_task") != std::string::npos);
  CHECK(prompt.find("assign_task") == std::string::npos);
}
