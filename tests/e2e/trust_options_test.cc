// Trust prompts answered by meaning, never by default (SPEC §5), end to end:
// a fake agent drawn like Claude Code 2.1.33x (unnumbered options, the
// selection starting on "No, exit", which quits it) or like Codex 0.171 in a
// git subdirectory (asking to trust the repository root), or drawing its
// prompt a second time with the selection reset, as Claude 2.1.332 does.
// What reached the pane is read from the fake agent's transcript: every
// arrow key it got is a selection_moved entry, every other key an
// ignored_input one, a redraw a trust_redrawn one, and a declined prompt an
// "exiting" entry.
#include <doctest/doctest.h>

#include <filesystem>

#include "tests/e2e/trust_support.h"

using namespace ta::test;
using namespace std::chrono_literals;

namespace {

using Args = std::vector<std::string>;

const Args kClaude233{"--mode", "claude", "--trust-style", "claude-2.1.33x"};

Args with(Args args, const Args& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// The message was refused at the prompt: it failed at the gate, and w1 got
// no key at all and is still showing the prompt it started with.
void check_left_alone(const TeamWorkspace& team, const Sent& s, const std::string& prompt) {
  CHECK_MESSAGE(s.exit_code == 1, s.out << s.err);
  auto failed = about(team, "send.failed", s.message_id);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].data.value("detected", "") == "trust_prompt");
  CHECK(about(team, kTrustAnswered, s.message_id).empty());
  for (const char* kind : {"selection_moved", "ignored_input", "trust_answered", "exiting",
                           "submitted"})
    CHECK_MESSAGE(team.transcript("w1", kind).empty(), kind);
  CHECK(team.capture("w1").find(prompt) != std::string::npos);
}

// A workspace at <tmp>/repo/sub whose <tmp>/repo is a git repository.
TeamOptions git_subdir_team(const nlohmann::json& runtime = nullptr) {
  return trust_team("repo/sub", runtime);
}

void make_git_root(const TeamWorkspace& team) {
  std::filesystem::create_directories(team.temp_root() + "/repo/.git");
}

const Args kCodexSubdir{"--trust-style", "codex-0.171", "--trust-repo-root", "{root}/repo"};

// The kinds of w1's transcript entries about its trust prompt, in order.
std::vector<std::string> trust_story(const TeamWorkspace& team) {
  std::vector<std::string> out;
  for (const auto& e : team.transcript("w1")) {
    const std::string kind = e.value("kind", "");
    if (kind == "trust_redrawn" || kind == "selection_moved" || kind == "ignored_input" ||
        kind == "trust_answered" || kind == "exiting")
      out.push_back(kind);
  }
  return out;
}

}  // namespace

TEST_CASE("trust by meaning: the selection on \"No, exit\" is moved to Yes, read back, then confirmed") {
  TeamWorkspace team({{"w1", kClaude233}}, {}, trust_team());
  RunningTeam run(team, trust_env(true));
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  CHECK(team.capture("w1").find("❯ No, exit") != std::string::npos);
  auto s = send_to_w1(team, "trust e2e: selection starts on the declining option");
  CHECK_MESSAGE(s.exit_code == 0, s.out << s.err);
  auto answered = about(team, kTrustAnswered, s.message_id);
  REQUIRE_MESSAGE(answered.size() == 1, run.transcript());
  CHECK(answered[0].data.value("option", "") == "Yes, I trust this folder");
  CHECK(answered[0].data.value("selected_by", "") == "keys");
  CHECK(answered[0].data.value("keys", nlohmann::json()) == nlohmann::json{"Down"});
  CHECK(answered[0].data.value("prompt_path", "") == team.path());
  // The agent saw one Down onto Yes, then the Enter that answered Yes; it
  // never exited, and the message reached it once.
  auto moved = team.transcript("w1", "selection_moved");
  REQUIRE(moved.size() == 1);
  CHECK(moved[0].value("key", "") == "down");
  CHECK(moved[0].value("option", "") == "Yes, I trust this folder");
  auto trusted = team.transcript("w1", "trust_answered");
  REQUIRE(trusted.size() == 1);
  CHECK(trusted[0].value("option", "") == "Yes, I trust this folder");
  CHECK(team.transcript("w1", "exiting").empty());
  CHECK(team.transcript("w1", "ignored_input").empty());
  REQUIRE(await_submitted(team, "w1"));
  CHECK(tokens_seen(team, "w1", s.message_id) == 1);
  CHECK(events_of(team, "pane.exited").empty());
}

