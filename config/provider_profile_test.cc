#include "config/provider_profile.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"
#include "tests/support/text_helpers.h"

using namespace ta::config;

namespace {

std::vector<std::string> profile_problems(const std::string& text, const std::string& name = "") {
  auto parsed = parse_provider_profile(text, name);
  std::vector<std::string> out;
  for (const auto& e : parsed.errors) out.push_back(e.str());
  CHECK(parsed.ok() == out.empty());
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& needle) {
  for (const auto& s : v)
    if (s.find(needle) != std::string::npos) return true;
  return false;
}

// The smallest valid profile, with `screen_extra` spliced into "screen".
std::string minimal(const std::string& screen_extra = "", const std::string& top_extra = "") {
  return R"({"name": "mini", "launch": {"argv": ["mini"]}, "process_names": ["mini"],
             "submit_key": "Enter", "settle_ms": 10,
             "screen": {"idle": ["^> "], "working": ["esc to interrupt"])" +
         screen_extra + "}" + top_extra + "}";
}

using ta::test::write_text_file;

}  // namespace

TEST_CASE("every built-in profile loads and compiles its patterns") {
  auto names = builtin_provider_names();
  CHECK(names == std::vector<std::string>{"claude", "codex", "copilot", "fake"});
  for (const auto& name : names) {
    CAPTURE(name);
    auto parsed = parse_provider_profile(builtin_profile_texts().at(name), name);
    for (const auto& e : parsed.errors) FAIL_CHECK(e.str());
    REQUIRE(parsed.ok());
    const auto& p = *parsed.profile;
    CHECK(p.name == name);
    CHECK_FALSE(p.screen.idle.empty());
    CHECK_FALSE(p.screen.working.empty());
    CHECK_FALSE(p.screen.non_input.trust_prompt.empty());
    CHECK_FALSE(p.screen.placeholder.empty());
    CHECK(p.screen.menu.first_item.valid());
    CHECK(p.submit_key == "Enter");
  }
}

TEST_CASE("codex waits longer after a paste than the others") {
  auto codex = builtin_profile("codex");
  auto claude = builtin_profile("claude");
  REQUIRE(codex.ok());
  REQUIRE(claude.ok());
  CHECK((*codex)->settle_ms >= 120);
  CHECK((*codex)->settle_ms > (*claude)->settle_ms);
}

TEST_CASE("built-in profiles are parsed once and shared") {
  auto a = builtin_profile("claude");
  auto b = builtin_profile("claude");
  REQUIRE(a.ok());
  CHECK(a->get() == b->get());
  CHECK((*a)->source == "builtin");
}

TEST_CASE("an unknown provider names the known ones") {
  auto p = builtin_profile("claud");
  REQUIRE_FALSE(p.ok());
  CHECK(p.error().message == "unknown provider \"claud\" (known: claude, codex, copilot, fake)");
  CHECK(p.error().code == 2);
}

TEST_CASE("profile problems are all reported as path: message") {
  auto errs = profile_problems(minimal(
      R"(, "idle": ["(unclosed"], "colour": 1, "live_status": [{"within_last_lines": 99, "patterns": ["x"]}])",
      R"(, "settle_ms": -5, "extra": true)"));
  CHECK(has(errs, "/screen/idle/0: invalid regular expression at offset 9"));
  CHECK(has(errs, "/screen/colour: unknown key"));
  CHECK(has(errs, "/screen/live_status/0/within_last_lines: must be a whole number from 1 to 15"));
  CHECK(has(errs, "/settle_ms: must be a whole number of milliseconds from 0 to 10000"));
  CHECK(has(errs, "/extra: unknown key"));
}

TEST_CASE("a minimal profile is valid; required parts are named when missing") {
  CHECK(profile_problems(minimal()).empty());
  auto errs = profile_problems(R"({"name": "x", "screen": {"idle": []}})");
  CHECK(has(errs, "/launch: missing"));
  CHECK(has(errs, "/submit_key: missing"));
  CHECK(has(errs, "/screen/idle: must hold at least one pattern"));
  CHECK(has(errs, "/screen/working: missing"));
}

TEST_CASE("malformed JSON reports the line and column") {
  auto errs = profile_problems("{\n  \"name\": \"x\",\n  oops\n}");
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].rfind("line 3, column 3: malformed JSON", 0) == 0);
}

