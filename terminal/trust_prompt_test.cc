#include "terminal/trust_prompt.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/reference_fixture.h"
#include "tests/support/temp_dir.h"

using namespace ta::terminal;
using ta::test::reference_fixture;

namespace {

const ta::config::ProviderProfile& profile(const std::string& name) {
  return **ta::config::builtin_profile(name);
}

std::string codex_prompt(const std::string& path) {
  std::string t = reference_fixture("trust_prompt/codex_trust_prompt_template.txt");
  return t.replace(t.find("__PATH__"), 8, path);
}

std::optional<TrustPromptVerdict> inspect(const std::string& capture, const std::string& workspace,
                                          std::optional<int> width = std::nullopt,
                                          const std::string& provider = "codex") {
  TrustContext ctx;
  ctx.workspace = workspace;
  ctx.home = "/home/u";
  ctx.pane_width = width;
  return inspect_trust_prompt(normalise_capture(capture), profile(provider), ctx);
}

bool matches(const std::string& capture, const std::string& workspace,
             std::optional<int> width = std::nullopt) {
  auto v = inspect(capture, workspace, width);
  REQUIRE(v);
  return v->matches_workspace.value_or(false);
}

// Matching without the filesystem: paths are taken as already canonical.
bool token_matches(const std::string& token, const std::string& line, const std::string& ws,
                   std::optional<int> width = std::nullopt) {
  PathToken t;
  t.token = token;
  t.line = line;
  t.ends_line = line.size() >= token.size() &&
                line.compare(line.size() - token.size(), token.size(), token) == 0;
  auto lexical = [](std::string_view p) { return std::string(p); };
  return match_workspace_token(t, {ws}, width, lexical).matches;
}

}  // namespace

TEST_CASE("path tokens: alone on a line or after an intro; no punctuation, borders or URLs") {
  const auto& intro = profile("codex").screen.trust_path_intro;
  auto tokens = extract_path_tokens(
      {"> You are in /a/b-c/d", "Allow Codex to write to /x/y ?", "│ │ /private/tmp/dir-a      │ │",
       "see https://example.com/p", "  ▌ ~/work/repo/.", "  /home/u/…/repo",
       "me@box:~$ /usr/bin/claude", "/z/"},
      intro, std::nullopt);
  std::vector<std::string> got;
  for (const auto& t : tokens) got.push_back(t.token);
  CHECK(got == std::vector<std::string>{"/a/b-c/d", "/x/y", "/private/tmp/dir-a", "~/work/repo",
                                        "/home/u/…/repo", "/z"});
  CHECK(tokens[0].ends_line);
  CHECK_FALSE(tokens[1].ends_line);
  CHECK_FALSE(tokens[3].ends_line);  // a full stop ended it: not cut at the edge
}

TEST_CASE(
    "a path wrapped onto the next line is joined when the pane width says it filled the line") {
  const std::vector<std::string> lines{" /tmp/ws-long-name-trunca", " tion/project",
                                       " Quick safety check"};
  const auto& intro = profile("claude").screen.trust_path_intro;
  int width = static_cast<int>(lines[0].size()) + 1;
  auto joined = extract_path_tokens(lines, intro, width);
  REQUIRE(joined.size() == 1);
  CHECK(joined[0].token == "/tmp/ws-long-name-truncation/project");
  CHECK(joined[0].fragment == "/tmp/ws-long-name-trunca");
  auto codex_margin = extract_path_tokens(lines, intro, width + 1);
  CHECK(codex_margin[0].token == "/tmp/ws-long-name-truncation/project");
  CHECK(extract_path_tokens(lines, intro, width + 2)[0].token == "/tmp/ws-long-name-trunca");
  CHECK(extract_path_tokens(lines, intro, std::nullopt)[0].token == "/tmp/ws-long-name-trunca");
}

