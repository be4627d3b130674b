// The agent CLIs a team starts (SPEC §2 launch commands): `run` refuses a
// team whose provider program is missing, before anything starts, with one
// sentence per missing program; `doctor` names the same programs with their
// versions and, for a Node script, the Node it runs on against the engines
// its package declares; `run` records each program's version in
// pane.started. Stand-in CLIs here are small shell scripts.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>

#include "tests/e2e/run_fixture.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

void write_program(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  write_text(path, text);
  ::chmod(path.c_str(), 0755);
}

TeamOptions in_subdir() {
  TeamOptions o;
  o.subpath = "ws";
  return o;
}

// The detail and level of the check `what` in `doctor --json`.
std::pair<std::string, std::string> check_of(const nlohmann::json& checks, const std::string& what) {
  for (const auto& c : checks)
    if (c.value("check", "") == what) return {c.value("level", ""), c.value("detail", "")};
  return {"<none>", "<no " + what + " check>"};
}

// A team with a fake leader, a Codex worker whose own PATH has no codex and
// a Claude worker whose spec names a program that does not exist.
nlohmann::json team_missing_programs(const std::string& empty_dir) {
  return {{"team", "missing"},
          {"leader", {{"provider", "fake"}}},
          {"agents",
           {{{"id", "backend"}, {"provider", "codex"}, {"env", {{"PATH", empty_dir}}}},
            {{"id", "frontend"}, {"provider", "claude"}}}},
          {"providers", {{"claude", {{"command", empty_dir + "/claude"}}}}}};
}

}  // namespace

TEST_CASE("run refuses a team whose provider programs are missing, naming each, and starts nothing") {
  TempDir empty;
  TeamWorkspace ws(in_subdir(), team_missing_programs(empty.path()));
  Background run({team_agent_bin(), "--workspace", ws.path(), "run"}, trust_env(false));
  int code = run.wait(20s);
  while (run.read_line(100ms)) {
  }
  INFO(run.transcript());
  CHECK(code == 2);
  CHECK(run.transcript().find("codex not found on PATH: install @openai/codex, or set "
                              "providers.codex.command in the team spec (needed by backend)") !=
        std::string::npos);
  CHECK(run.transcript().find("claude: " + empty.path() +
                              "/claude (providers.claude.command in the team spec) does not exist "
                              "or is not executable (needed by frontend)") != std::string::npos);
  // Nothing started: no tmux session, no pane.started.
  CHECK_FALSE(ws.session_alive());
  CHECK(events_of(ws, "pane.started").empty());
}

TEST_CASE("the template team, on a PATH without its CLIs: run exits 2 naming both, doctor too") {
  TempDir ws, bin;
  REQUIRE(team_agent(ws.path(), {"init"}).exit_code == 0);  // claude and codex
  // Only tmux on PATH, wherever this machine keeps it.
  auto tmux = run({"/bin/sh", "-c", "command -v tmux"});
  REQUIRE(tmux.exit_code == 0);
  std::filesystem::create_symlink(split_lines(tmux.out).at(0), bin.path() + "/tmux");
  Env env = trust_env(false);
  env["PATH"] = bin.path();
  auto r = team_agent(ws.path(), {"run"}, "", env);
  INFO(r.out, r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("claude not found on PATH: install @anthropic-ai/claude-code") != std::string::npos);
  CHECK(r.err.find("codex not found on PATH: install @openai/codex") != std::string::npos);
  auto d = team_agent(ws.path(), {"doctor"}, "", env);
  CHECK(d.exit_code == 1);
  CHECK(d.out.find("claude not found on PATH") != std::string::npos);
  CHECK(d.out.find("codex not found on PATH") != std::string::npos);
}