TEST_CASE("the profile's name must match the provider it is loaded for") {
  auto errs = profile_problems(minimal(), "codex");
  CHECK(has(errs, "/name: is \"mini\" but the file is for provider \"codex\""));
}

TEST_CASE("launch templates, menus and API classes are checked") {
  auto errs = profile_problems(minimal(
      R"(, "menu": {"item": "^1\\. "}, "api_errors": {"context": ["API"], "classes": [{"class": "Teapot", "patterns": ["418"]}]})",
      R"(, "launch": {"argv": ["mini", "{nope}", "{model:yaml}"], "optional": [{"when": "colour", "args": []}]})"));
  CHECK(has(errs, "/launch/argv/1: unknown variable {nope}"));
  CHECK(has(errs, "/launch/argv/2: unknown conversion in {model:yaml}"));
  CHECK(has(errs, "/launch/optional/0/when: unknown variable \"colour\""));
  CHECK(has(errs, "/screen/menu/item: must contain {n}"));
  CHECK(has(errs, "/screen/api_errors/classes/0/class: unknown class \"Teapot\""));
}

TEST_CASE("each profile says which session format its CLI keeps and how to resume it") {
  auto claude = builtin_profile("claude");
  auto codex = builtin_profile("codex");
  auto fake = builtin_profile("fake");
  REQUIRE(claude.ok());
  REQUIRE(codex.ok());
  REQUIRE(fake.ok());
  CHECK(session_format(**claude, {}) == "claude");
  CHECK(session_format(**codex, {}) == "codex");
  // The fake keeps its mode's format; its default mode is codex; plain keeps none.
  CHECK(session_format(**fake, {{"mode", "claude"}}) == "claude");
  CHECK(session_format(**fake, {{"mode", ""}}) == "codex");
  CHECK(session_format(**fake, {{"mode", "plain"}}).empty());
  auto resume = session_argv(**codex, "codex", {{"session_id", "abc"}}, true);
  REQUIRE(resume.ok());
  CHECK(*resume == std::vector<std::string>{"resume", "abc"});
  auto fresh = session_argv(**claude, "claude", {{"session_id", "abc"}}, false);
  REQUIRE(fresh.ok());
  CHECK(*fresh == std::vector<std::string>{"--session-id", "abc"});
  auto copilot = builtin_profile("copilot");
  REQUIRE(copilot.ok());
  CHECK(session_format(**copilot, {}).empty());
}

TEST_CASE("a profile's session section is checked like the rest") {
  auto parsed = parse_provider_profile(R"({"name": "x", "launch": {"argv": ["x"], "session":
    {"format": "{colour}", "args": {"vim": {"resume": ["-r"]}, "codex": {"fresh": 3}}}},
    "process_names": ["x"], "submit_key": "Enter", "settle_ms": 0, "screen": {}})",
                                       "x");
  REQUIRE_FALSE(parsed.ok());
  auto errs = parsed.errors;
  auto has = [&](const std::string& what) {
    for (auto& e : errs)
      if (e.str().find(what) != std::string::npos) return true;
    return false;
  };
  CHECK(has("/launch/session/format: unknown variable {colour}"));
  CHECK(has("/launch/session/args/vim: unknown session format"));
  CHECK(has("/launch/session/args/codex/resume: missing"));
  CHECK(has("/launch/session/args/codex/fresh: must be an array of strings"));
}

TEST_CASE("launch commands are built from the profile's templates") {
  auto claude = builtin_profile("claude");
  REQUIRE(claude.ok());
  auto argv = launch_argv(**claude, {{"session_id", "1234"}, {"model", "opus"}});
  REQUIRE(argv.ok());
  CHECK(*argv == std::vector<std::string>{"claude", "--model", "opus"});
  auto missing = session_argv(**claude, "claude", {}, false);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("{session_id}") != std::string::npos);

  auto codex = builtin_profile("codex");
  REQUIRE(codex.ok());
  auto c = launch_argv(**codex, {{"system_prompt", "Say \"hi\"\nthen stop"}});
  REQUIRE(c.ok());
  CHECK(*c == std::vector<std::string>{"codex", "-c",
                                       "developer_instructions=\"Say \\\"hi\\\"\\nthen stop\""});

  auto fake = builtin_profile("fake");
  REQUIRE(fake.ok());
  auto f = launch_argv(**fake,
                       {{"team_agent_bin", "/bin/team-agent"}, {"id", "w1"}, {"mode", "claude"}});
  REQUIRE(f.ok());
  CHECK(*f == std::vector<std::string>{"/bin/team-agent", "fake-agent", "--id", "w1", "--mode",
                                       "claude"});
}