TEST_CASE("canonicalising expands ~, resolves symlinks and keeps missing tails") {
  ta::test::TempDir dir;
  std::filesystem::create_directories(dir.path() + "/real/ws");
  std::filesystem::create_directory_symlink(dir.path() + "/real", dir.path() + "/link");
  CHECK(canonicalise_path(dir.path() + "/link/ws/", "") == dir.path() + "/real/ws");
  CHECK(canonicalise_path(dir.path() + "/link/ws/../ws/./", "") == dir.path() + "/real/ws");
  CHECK(canonicalise_path(dir.path() + "/link/not-yet/x", "") == dir.path() + "/real/not-yet/x");
  CHECK(canonicalise_path("~/p", dir.path() + "/link") == dir.path() + "/real/p");
  CHECK(canonicalise_path("/", "") == "/");
}

TEST_CASE("exact match, mid-ellipsis and right-edge truncation; never a sibling") {
  const std::string ws = "/home/u/work/repo";
  CHECK(token_matches("/home/u/work/repo", "> You are in /home/u/work/repo", ws));
  CHECK_FALSE(token_matches("/home/u/work/repo-backup", "x /home/u/work/repo-backup", ws));
  CHECK_FALSE(token_matches("/home/u/work", "x /home/u/work", ws));
  CHECK_FALSE(
      token_matches("/home/u/work/repo", "x /home/u/work/repo", "/home/u/work/repo-backup"));
  // Mid-ellipsis: head and tail must bracket the workspace.
  CHECK(token_matches("/home/u/…/repo", "x /home/u/…/repo", ws));
  CHECK(token_matches("/home/u/wo...repo", "x /home/u/wo...repo", ws));
  CHECK_FALSE(token_matches("/home/u/…/other", "x /home/u/…/other", ws));
  CHECK_FALSE(token_matches("/home/ux/…/repo", "x /home/ux/…/repo", ws));
  CHECK_FALSE(token_matches("/home/u/work/re…", "x /home/u/work/re…", ws));
  // Right edge: only with a known width, and only when the line reaches it.
  const std::string line = "> You are in /home/u/wo";  // 23 columns
  CHECK(token_matches("/home/u/wo", line, ws, 23));
  CHECK(token_matches("/home/u/wo", line, ws, 24));
  CHECK_FALSE(token_matches("/home/u/wo", line, ws, 30));
  CHECK_FALSE(token_matches("/home/u/wo", line, ws, std::nullopt));
  CHECK_FALSE(token_matches("/home/u/wx", "> You are in /home/u/wx", ws, 23));
}

TEST_CASE("the Codex trust template: own workspace, symlink, sibling, other parent, no path") {
  ta::test::TempDir root;
  const std::string ws = root.path() + "/workspace-root";
  for (const char* d :
       {"/workspace-root", "/foreign", "/other/workspace-root", "/workspace-root-backup"})
    std::filesystem::create_directories(root.path() + d);
  std::filesystem::create_directory_symlink(ws, root.path() + "/own-link");
  std::filesystem::create_directory_symlink(root.path() + "/foreign",
                                            root.path() + "/foreign-link");

  CHECK(matches(codex_prompt(ws), ws));
  CHECK(matches(codex_prompt(ws + "/"), ws));
  CHECK(matches(codex_prompt(root.path() + "/own-link"), ws));
  CHECK_FALSE(matches(codex_prompt(root.path() + "/foreign-link"), ws));
  CHECK_FALSE(matches(codex_prompt(root.path() + "/workspace-root-backup"), ws));
  CHECK_FALSE(matches(codex_prompt(root.path() + "/other/workspace-root"), ws));
  auto no_path = inspect(
      "  Do you trust the contents of this directory?\n› 1. Yes, I trust this directory\n  2. No, "
      "exit",
      ws);
  REQUIRE(no_path);
  CHECK(no_path->paths.empty());
  CHECK(no_path->matches_workspace == false);
}

TEST_CASE("a right-edge cut path matches only with the pane's real width") {
  const std::string ws = "/tmp/none/workspaces/repo-right-edge-truncated-20260528T014841Z-gap39";
  std::string first = "> You are in " + ws.substr(0, ws.size() - 8);
  std::string capture = codex_prompt(ws.substr(0, ws.size() - 8));
  int width = static_cast<int>(first.size());
  CHECK(matches(capture, ws, width));
  CHECK_FALSE(matches(capture, ws, std::nullopt));
  CHECK_FALSE(matches(capture, ws, width + 10));
}

