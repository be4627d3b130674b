#include "fake_agent/resolve.h"

#include <doctest/doctest.h>

#include <map>

using namespace ta;
using namespace ta::fake;

namespace {

// An environment holding exactly `vars`.
EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) {
    auto it = vars.find(name);
    return it == vars.end() ? std::string() : it->second;
  };
}

Options resolved(const Flags& f, std::map<std::string, std::string> vars = {}) {
  auto o = resolve(f, env_of(std::move(vars)), "/work/here");
  REQUIRE_MESSAGE(o.ok(), (o.ok() ? "" : o.error().message));
  return *o;
}

Error refused(const Flags& f, std::map<std::string, std::string> vars = {}) {
  auto o = resolve(f, env_of(std::move(vars)), "/work/here");
  REQUIRE_FALSE(o.ok());
  return o.error();
}

Flags with_mode(const std::string& mode) {
  Flags f;
  f.mode = mode;
  return f;
}

}  // namespace

TEST_CASE("resolve: codex defaults (placeholder above 1000 chars, Enter guard, 429)") {
  Options o = resolved(Flags{});
  CHECK(o.mode == Mode::codex);
  CHECK(o.reply == ReplyKind::report);
  CHECK(o.claude_style == ClaudeStyle::box);
  CHECK(o.placeholder_min_chars == 1000);
  CHECK(o.placeholder_min_lines == 0);
  CHECK(o.paste_enter_guard_ms == 120);
  CHECK(o.api_error_kind == ApiErrorKind::rate_limit);
  CHECK(o.cwd == "/work/here");
  CHECK(o.trust_path == "/work/here");
  CHECK_FALSE(o.trust_prompt);
  CHECK(o.trust_options == std::vector<std::string>{"Yes, continue", "No, quit"});
  CHECK(o.trust_selected == 0);
}

TEST_CASE("resolve: claude defaults (800 chars or 3 lines, no guard, 529)") {
  Flags f = with_mode("claude");
  f.claude_style = "rule";
  Options o = resolved(f);
  CHECK(o.mode == Mode::claude);
  CHECK(o.claude_style == ClaudeStyle::rule);
  CHECK(o.placeholder_min_chars == 800);
  CHECK(o.placeholder_min_lines == 3);
  CHECK(o.paste_enter_guard_ms == 0);
  CHECK(o.api_error_kind == ApiErrorKind::overloaded);
  CHECK(o.trust_options == std::vector<std::string>{"Yes, I trust this folder", "No, exit"});
}

TEST_CASE("resolve: values given on the command line win over the mode's") {
  Flags f = with_mode("plain");
  f.opts.placeholder_min_chars = 5;
  f.opts.placeholder_min_lines = 0;
  f.opts.paste_enter_guard_ms = 40;
  f.api_error_kind = "network";
  f.reply = "send";
  Options o = resolved(f);
  CHECK(o.placeholder_min_chars == 5);
  CHECK(o.placeholder_min_lines == 0);
  CHECK(o.paste_enter_guard_ms == 40);
  CHECK(o.api_error_kind == ApiErrorKind::network);
  CHECK(o.reply == ReplyKind::send);
}

TEST_CASE("resolve: the id comes from --id, else $TEAM_AGENT_ID, else \"fake\"") {
  CHECK(resolved(Flags{}).id == "fake");
  CHECK(resolved(Flags{}, {{"TEAM_AGENT_ID", "worker-1"}}).id == "worker-1");
  Flags f;
  f.opts.id = "given";
  CHECK(resolved(f, {{"TEAM_AGENT_ID", "worker-1"}}).id == "given");
}

TEST_CASE("resolve: an id that is not a safe file name is a usage error") {
  for (const char* bad : {"..", ".", "a/b", "has space"}) {
    Flags f;
    f.opts.id = bad;
    Error e = refused(f);
    CHECK(e.code == kFakeExitUsage);
    CHECK(e.message.find("invalid --id") != std::string::npos);
  }
  Flags f;
  f.opts.id = std::string(65, 'a');
  CHECK(refused(f).code == kFakeExitUsage);
  f.opts.id = "ok_id-1.2";
  CHECK(resolved(f).id == "ok_id-1.2");
}

TEST_CASE("resolve: the key screen and the auth error need the mode's API key") {
  Flags f = with_mode("claude");
  f.opts.api_key_screen = true;
  Error e = refused(f, {{"OPENAI_API_KEY", "sk-openai"}});
  CHECK(e.code == kFakeExitUsage);
  CHECK(e.message.find("$ANTHROPIC_API_KEY") != std::string::npos);
  CHECK(resolved(f, {{"ANTHROPIC_API_KEY", "sk-ant"}}).api_key == "sk-ant");

  Flags g;
  g.api_error_kind = "auth";
  CHECK(refused(g).message.find("$OPENAI_API_KEY") != std::string::npos);
  CHECK(resolved(g, {{"OPENAI_API_KEY", "sk-openai"}}).api_key == "sk-openai");
}

