#include "config/provider_binary.h"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "config/provider_version.h"
#include "tests/support/temp_dir.h"

using namespace ta;
using namespace ta::config;
namespace fs = std::filesystem;

namespace {

void write_file(const std::string& path, const std::string& text, bool executable) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << text;
  ::chmod(path.c_str(), executable ? 0755 : 0644);
}

LaunchPlan plan_for(const std::string& spec_text, const std::string& path) {
  auto parsed = parse_team_spec(spec_text);
  REQUIRE(parsed.ok());
  LaunchInputs in;
  in.workspace = "/work/ws";
  in.team_agent_bin = "/opt/ta/bin/team-agent";
  in.run_id = "0123456789abcdef0123456789abcdef";
  in.path = path;
  in.profiles = [](const std::string& name) { return builtin_profile(name); };
  auto plan = plan_launch(*parsed.spec, in);
  REQUIRE(plan.ok());
  return *plan;
}

}  // namespace

TEST_CASE("find_program looks a name up on PATH in order, and takes a path as it is") {
  test::TempDir dir;
  const auto& d = dir.path();
  write_file(d + "/a/tool", "#!/bin/sh\n", false);  // not executable: passed over
  write_file(d + "/b/tool", "#!/bin/sh\n", true);
  write_file(d + "/c/tool", "#!/bin/sh\n", true);
  fs::create_directories(d + "/d/tool");  // a directory is no program
  CHECK(find_program("tool", d + "/d:" + d + "/a:" + d + "/b:" + d + "/c", "/") == d + "/b/tool");
  CHECK(find_program("tool", d + "/a", "/").empty());
  CHECK(find_program("tool", "", d + "/c") == d + "/c/tool");  // an empty entry is the cwd
  CHECK(find_program(d + "/c/tool", "", "/") == d + "/c/tool");
  CHECK(find_program("c/tool", "/nowhere", d) == d + "/c/tool");
  CHECK(find_program(d + "/a/tool", "", "/").empty());
  CHECK(find_program("", d + "/b", "/").empty());
}

TEST_CASE("provider binaries: one per provider program, found on the pane's own PATH") {
  test::TempDir dir;
  write_file(dir.path() + "/bin/codex", "#!/bin/sh\n", true);
  auto plan = plan_for(R"({"team": "t", "leader": {"provider": "claude"},
      "agents": [{"id": "a", "provider": "codex"}, {"id": "b", "provider": "codex"},
                 {"id": "c", "provider": "codex", "env": {"PATH": "/nowhere"}}]})",
                       dir.path() + "/bin");
  auto spec = parse_team_spec(R"({"team": "t", "leader": {"provider": "claude"}, "agents": []})");
  auto bins = provider_binaries(plan, *spec.spec);
  REQUIRE(bins.size() == 3);
  CHECK(bins[0].provider == "claude");
  CHECK(bins[0].resolved.empty());
  CHECK(missing_program_sentence(bins[0], "@anthropic-ai/claude-code") ==
        "claude not found on PATH: install @anthropic-ai/claude-code, or set "
        "providers.claude.command in the team spec");
  CHECK(bins[1].agents == std::vector<std::string>{"a", "b"});
  CHECK(bins[1].resolved == dir.path() + "/bin/codex");
  // An agent's own PATH is the PATH its pane gets: there codex is missing.
  CHECK(bins[2].agents == std::vector<std::string>{"c"});
  CHECK(bins[2].resolved.empty());
  CHECK(missing_program_sentence(bins[2], "") ==
        "codex not found on PATH: set providers.codex.command in the team spec");
}

TEST_CASE("provider binaries: a command the spec sets is named as the spec's") {
  auto text = R"({"team": "t", "leader": {"provider": "claude"}, "agents": [],
                  "providers": {"claude": {"command": "/nowhere/claude"}}})";
  auto plan = plan_for(text, "/usr/bin:/bin");
  auto bins = provider_binaries(plan, *parse_team_spec(text).spec);
  REQUIRE(bins.size() == 1);
  CHECK(bins[0].from_spec);
  CHECK(bins[0].resolved.empty());
  CHECK(missing_program_sentence(bins[0], "@anthropic-ai/claude-code") ==
        "claude: /nowhere/claude (providers.claude.command in the team spec) does not exist or "
        "is not executable");
}

TEST_CASE("a Node CLI is known by its shebang and its package by the nearest package.json") {
  test::TempDir dir;
  const std::string pkg = dir.path() + "/node_modules/@acme/cli";
  write_file(pkg + "/package.json",
             R"({"name": "@acme/cli", "version": "1.2.3", "engines": {"node": ">=16"}})", false);
  write_file(pkg + "/bin/dist/package.json", R"({"type": "module"})", false);
  write_file(pkg + "/bin/dist/cli.js", "#!/usr/bin/env node\nconsole.log(1)\n", true);
  write_file(pkg + "/bin/native", "\x7f" "ELF....", true);
  fs::create_directories(dir.path() + "/node_modules/.bin");
  fs::create_symlink("../@acme/cli/bin/dist/cli.js", dir.path() + "/node_modules/.bin/cli");
  const std::string bin = dir.path() + "/node_modules/.bin/cli";
  CHECK(is_node_script(bin));
  CHECK_FALSE(is_node_script(pkg + "/bin/native"));
  CHECK_FALSE(is_node_script(dir.path() + "/missing"));
  auto p = node_package_of(bin);
  REQUIRE(p);
  CHECK(p->name == "@acme/cli");
  CHECK(p->version == "1.2.3");
  CHECK(p->engines_node == ">=16");
  CHECK(p->manifest == pkg + "/package.json");
}

TEST_CASE("probe_version reads the first line of --version, bounded in time") {
  test::TempDir dir;
  write_file(dir.path() + "/good", "#!/bin/sh\necho 'warning on stderr' >&2\necho\necho \"tool $TOOL_FLAVOUR 1.2.3\"\n", true);
  write_file(dir.path() + "/slow", "#!/bin/sh\nsleep 30\n", true);
  write_file(dir.path() + "/mute", "#!/bin/sh\nexit 3\n", true);
  auto v = probe_version(dir.path() + "/good", {{"TOOL_FLAVOUR", "fast"}}, std::chrono::seconds(5));
  REQUIRE_MESSAGE(v, v.error().message);
  CHECK(*v == "tool fast 1.2.3");
  auto started = std::chrono::steady_clock::now();
  auto slow = probe_version(dir.path() + "/slow", {}, std::chrono::milliseconds(300));
  CHECK_FALSE(slow);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  CHECK_FALSE(probe_version(dir.path() + "/mute", {}, std::chrono::seconds(5)));
  CHECK_FALSE(probe_version(dir.path() + "/absent", {}, std::chrono::seconds(5)));
}

TEST_CASE("version_number takes the version out of a --version line") {
  CHECK(version_number("2.1.332 (Claude Code)") == "2.1.332");
  CHECK(version_number("codex-cli 0.171.0") == "0.171.0");
  CHECK(version_number("v20.20.2") == "20.20.2");
  CHECK(version_number("tool for x86 1.4.0-beta.2 build") == "1.4.0-beta.2");
  CHECK(version_number("team-agent 0.1.0") == "0.1.0");
  CHECK(version_number("  nightly  ") == "nightly");
}