TEST_CASE("the copilot trust box: paths inside borders, Yes pre-selected") {
  auto v = inspect(reference_fixture("startup_screen/copilot-trust-prompt.txt"), "", std::nullopt,
                   "copilot");
  REQUIRE(v);
  REQUIRE(v->paths.size() == 1);
  CHECK(v->paths[0].find("/copilot-trust-fixture-") != std::string::npos);
  CHECK(v->default_choice == TrustDefault::accept);
  CHECK_FALSE(v->matches_workspace.has_value());
}

TEST_CASE("no verdict when no live trust prompt is on screen") {
  CHECK_FALSE(inspect("› Find and fix a bug in @filename", "/w"));
  CHECK_FALSE(inspect(codex_prompt("/w") + "\n› Improve documentation\n  gpt-5.5 · /w", "/w"));
}

// A verdict for the own workspace whose options are `screen`'s.
TrustPromptVerdict own_prompt(const std::string& screen) {
  TrustPromptVerdict v;
  v.matches_workspace = true;
  v.matched_path = "/w";
  v.paths = {"/w"};
  v.options = parse_trust_options(normalise_capture(screen).lines, profile("claude").screen);
  return v;
}

TEST_CASE("answer only when opted in, for the own workspace, with the accepting option known") {
  auto own = own_prompt("❯ 1. Yes, I trust this folder\n  2. No, exit");
  auto d = decide_trust_answer(own, true);
  CHECK(d.answer);
  CHECK(d.reason == "trust_auto_answered");
  CHECK(d.keys.empty());
  CHECK(d.option == "Yes, I trust this folder");
  CHECK(d.path == "/w");
  CHECK(decide_trust_answer(own, false).reason == "not_opted_in");
  TrustPromptVerdict foreign = own;
  foreign.matches_workspace = false;
  foreign.foreign_path = "/x";
  CHECK(decide_trust_answer(foreign, true).reason == "workspace_dir_mismatch");
  CHECK(decide_trust_answer(foreign, true).path == "/x");
  CHECK(decide_trust_answer(foreign, false).reason == "workspace_dir_mismatch");
  CHECK(decide_trust_answer(TrustPromptVerdict{}, true).reason == "workspace_unknown");
}

TEST_CASE("the selection on \"No, exit\" is moved, never confirmed; unknown options are left alone") {
  auto on_no = own_prompt("  1. Yes, I trust this folder\n❯ 2. No, exit");
  auto d = decide_trust_answer(on_no, true);
  CHECK(d.answer);
  CHECK(d.keys == std::vector<std::string>{"Up"});
  CHECK(d.option == "Yes, I trust this folder");
  for (const char* screen : {"  1. Yes, I trust this folder\n  2. No, exit",  // no marker
                             "❯ 1. Not now\n  2. No, exit"}) {                // nothing accepts
    CAPTURE(screen);
    auto u = decide_trust_answer(own_prompt(screen), true);
    CHECK_FALSE(u.answer);
    CHECK(u.reason == "unrecognized_options");
    CHECK(u.keys.empty());
  }
}

TEST_CASE("the selection marker on No makes the default a decline, and the answer moves up") {
  auto v = inspect(
      "Quick safety check: Is this a project you created or one you trust?\n"
      "  1. Yes, I trust this folder\n❯ 2. No, exit\nEnter to confirm · Esc to cancel",
      "/w", std::nullopt, "claude");
  REQUIRE(v);
  CHECK(v->default_choice == TrustDefault::decline);
  CHECK(v->options.accepting == 0);
}