TEST_CASE("trust by meaning: options that cannot be told apart are left alone, with the screen") {
  // Two options read as accepting: which one is meant is not certain.
  const Args args = with(kClaude233, {"--trust-options",
                                      "No, exit|Yes, I trust this folder|Yes, trust the parent too"});
  TeamWorkspace team({{"w1", args}}, {}, trust_team());
  RunningTeam run(team, trust_env(true));
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  auto s = send_to_w1(team, "trust e2e: unrecognised options, keep out");
  auto failed = about(team, "leader_panes.trust_auto_failed", s.message_id);
  REQUIRE_MESSAGE(failed.size() == 1, run.transcript());
  CHECK(failed[0].data.value("reason", "") == "unrecognized_options");
  CHECK(failed[0].data.value("detail", "").find("2 options read as accepting") !=
        std::string::npos);
  std::string screen = failed[0].data.value("screen", "");
  CHECK(screen.find("❯ No, exit") != std::string::npos);
  CHECK(screen.find("Yes, trust the parent too") != std::string::npos);
  check_left_alone(team, s, "❯ No, exit");
}

TEST_CASE("trust scope: a git subdirectory's prompt for the repository root is refused by default") {
  TeamWorkspace team({{"w1", kCodexSubdir}}, {}, git_subdir_team());
  make_git_root(team);
  const std::string root = team.temp_root() + "/repo";
  RunningTeam run(team, trust_env(true));
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  std::string prompt = team.capture("w1");
  CHECK(prompt.find("subdirectory of a Git project") != std::string::npos);
  auto s = send_to_w1(team, "trust e2e: the repository root is not my workspace");
  auto refused = about(team, "leader_panes.trust_auto_refused", s.message_id);
  REQUIRE_MESSAGE(refused.size() == 1, run.transcript());
  CHECK(refused[0].data.value("reason", "") == "repository_root_not_allowed");
  CHECK(refused[0].data.value("prompt_path", "") == root);
  CHECK(refused[0].data.value("workspace", "") == team.path());
  check_left_alone(team, s, "subdirectory of a Git project");
}

TEST_CASE("trust scope: with auto_trust_scope repository the root's prompt is answered") {
  TeamWorkspace team({{"w1", kCodexSubdir}}, {},
                     git_subdir_team({{"auto_trust_own_workspace", true},
                                      {"auto_trust_scope", "repository"}}));
  make_git_root(team);
  RunningTeam run(team, trust_env(false));
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  auto s = send_to_w1(team, "trust e2e: the repository is mine to trust");
  CHECK_MESSAGE(s.exit_code == 0, s.out << s.err);
  auto answered = about(team, kTrustAnswered, s.message_id);
  REQUIRE_MESSAGE(answered.size() == 1, run.transcript());
  CHECK(answered[0].data.value("prompt_path", "") == team.temp_root() + "/repo");
  CHECK(answered[0].data.value("option", "") == "Trust and continue");
  CHECK(answered[0].data.value("selected_by", "") == "preselected");
  REQUIRE(await_submitted(team, "w1"));
  CHECK(tokens_seen(team, "w1", s.message_id) == 1);
  CHECK(team.transcript("w1", "trust_answered").size() == 1);
}

TEST_CASE("trust scope: outside any git repository a named parent is just another directory") {
  // No .git anywhere: the "repository root" the prompt names is foreign,
  // even with the repository scope.
  TeamWorkspace team({{"w1", kCodexSubdir}}, {},
                     git_subdir_team({{"auto_trust_scope", "repository"}}));
  RunningTeam run(team, trust_env(true));
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  auto s = send_to_w1(team, "trust e2e: no repository here");
  auto refused = about(team, "leader_panes.trust_auto_refused", s.message_id);
  REQUIRE_MESSAGE(refused.size() == 1, run.transcript());
  CHECK(refused[0].data.value("reason", "") == "workspace_dir_mismatch");
  CHECK(refused[0].data.value("prompt_path", "") == team.temp_root() + "/repo");
  check_left_alone(team, s, "subdirectory of a Git project");
}