TEST_CASE("a workspace override replaces the built-in profile, and a broken one is an error") {
  ta::test::TempDir ws;
  std::string path = ws.path() + "/.team/providers/codex.json";
  auto builtin = load_provider_profile("codex", ws.path());
  REQUIRE(builtin.ok());
  CHECK((*builtin)->source == "builtin");

  std::string text = minimal();
  text.replace(text.find("\"mini\""), 6, "\"codex\"");
  write_text_file(path, text);
  auto over = load_provider_profile("codex", ws.path());
  REQUIRE(over.ok());
  CHECK((*over)->source == path);
  CHECK((*over)->settle_ms == 10);

  write_text_file(path, minimal(R"(, "working": ["(("])"));
  auto broken = load_provider_profile("codex", ws.path());
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().code == 2);
  CHECK(broken.error().message.find(path + " is not a valid provider profile") == 0);
  CHECK(broken.error().message.find("/name: is \"mini\"") != std::string::npos);
  CHECK(broken.error().message.find("/screen/working/0: invalid regular expression") !=
        std::string::npos);
}

TEST_CASE("the any-provider profile carries every real CLI's markers but not the fake's") {
  auto any = any_provider_profile();
  CHECK(any->screen.idle.matches("› Find and fix a bug"));
  CHECK(any->screen.idle.matches("❯ "));
  CHECK_FALSE(any->screen.idle.matches("> quoted text"));
  CHECK(any->screen.non_input.trust_prompt.matches("Confirm folder trust"));
  CHECK(any->screen.non_input.trust_prompt.matches("Quick safety check"));
  CHECK(any->process_names.size() >= 3);
}

TEST_CASE("composer, readiness, retry and notice patterns are read and checked") {
  auto ok = parse_provider_profile(minimal(
    R"(, "composer": {"start": ["^> "], "end": ["^─+"], "empty": ["^hint$"]},
         "readiness": {"ready": ["model · /"], "starting": ["waiting"], "splash": ["⣿{4,}"]},
         "api_errors": {"context": ["API"], "classes": [{"class": "Unknown", "patterns": ["x"]}],
                        "retry": ["retrying in \\d"], "notices": ["settings failed to load"]})"));
  REQUIRE(ok.ok());
  const auto& s = ok.profile->screen;
  CHECK(s.composer.start.matches("> hi"));
  CHECK(s.composer.end.matches("────"));
  CHECK(s.composer.empty.matches("hint"));
  CHECK(s.readiness.ready.matches("gpt default model · /tmp"));
  CHECK(s.readiness.starting.matches("waiting for startup"));
  CHECK(s.readiness.splash.matches("  ⣿⣿⣿⣿⣿"));
  CHECK(s.api_errors.retry.matches("retrying in 5s"));
  CHECK(s.api_errors.notices.matches("Remote settings failed to load"));

  auto errs = profile_problems(minimal(R"(, "composer": {"start": []}, "readiness": {"splash": ["(("]})"));
  CHECK(has(errs, "/screen/composer/start: must hold at least one pattern"));
  CHECK(has(errs, "/screen/composer/end: missing"));
  CHECK(has(errs, "/screen/readiness/ready: missing"));
  CHECK(has(errs, "/screen/readiness/splash/0:"));
  // Ready markers are read at or below the composer: without one they mean nothing.
  CHECK(has(profile_problems(minimal(R"(, "readiness": {"ready": ["x"]})")),
            "/screen/readiness/ready: needs a \"composer\""));
  CHECK(has(profile_problems(minimal(R"(, "composer": {"start": ["a"], "end": ["b"], "x": []})")),
            "/screen/composer/x: unknown key"));
}
