// Trust prompts of the real CLIs (SPEC §5), answered by meaning: with a
// message waiting and auto trust opted in, the accepting option is
// selected (moved onto when the CLI starts on the declining one), read back
// and confirmed, and the CLI goes on running; a prompt that names a folder
// other than the agent's own workspace is left alone unless the spec widens
// the scope to the repository.
//
// Claude 2.1.332 names its cwd, which is the workspace whenever team-agent
// starts it, even in a git subdirectory. So Claude is shown a foreign folder
// by starting it elsewhere: the spec's providers.claude.command is a wrapper
// that changes into another git repository and execs the real claude. Codex
// shows one by itself in a git subdirectory, where it asks to trust the
// repository's root.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>

#include "tests/real/trust_real.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

// Codex's workspace one level below its git repository's root.
RealLayout git_subdirectory() {
  RealLayout l;
  l.git_root = "repo";
  l.workspace = "repo/ws";
  return l;
}

// A git repository beside the workspace (not above it) and a program that
// runs the real claude there; returns the program's path.
std::string claude_started_in(RealTeam& team, const RealClis& clis, const std::string& dir) {
  auto git = run({"/usr/bin/git", "init", "-q", dir}, "", team.env());
  REQUIRE_MESSAGE(git.exit_code == 0, "git init: " << git.err);
  const std::string wrapper = team.workspace().temp_root() + "/claude-elsewhere";
  write_text(wrapper, "#!/bin/sh\ncd '" + dir + "' || exit 97\nexec '" + clis.claude + "' \"$@\"\n");
  REQUIRE(::chmod(wrapper.c_str(), 0755) == 0);
  return wrapper;
}

}  // namespace

TEST_CASE("real claude: opted in, its trust prompt starting on 'No, exit' is answered Yes by keys") {
  auto clis = locate_real_clis();
  RealTeam team(clis, worker_spec("claude"));
  Env env = team.env();
  env["TEAM_AGENT_AUTO_TRUST_OWN_WORKSPACE"] = "1";
  const std::string id = queue_for_worker(team);
  RunningTeam run(team.workspace(), env);

  auto answered = await_trust_event(team, run, "leader_panes.trust_auto_answered");
  CHECK(answered.data.value("message_id", "") == id);
  CHECK(answered.data.value("option", "") == "Yes, I trust this folder");
  // 2.1.332 draws ❯ on "No, exit": the selection had to be moved.
  CHECK(answered.data.value("selected_by", "") == "keys");
  CHECK(answered.data["keys"] == nlohmann::json::array({"Down"}));
  CHECK(answered.data.value("prompt_path", "") == team.workspace().path());

  std::string screen;
  auto seen = check_still_running(team, run, "claude", screen);
  // Past the prompt, at Claude's main screen. The tier sets no API key, so
  // no key question follows; Claude says "Not logged in · run /login" under
  // its composer, which the supervisor reads as a login screen (the message
  // then fails at the gate rather than being pasted into a dead end).
  CHECK_MESSAGE(screen.find("Claude Code v2.1.332") != std::string::npos, screen);
  CHECK_MESSAGE(screen.find("No, exit") == std::string::npos, screen);
  CHECK_MESSAGE(screen.find("use this API key") == std::string::npos, screen);
  CHECK_MESSAGE(seen["non_input"] == "first_run_auth", seen.dump(2) << "\n" << screen);
  CHECK(worker_events(team, "leader_panes.trust_auto_failed") == 0);
}

TEST_CASE("real codex: opted in by the spec, 'Trust and continue' is preselected and confirmed") {
  auto clis = locate_real_clis();
  RealTeam team(clis, worker_spec("codex", {{"auto_trust_own_workspace", true}}));
  const std::string id = queue_for_worker(team);
  RunningTeam run(team.workspace(), team.env());

  auto answered = await_trust_event(team, run, "leader_panes.trust_auto_answered");
  CHECK(answered.data.value("message_id", "") == id);
  CHECK(answered.data.value("option", "") == "Trust and continue");
  CHECK(answered.data.value("selected_by", "") == "preselected");
  CHECK(answered.data["keys"].empty());
  CHECK(answered.data.value("prompt_path", "") == team.workspace().path());

  CHECK_MESSAGE(run.await("pane.state_changed", {{"agent_id", kWorker}, {"to", "ready"}}, 60s),
                team.workspace().capture(kWorker));
  std::string screen;
  auto seen = check_still_running(team, run, "codex", screen);
  CHECK_MESSAGE(seen["non_input"] != "trust_prompt", screen);
}