TEST_CASE("trust by meaning: when the read-back does not show Yes selected, Enter is never pressed") {
  // The agent ignores the arrow keys, so the selection stays on "No, exit".
  TeamWorkspace team({{"w1", with(kClaude233, {"--trust-arrows-ignored"})}}, {}, trust_team());
  RunningTeam run(team, trust_env(true));
  REQUIRE_MESSAGE(run.await_panes_seen(), run.transcript());
  auto s = send_to_w1(team, "trust e2e: the selection does not move");
  CHECK_MESSAGE(s.exit_code == 1, s.out << s.err);
  auto failed = about(team, "leader_panes.trust_auto_failed", s.message_id);
  REQUIRE_MESSAGE(failed.size() == 1, run.transcript());
  CHECK(failed[0].data.value("reason", "") == "unrecognized_options");
  CHECK(failed[0].data.value("detail", "").find("did not show 'Yes, I trust this folder'") !=
        std::string::npos);
  CHECK(failed[0].data.value("screen", "").find("❯ No, exit") != std::string::npos);
  CHECK(about(team, kTrustAnswered, s.message_id).empty());
  // One Down reached the agent, and nothing after it: no Enter on "No, exit".
  auto keys = team.transcript("w1", "ignored_input");
  REQUIRE(keys.size() == 1);
  CHECK(keys[0].value("key", "") == "down");
  CHECK(team.transcript("w1", "exiting").empty());
  CHECK(team.transcript("w1", "trust_answered").empty());
  CHECK(team.capture("w1").find("❯ No, exit") != std::string::npos);
}

TEST_CASE("trust by meaning: a prompt drawn again with the selection reset gets its keys only once it stands still") {
  // Claude 2.1.332 draws its dialog, then draws it again ~150 ms later with
  // the selection back on "No, exit": a Down pressed at first sight is
  // undone and an Enter lost (or it confirms "No, exit"). Here the second
  // drawing comes 300 ms after the first.
  TeamWorkspace team({{"w1", with(kClaude233, {"--trust-redraw-ms", "300"})}}, {}, trust_team());
  // Waiting before the pane starts, the message meets the prompt the moment
  // it is first drawn.
  auto s = send_message(team, "w1", "trust e2e: the prompt is drawn twice");
  REQUIRE_MESSAGE(s.exit_code == 3, s.out << s.err);
  RunningTeam run(team, trust_env(true));
  auto missing = run.await_outcomes({s.message_id}, 30s);
  REQUIRE_MESSAGE(missing.empty(), run.transcript());

  // Answered at the first attempt, by one Down after the redraw.
  auto answered = about(team, kTrustAnswered, s.message_id);
  REQUIRE_MESSAGE(answered.size() == 1, run.transcript());
  CHECK(answered[0].data.value("attempt", 0) == 1);
  CHECK(answered[0].data.value("option", "") == "Yes, I trust this folder");
  CHECK(answered[0].data.value("keys", nlohmann::json()) == nlohmann::json{"Down"});
  CHECK(about(team, "leader_panes.trust_auto_answer_retry_needed", s.message_id).empty());
  CHECK(about(team, "leader_panes.trust_auto_failed", s.message_id).empty());
  // The agent was redrawn first, then got one Down and the Enter on Yes; no
  // key was lost, and it never exited.
  CHECK(trust_story(team) ==
        std::vector<std::string>{"trust_redrawn", "selection_moved", "trust_answered"});
  auto redrawn = team.transcript("w1", "trust_redrawn");
  REQUIRE(redrawn.size() == 1);
  CHECK(redrawn[0].value("lost_option", "") == "No, exit");  // nothing was moved before it
  auto trusted = team.transcript("w1", "trust_answered");
  REQUIRE(trusted.size() == 1);
  CHECK(trusted[0].value("option", "") == "Yes, I trust this folder");

  CHECK(about(team, "send.submitted", s.message_id).size() == 1);
  CHECK(about(team, "send.failed", s.message_id).empty());
  REQUIRE(await_submitted(team, "w1"));
  CHECK(tokens_seen(team, "w1", s.message_id) == 1);
  CHECK(events_of(team, "pane.exited").empty());
  const std::string screen = team.capture("w1");
  CHECK_MESSAGE(screen.find("No, exit") == std::string::npos, screen);
}