TEST_CASE("resolve: a trust style, options or selection imply the trust prompt") {
  Flags f;
  f.trust_style = "claude-2.1.33x";
  Options o = resolved(f);
  CHECK(o.trust_prompt);
  CHECK(o.trust_style == TrustStyle::claude_unnumbered);
  CHECK(o.trust_options == std::vector<std::string>{"No, exit", "Yes, I trust this folder"});

  f.trust_style = "codex-0.171";
  o = resolved(f);
  CHECK(o.trust_style == TrustStyle::codex_folder_access);
  CHECK(o.trust_options.front() == "Trust and continue");

  Flags g;
  g.trust_options = "Go|Stay|Leave";
  g.trust_selected = 3;
  o = resolved(g);
  CHECK(o.trust_prompt);
  CHECK(o.trust_options == std::vector<std::string>{"Go", "Stay", "Leave"});
  CHECK(o.trust_selected == 2);

  Flags h;
  h.opts.sticky_trust = true;
  CHECK(resolved(h).trust_prompt);
  Flags r;
  r.opts.trust_repo_root = "/repo";
  CHECK(resolved(r).trust_prompt);
}

TEST_CASE("resolve: trust options need two labels, and the selection must be one of them") {
  Flags f;
  f.trust_options = "Only one";
  CHECK(refused(f).message.find("at least two labels") != std::string::npos);
  Flags g;
  g.trust_selected = 3;
  Error e = refused(g);
  CHECK(e.code == kFakeExitUsage);
  CHECK(e.message.find("is past the 2 trust options") != std::string::npos);
}

TEST_CASE("resolve: the transcript goes under the workspace unless given or turned off") {
  Flags f;
  f.opts.id = "w1";
  CHECK(resolved(f).transcript_path.empty());
  CHECK(resolved(f, {{"TEAM_AGENT_WORKSPACE", "/ws"}}).transcript_path ==
        "/ws/.team/fake-agents/w1.jsonl");
  f.opts.transcript_path = "/tmp/t.jsonl";
  CHECK(resolved(f, {{"TEAM_AGENT_WORKSPACE", "/ws"}}).transcript_path == "/tmp/t.jsonl");
  f.no_transcript = true;
  CHECK(resolved(f, {{"TEAM_AGENT_WORKSPACE", "/ws"}}).transcript_path.empty());
}

TEST_CASE("resolve: sessions are kept under the mode's CLI directory, resumed by its words") {
  Flags claude = with_mode("claude");
  claude.opts.session_id = "11111111-2222-4333-8444-555555555555";
  Options o = resolved(claude, {{"HOME", "/home/u"}});
  CHECK(o.session_root == "/home/u/.claude");
  CHECK(o.session_id == "11111111-2222-4333-8444-555555555555");
  CHECK_FALSE(o.resume);
  o = resolved(claude, {{"HOME", "/home/u"}, {"CLAUDE_CONFIG_DIR", "/cfg"}});
  CHECK(o.session_root == "/cfg");

  Flags resume = with_mode("claude");
  resume.resume_id = "abcd-ef";
  o = resolved(resume);
  CHECK(o.resume);
  CHECK(o.session_id == "abcd-ef");
  CHECK(o.session_root.empty());  // no HOME, no CLAUDE_CONFIG_DIR: nothing kept

  Flags codex = with_mode("codex");
  codex.command = {"resume", "0123-abcd"};
  o = resolved(codex, {{"HOME", "/home/u"}, {"CODEX_HOME", "/ch"}});
  CHECK(o.resume);
  CHECK(o.session_id == "0123-abcd");
  CHECK(o.session_root == "/ch");
  codex.command = {"resume", "0123-abcd"};
  CHECK(resolved(codex, {{"HOME", "/home/u"}}).session_root == "/home/u/.codex");
  // Unasked, a session is kept only where the CLI's variable points, never
  // among the real sessions under $HOME.
  CHECK(resolved(with_mode("codex"), {{"HOME", "/home/u"}}).session_root.empty());
  CHECK(resolved(with_mode("claude"), {{"HOME", "/home/u"}}).session_root.empty());
  CHECK(resolved(with_mode("codex"), {{"CODEX_HOME", "/ch"}}).session_root == "/ch");
  o = resolved(with_mode("plain"), {{"HOME", "/home/u"}, {"CODEX_HOME", "/ch"}});
  CHECK(o.session_root.empty());
}

TEST_CASE("resolve: session words of the other CLI, or a bad id, are usage errors") {
  Flags codex_with_flag = with_mode("codex");
  codex_with_flag.resume_id = "abcd";
  CHECK(refused(codex_with_flag).code == kFakeExitUsage);
  Flags claude_with_word = with_mode("claude");
  claude_with_word.command = {"resume", "abcd"};
  CHECK(refused(claude_with_word).code == kFakeExitUsage);
  Flags half = with_mode("codex");
  half.command = {"resume"};
  CHECK(refused(half).code == kFakeExitUsage);
  Flags both = with_mode("claude");
  both.opts.session_id = "abcd";
  both.resume_id = "abcd";
  CHECK(refused(both).code == kFakeExitUsage);
  Flags path_id = with_mode("claude");
  path_id.resume_id = "../x";
  CHECK(refused(path_id).message.find("invalid session id") != std::string::npos);
}