TEST_CASE("real codex in a git subdirectory: the repository root it names is not trusted by default") {
  auto clis = locate_real_clis();
  RealTeam team(clis, worker_spec("codex", {{"auto_trust_own_workspace", true}}),
                git_subdirectory());
  const std::string id = queue_for_worker(team);
  RunningTeam run(team.workspace(), team.env());

  auto refused = await_trust_event(team, run, "leader_panes.trust_auto_refused");
  CHECK(refused.data.value("message_id", "") == id);
  CHECK(refused.data.value("reason", "") == "repository_root_not_allowed");
  CHECK(refused.data.value("prompt_path", "") == team.git_root());
  CHECK(refused.data.value("workspace", "") == team.workspace().path());

  std::string screen;
  auto seen = check_still_running(team, run, "codex", screen);
  // Nothing pressed: Codex still asks, its selection where it started.
  CHECK_MESSAGE(seen["non_input"] == "trust_prompt", screen);
  CHECK_MESSAGE(screen.find("› 1. Trust and continue") != std::string::npos, screen);
  CHECK(worker_events(team, "leader_panes.trust_auto_answered") == 0);
}

TEST_CASE("real codex in a git subdirectory: auto_trust_scope repository trusts the root") {
  auto clis = locate_real_clis();
  nlohmann::json runtime{{"auto_trust_own_workspace", true}, {"auto_trust_scope", "repository"}};
  RealTeam team(clis, worker_spec("codex", runtime), git_subdirectory());
  const std::string id = queue_for_worker(team);
  RunningTeam run(team.workspace(), team.env());

  auto answered = await_trust_event(team, run, "leader_panes.trust_auto_answered");
  CHECK(answered.data.value("message_id", "") == id);
  CHECK(answered.data.value("option", "") == "Trust and continue");
  CHECK(answered.data.value("selected_by", "") == "preselected");
  CHECK(answered.data.value("prompt_path", "") == team.git_root());
  CHECK(worker_events(team, "leader_panes.trust_auto_refused") == 0);

  CHECK_MESSAGE(run.await("pane.state_changed", {{"agent_id", kWorker}, {"to", "ready"}}, 60s),
                team.workspace().capture(kWorker));
  std::string screen;
  auto seen = check_still_running(team, run, "codex", screen);
  CHECK_MESSAGE(seen["non_input"] != "trust_prompt", screen);
}

TEST_CASE("real claude started in another folder: its prompt is refused and nothing is pressed") {
  auto clis = locate_real_clis();
  auto spec = worker_spec("claude", {{"auto_trust_own_workspace", true}});
  RealTeam team(clis, spec);
  const std::string elsewhere = team.workspace().temp_root() + "/elsewhere";
  spec["providers"] = {{"claude", {{"command", claude_started_in(team, clis, elsewhere)}}}};
  write_text(team.workspace().path() + "/.team/team.json", spec.dump(2) + "\n");
  const std::string id = queue_for_worker(team);
  RunningTeam run(team.workspace(), team.env());

  auto refused = await_trust_event(team, run, "leader_panes.trust_auto_refused");
  CHECK(refused.data.value("message_id", "") == id);
  CHECK(refused.data.value("reason", "") == "workspace_dir_mismatch");
  CHECK(refused.data.value("prompt_path", "") == elsewhere);
  CHECK(refused.data.value("workspace", "") == team.workspace().path());
  // run took the wrapper as the claude it starts, and asked it its version.
  std::string version = "<no pane.started>";
  for (const auto& e : events_of(team.workspace(), "pane.started"))
    if (e.data.value("agent_id", "") == kWorker) version = e.data.value("provider_version", "");
  CHECK(version == "2.1.332");

  std::string screen;
  auto seen = check_still_running(team, run, "claude", screen);
  // Nothing pressed: Claude still asks about the other folder, ❯ still on
  // "No, exit" where it started.
  CHECK_MESSAGE(seen["non_input"] == "trust_prompt", screen);
  CHECK_MESSAGE(seen["trust_prompt"]["matches_workspace"] == false, seen.dump(2) << "\n" << screen);
  CHECK_MESSAGE(screen.find(elsewhere) != std::string::npos, screen);
  CHECK_MESSAGE(screen.find("❯ No, exit") != std::string::npos, screen);
  CHECK(worker_events(team, "leader_panes.trust_auto_answered") == 0);
  CHECK(worker_events(team, "leader_panes.trust_auto_failed") == 0);
}
