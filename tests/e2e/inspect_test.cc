// `team-agent inspect`: a saved capture in, every verdict out, as a user
// diagnosing a pane would run it.
#include <doctest/doctest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "tests/e2e/support.h"

using namespace ta::test;
using Json = nlohmann::json;

namespace {

std::string fixture(const std::string& relative) {
  return std::string(TEST_FIXTURES_DIR) + "/" + relative;
}

std::string codex_trust_prompt(const std::string& path) {
  std::string t = read_text(fixture("trust_prompt/codex_trust_prompt_template.txt"));
  return t.replace(t.find("__PATH__"), 8, path);
}

Json inspect_json(const std::string& ws, const std::vector<std::string>& args,
                  const std::string& input = "") {
  std::vector<std::string> all{"inspect"};
  all.insert(all.end(), args.begin(), args.end());
  all.push_back("--json");
  auto r = team_agent(ws, all, input);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return Json::parse(r.out);
}

}  // namespace

TEST_CASE("inspect --json gives every verdict for a real trust prompt") {
  TempDir ws;
  auto j = inspect_json(
      ws.path(),
      {fixture("pane_state/codex-awaiting-trust-slice2-103705-worker.txt"), "--provider", "codex"});
  CHECK(j["non_input"] == "trust_prompt");
  CHECK(j["activity"] == "uncertain");
  CHECK(j["placeholder"].is_null());
  CHECK(j["api_error"].is_null());
  CHECK(j["trust_prompt"]["paths"] ==
        Json::array({"/private/tmp/teamA-slice2-env-slice-2-20260526T103705Z"}));
  CHECK(j["trust_prompt"]["matches_workspace"] == false);
  CHECK(j["provider"] == "codex");
  CHECK(j["evidence"]["non_input"].get<std::string>().find("trust_prompt: line") == 0);
}

TEST_CASE("inspect matches the prompt's path with the workspace, exactly or cut at the edge") {
  TempDir ws;
  std::string file = ws.path() + "/capture.txt";
  write_text(file, codex_trust_prompt(ws.path()));
  auto own = inspect_json(ws.path(), {file, "--provider", "codex"});
  CHECK(own["trust_prompt"]["matches_workspace"] == true);
  CHECK(own["trust_prompt"]["default_choice"] == "accept");

  std::string cut = ws.path().substr(0, ws.path().size() - 3);
  write_text(file, codex_trust_prompt(cut));
  std::string width = std::to_string(std::string("> You are in " + cut).size());
  CHECK(inspect_json(ws.path(), {file})["trust_prompt"]["matches_workspace"] == false);
  CHECK(inspect_json(ws.path(),
                     {file, "--pane-width", width})["trust_prompt"]["matches_workspace"] == true);
}

TEST_CASE("inspect reads stdin, and --workspace may follow the subcommand") {
  TempDir ws;
  auto r = run({team_agent_bin(), "inspect", "-", "--workspace", ws.path(), "--json"},
               codex_trust_prompt(ws.path()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(Json::parse(r.out)["trust_prompt"]["matches_workspace"] == true);
}

TEST_CASE("inspect prints a readable report by default") {
  TempDir ws;
  auto r = team_agent(
      ws.path(), {"inspect", "-", "--provider", "claude"},
      "● Assistant: on it\nAPI Error: Overloaded\n────\n❯\u00a0[Pasted text #1 +4 lines]\n");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("provider:     claude") != std::string::npos);
  CHECK(r.out.find("non-input:    none") != std::string::npos);
  CHECK(r.out.find("activity:     idle 0.90") != std::string::npos);
  CHECK(r.out.find("placeholder:  [Pasted text #1 +4 lines]") != std::string::npos);
  CHECK(r.out.find("api error:    Overloaded") != std::string::npos);
  CHECK(r.out.find("trust prompt: none") != std::string::npos);
}

TEST_CASE("inspect takes the activity facts a capture cannot show") {
  TempDir ws;
  auto busy = inspect_json(ws.path(), {"-", "--provider", "codex", "--last-output-age", "400"},
                           "running tests\n");
  CHECK(busy["activity"] == "stuck");
  auto mode = inspect_json(ws.path(), {"-", "--provider", "codex", "--pane-in-mode"}, "› ready\n");
  CHECK(mode["activity"] == "uncertain");
}

TEST_CASE("a workspace profile override changes what inspect concludes") {
  TempDir ws;
  auto before = inspect_json(ws.path(), {"-", "--provider", "codex"}, "READY>\n");
  CHECK(before["activity"] == "uncertain");
  std::filesystem::create_directories(ws.path() + "/.team/providers");
  write_text(ws.path() + "/.team/providers/codex.json",
             R"({"name": "codex", "launch": {"argv": ["codex"]}, "process_names": ["codex"],
                 "submit_key": "Enter", "settle_ms": 150,
                 "screen": {"idle": ["^READY>"], "working": ["esc to interrupt"]}})");
  auto after = inspect_json(ws.path(), {"-", "--provider", "codex"}, "READY>\n");
  CHECK(after["activity"] == "idle");
}

TEST_CASE("inspect refuses an unknown provider, a missing file and a broken override") {
  TempDir ws;
  auto bad = team_agent(ws.path(), {"inspect", "-", "--provider", "claud"}, "x");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err ==
        "team-agent: unknown provider \"claud\" (known: claude, codex, copilot, fake)\n");
  auto missing = team_agent(ws.path(), {"inspect", ws.path() + "/nope.txt"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("cannot read the capture") != std::string::npos);
  std::filesystem::create_directories(ws.path() + "/.team/providers");
  write_text(ws.path() + "/.team/providers/claude.json", R"({"name": "claude"})");
  auto broken = team_agent(ws.path(), {"inspect", "-", "--provider", "claude"}, "x");
  CHECK(broken.exit_code == 2);
  CHECK(broken.err.find("claude.json is not a valid provider profile") != std::string::npos);
  CHECK(broken.err.find("/launch: missing") != std::string::npos);
}