TEST_CASE("doctor names each missing provider program and fails") {
  TempDir empty;
  TeamWorkspace ws(in_subdir(), team_missing_programs(empty.path()));
  auto r = team_agent(ws.path(), {"doctor", "--json"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 1);
  auto checks = nlohmann::json::parse(r.out, nullptr, false);
  REQUIRE(checks.is_array());
  auto codex = check_of(checks, "codex");
  CHECK(codex.first == "fail");
  CHECK(codex.second ==
        "codex not found on PATH: install @openai/codex, or set providers.codex.command in the "
        "team spec");
  auto claude = check_of(checks, "claude");
  CHECK(claude.first == "fail");
  CHECK(claude.second.find(empty.path() + "/claude") != std::string::npos);
  auto fake = check_of(checks, "fake");
  CHECK(fake.first == "ok");
  CHECK(fake.second.find("this team-agent") != std::string::npos);
}

TEST_CASE("doctor shows each provider program's version and checks a Node CLI's engines") {
  TempDir tools;
  const std::string bin = tools.path() + "/bin";
  // A stand-in `node` on PATH: it answers --version itself and runs the
  // CLI scripts below as their own --version.
  write_program(bin + "/node",
                "#!/bin/sh\n[ \"$1\" = --version ] && { echo v20.1.0; exit 0; }\n"
                "case \"$1\" in *codex*) echo 'codex-cli 9.9.9';; *) echo '3.2.1 (Claude Code)';; esac\n");
  const std::string modules = tools.path() + "/node_modules";
  write_program(modules + "/@openai/codex/bin/codex.js", "#!/usr/bin/env node\n");
  write_text(modules + "/@openai/codex/package.json",
             R"({"name": "@openai/codex", "version": "9.9.9", "engines": {"node": ">=999"}})");
  write_program(modules + "/@anthropic-ai/claude-code/cli.js", "#!/usr/bin/env node\n");
  write_text(modules + "/@anthropic-ai/claude-code/package.json",
             R"({"name": "@anthropic-ai/claude-code", "version": "3.2.1", "engines": {"node": ">=18"}})");
  std::filesystem::create_symlink(modules + "/@openai/codex/bin/codex.js", bin + "/codex");
  std::filesystem::create_symlink(modules + "/@anthropic-ai/claude-code/cli.js", bin + "/claude");

  TeamWorkspace ws(in_subdir(), {{"team", "versions"},
                                 {"leader", {{"provider", "claude"}}},
                                 {"agents", {{{"id", "backend"}, {"provider", "codex"}}}}});
  auto r = team_agent(ws.path(), {"doctor", "--json"}, "", {{"PATH", bin + ":/usr/bin:/bin"}});
  INFO(r.out, r.err);
  auto checks = nlohmann::json::parse(r.out, nullptr, false);
  REQUIRE(checks.is_array());
  CHECK(check_of(checks, "claude") ==
        std::pair<std::string, std::string>{"ok", bin + "/claude: 3.2.1 (Claude Code)"});
  CHECK(check_of(checks, "codex") ==
        std::pair<std::string, std::string>{"ok", bin + "/codex: codex-cli 9.9.9"});
  CHECK(check_of(checks, "claude node") ==
        std::pair<std::string, std::string>{
            "ok", "node v20.1.0 satisfies engines.node \">=18\" of @anthropic-ai/claude-code 3.2.1"});
  auto node = check_of(checks, "codex node");
  CHECK(node.first == "fail");
  CHECK(node.second == "node v20.1.0 (" + bin +
                           "/node) does not satisfy engines.node \">=999\" of @openai/codex 9.9.9; "
                           "install a newer Node.js");
  CHECK(r.exit_code == 1);
}

TEST_CASE("run records the version each provider program gives in pane.started") {
  TempDir tools;
  // A stand-in Codex: a version, then a prompt that waits.
  write_program(tools.path() + "/codex",
                "#!/bin/sh\n[ \"$1\" = --version ] && { echo 'codex-cli 0.171.0'; exit 0; }\n"
                "printf '› \\n'; exec sleep 120\n");
  TeamWorkspace ws(in_subdir(), {{"team", "versioned"},
                                 {"leader", {{"provider", "fake"}, {"args", {"--reply", "none"}}}},
                                 {"agents", {{{"id", "backend"}, {"provider", "codex"}}}}});
  Env env = trust_env(false);
  env["PATH"] = tools.path() + ":/usr/local/bin:/usr/bin:/bin";
  RunningTeam run(ws, env);
  // pane.started is appended with supervisor.started, before any screen is read.
  auto started = run.await("pane.started", {{"agent_id", "backend"}}, 30s);
  REQUIRE_MESSAGE(started, run.transcript());
  CHECK(started->field("provider_version") == "0.171.0");
  std::map<std::string, std::string> versions;
  for (const auto& e : events_of(ws, "pane.started"))
    versions[e.data.value("agent_id", "")] = e.data.value("provider_version", "<unset>");
  CHECK(versions["backend"] == "0.171.0");
  CHECK(versions["leader"] == TEAM_AGENT_VERSION);
}

TEST_CASE("a provider override run refuses is refused by doctor too, and run exits 2 for it") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  std::filesystem::create_directories(ws.path() + "/.team/providers");
  // Valid JSON with a pattern PCRE2 cannot compile; and an unused broken one.
  auto fake = nlohmann::json::parse(read_text(std::string(TEAM_AGENT_SOURCE_DIR) +
                                              "/config/providers/fake.json"));
  fake["screen"]["idle"] = nlohmann::json::array({"(unclosed"});
  write_text(ws.path() + "/.team/providers/fake.json", fake.dump());
  auto doctor = team_agent(ws.path(), {"doctor"});
  CHECK(doctor.exit_code != 0);
  CHECK_MESSAGE(doctor.out.find("providers/fake.json is not a valid provider profile") !=
                  std::string::npos,
                doctor.out);
  Background run({team_agent_bin(), "--workspace", ws.path(), "run"}, trust_env(false));
  int code = run.wait(20s);
  while (run.read_line(100ms)) {
  }
  CHECK_MESSAGE(code == 2, run.transcript());
  CHECK_MESSAGE(run.transcript().find("missing closing parenthesis") != std::string::npos,
                run.transcript());

  std::filesystem::remove(ws.path() + "/.team/providers/fake.json");
  write_text(ws.path() + "/.team/providers/codex.json", "{\"name\": \"codex\"}");
  auto unused = team_agent(ws.path(), {"doctor"});
  CHECK_MESSAGE(unused.out.find("providers/codex.json is not a valid provider profile") !=
                  std::string::npos,
                unused.out);
}