namespace {

std::string trust_capture(const std::string& file) {
  std::ifstream in(std::string(TEAM_AGENT_SOURCE_DIR) + "/tests/fixtures/captures/" + file,
                   std::ios::binary);
  REQUIRE_MESSAGE(in.good(), file);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The capture's verdict for `workspace`, paths compared as written.
TrustPromptVerdict verdict_of(const std::string& file, const std::string& provider,
                              const std::string& workspace, const std::string& root = "",
                              bool repository_allowed = false) {
  TrustContext ctx;
  ctx.workspace = workspace;
  ctx.repository_root = root;
  ctx.repository_allowed = repository_allowed;
  ctx.pane_width = 120;
  ctx.canonicalise = [](std::string_view p) { return std::string(p); };
  auto v = inspect_trust_prompt(normalise_capture(trust_capture(file)), profile(provider), ctx);
  REQUIRE_MESSAGE(v, file);
  return *v;
}

}  // namespace

TEST_CASE("Claude 2.1.33x with the selection on \"No, exit\": answered with Down, then Enter") {
  auto v = verdict_of("claude-2.1.332/trust_prompt_default.txt", "claude", "/tmp/ta-capture/claude/ws-trust");
  CHECK(v.default_choice == TrustDefault::decline);
  auto d = decide_trust_answer(v, true);
  CHECK(d.answer);
  CHECK(d.keys == std::vector<std::string>{"Down"});
  CHECK(d.option == "Yes, I trust this folder");
  CHECK(d.path == "/tmp/ta-capture/claude/ws-trust");
  auto after = decide_trust_answer(
      verdict_of("claude-2.1.332/trust_prompt_moved.txt", "claude", "/tmp/ta-capture/claude/ws-trust"), true);
  CHECK(after.answer);
  CHECK(after.keys.empty());
  auto codex = decide_trust_answer(
      verdict_of("codex-0.171.0/trust_prompt_default.txt", "codex", "/tmp/ta-capture/codex/repo-main"), true);
  CHECK(codex.answer);
  CHECK(codex.keys.empty());
  CHECK(codex.option == "Trust and continue");
}

TEST_CASE("a git subdirectory: the prompt trusts the repository root, only with scope repository") {
  const std::string file = "codex/trust_prompt_subdir.txt";
  const std::string ws = "/tmp/ws-codex-sub/repo/sub", root = "/tmp/ws-codex-sub/repo";
  auto by_default = verdict_of(file, "codex", ws, root);
  CHECK(by_default.matches_workspace == true);
  CHECK(by_default.repository_root_path == root);
  auto d = decide_trust_answer(by_default, true);
  CHECK_FALSE(d.answer);
  CHECK(d.reason == "repository_root_not_allowed");
  CHECK(d.path == root);
  // Refused before the opt-in is even asked: nothing is typed either way.
  CHECK(decide_trust_answer(by_default, false).reason == "repository_root_not_allowed");

  auto allowed = decide_trust_answer(verdict_of(file, "codex", ws, root, true), true);
  CHECK(allowed.answer);
  CHECK(allowed.path == root);
  CHECK(allowed.option == "Trust and continue");

  // Not known to be the workspace's repository (no .git found, or another
  // one): the root is just another directory.
  auto unknown_root = decide_trust_answer(verdict_of(file, "codex", ws, "", true), true);
  CHECK(unknown_root.reason == "workspace_dir_mismatch");
  CHECK(unknown_root.path == root);
  auto other_root =
      decide_trust_answer(verdict_of(file, "codex", ws, "/tmp/ws-codex-sub", true), true);
  CHECK(other_root.reason == "workspace_dir_mismatch");
}

TEST_CASE("a prompt naming only the repository root, and a root that is the workspace itself") {
  const std::string screen =
      "  Folder access\n  /r\n  Trust this folder? Codex can read, edit, and run files here.\n"
      "› 1. Trust and continue\n  2. Back to Agent Command Center\n";
  TrustContext ctx;
  ctx.workspace = "/r/sub";
  ctx.repository_root = "/r";
  ctx.canonicalise = [](std::string_view p) { return std::string(p); };
  auto v = inspect_trust_prompt(normalise_capture(screen), profile("codex"), ctx);
  REQUIRE(v);
  CHECK(decide_trust_answer(*v, true).reason == "repository_root_not_allowed");
  ctx.repository_allowed = true;
  v = inspect_trust_prompt(normalise_capture(screen), profile("codex"), ctx);
  CHECK(decide_trust_answer(*v, true).answer);
  // The workspace is the repository root: nothing more to allow.
  ctx.workspace = "/r";
  ctx.repository_allowed = false;
  v = inspect_trust_prompt(normalise_capture(screen), profile("codex"), ctx);
  CHECK(decide_trust_answer(*v, true).answer);
}
