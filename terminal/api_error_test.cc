#include "terminal/api_error.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "terminal/activity.h"
#include "terminal/error_text.h"

using namespace ta::terminal;

namespace {

std::optional<ApiErrorMatch> detect(const std::string& capture,
                                    const std::string& provider = "claude") {
  return detect_api_error(normalise_capture(capture), **ta::config::builtin_profile(provider));
}

std::string class_of(const std::string& capture, const std::string& provider = "claude") {
  auto m = detect(capture, provider);
  return m ? m->error_class : "none";
}

}  // namespace

TEST_CASE("each class is recognised with an API or provider word nearby") {
  CHECK(class_of("API Error: Overloaded") == "Overloaded");
  CHECK(class_of(R"(API Error: 529 {"type":"error","error":{"type":"overloaded_error"}})") ==
        "Overloaded");
  CHECK(class_of("HTTPError: 429 Too Many Requests") == "RateLimit");
  CHECK(class_of("Claude usage limit reached") == "RateLimit");
  CHECK(class_of("claude: request timed out after 60s") == "Timeout");
  CHECK(class_of("API Error: Connection error. TypeError: fetch failed (ECONNRESET)") ==
        "NetworkError");
  CHECK(class_of("codex returned 502 Bad Gateway") == "NetworkError");
  CHECK(class_of("API Error: 400 invalid_request_error") == "Unknown");
}

TEST_CASE("error words in chat without an API context never fire") {
  CHECK(class_of("User: the server said 503 yesterday") == "none");
  CHECK(class_of("my build timed out after 30 minutes") == "none");
  CHECK(class_of("we logged 'fetch failed' at warn level") == "none");
  CHECK(class_of("claude wrote 500 lines of tests") == "none");
}

TEST_CASE("a wrapped error matches across up to three lines, not four") {
  CHECK(class_of("claude:\n  request timed out") == "Timeout");
  CHECK(class_of("codex\n  upstream returned\n  fetch failed (ECONNREFUSED)") == "NetworkError");
  CHECK(class_of("claude\nfiller 1\nfiller 2\nfiller 3\n  request timed out") == "none");
}

TEST_CASE("long windows keep their last 400 characters") {
  auto m = detect(std::string(500, 'x') + " claude: request timed out after 60s");
  REQUIRE(m);
  CHECK(m->error_class == "Timeout");
  CHECK(ta::terminal::kApiErrorWindowChars == 400);
  CHECK(m->snippet.size() == 400);
  CHECK(m->snippet.find("request timed out after 60s") != std::string::npos);
}

TEST_CASE("the latest error is reported, with assistant text above it noted") {
  auto m = detect("● Assistant: I'll start\nAPI Error: Overloaded\nsome output\nHTTPError: 429");
  REQUIRE(m);
  CHECK(m->error_class == "RateLimit");
  CHECK(m->partial_response_streamed);
  auto bare = detect("API Error: Overloaded");
  REQUIRE(bare);
  CHECK_FALSE(bare->partial_response_streamed);
}

TEST_CASE("the fake agent's errors classify as the kind it was asked to show") {
  // Texts from fake_agent/prompts.cc (api_error_text).
  CHECK(class_of("■ stream error: HTTPError: 503 Service Unavailable: the server is overloaded "
                 "(Overloaded); retrying 1/5 in 1.2s…",
                 "fake") == "Overloaded");
  CHECK(class_of("■ stream error: HTTPError: 429 Too Many Requests; retrying 1/5 in 1.2s…",
                 "fake") == "RateLimit");
  CHECK(class_of("■ stream error: error sending request for url (https://api.openai.com/v1/"
                 "responses): HTTPError: connection reset (ECONNRESET); retrying 1/5 in 1.2s…",
                 "fake") == "NetworkError");
  CHECK(class_of("■ stream error: HTTPError: request timed out after 60s; retrying 1/5", "fake") ==
        "Timeout");
  CHECK(class_of("  ⎿  API Error: Request timed out after 60s.", "fake") == "Timeout");
}

TEST_CASE("the same error is reported once until a clean capture") {
  ApiErrorDedupe d;
  auto e1 = detect("API Error: Overloaded");
  CHECK(d.should_report(e1));
  CHECK_FALSE(d.should_report(e1));
  CHECK(d.should_report(detect("HTTPError: 429 Too Many Requests")));
  CHECK_FALSE(d.should_report(std::nullopt));
  CHECK(d.last_fingerprint().empty());
  CHECK(d.should_report(e1));
  CHECK(api_error_fingerprint(*e1) == "Overloaded::api error: overloaded");
}

namespace {

// A Claude Code 2.1.332 screen while it retries a request offline.
std::string claude_retry_frame(int attempt, int seconds, const std::string& cause = "ENOTFOUND") {
  return "❯ Say hello in one word.\n\n✻ Can't reach the API server — check your internet or DNS (" +
         cause + ") · retrying in " + std::to_string(seconds) + "s · attempt " +
         std::to_string(attempt) + "/10\n\n" + std::string(30, '-') + "\n❯\u00a0\n" +
         std::string(30, '-') + "\n  ⏵⏵ auto mode on (shift+tab to cycle) · esc to interrupt\n";
}

}  // namespace

TEST_CASE("Claude 2.1.332's retry wording is a network error, and the CLI says it retries") {
  auto m = detect(claude_retry_frame(4, 5));
  REQUIRE(m);
  CHECK(m->error_class == "NetworkError");
  CHECK(m->retrying);
  CHECK_FALSE(m->partial_response_streamed);
  auto final_error = detect(
    "❯ Say hello in one word.\n● API Error: Can't reach the API server — check your internet or "
    "DNS (ENOTFOUND)\n──────────\n❯ Resend your message to try again\n──────────\n");
  REQUIRE(final_error);
  CHECK(final_error->error_class == "NetworkError");
  CHECK_FALSE(final_error->retrying);
}

TEST_CASE("the fingerprint ignores countdowns, attempt counters, elapsed times and spinners") {
  auto a = detect(claude_retry_frame(1, 1));
  auto b = detect(claude_retry_frame(7, 14));
  REQUIRE(a);
  REQUIRE(b);
  CHECK(api_error_fingerprint(*a) == api_error_fingerprint(*b));
  auto other_cause = detect(claude_retry_frame(7, 14, "ECONNREFUSED"));
  REQUIRE(other_cause);
  CHECK(api_error_fingerprint(*a) != api_error_fingerprint(*other_cause));
  CHECK(normalise_error_text("◦ Reconnecting... 2/5 (0s • esc to interrupt)") ==
        normalise_error_text("• Reconnecting... 5/5 (6s • esc to interrupt)"));
  CHECK(normalise_error_text("Reconnecting... waiting for network (12m 18s • esc to interrupt)") ==
        normalise_error_text("Reconnecting... waiting for network (11s • esc to interrupt)"));
  CHECK(normalise_error_text("✻ Unable to connect to API · Retrying in 12s · attempt 3/10") ==
        normalise_error_text("✶ Unable to connect to API · Retrying in 1s · attempt 9/10"));
  CHECK(normalise_error_text("2026-12-03T06:41:07Z stream error") ==
        normalise_error_text("2026-12-04T10:00:59Z stream error"));
  CHECK(normalise_error_text("Baked for 2m 55s") == normalise_error_text("Baked for 13s"));
  // What tells errors apart stays.
  CHECK(normalise_error_text("API Error: 503") != normalise_error_text("API Error: 529"));
  CHECK(normalise_error_text("see /tmp/a/1/2") == "see /tmp/a/1/2");
}

TEST_CASE("a whole Claude retry sequence, then its final error, is one report") {
  ApiErrorDedupe d;
  int reports = 0;
  const int countdowns[] = {1, 1, 3, 5, 9, 14, 20, 25, 30, 13};
  for (int attempt = 1; attempt <= 10; ++attempt)
    for (int s = countdowns[attempt - 1]; s >= 1; --s)
      reports += d.should_report(detect(claude_retry_frame(attempt, s)), true) ? 1 : 0;
  CHECK(reports == 1);
  // The give-up above an idle composer ends the same failed request.
  auto final_error = detect(
    "❯ Say hello in one word.\n● API Error: Can't reach the API server — check your internet or "
    "DNS (ENOTFOUND)\n──────────\n❯ Resend your message to try again\n");
  CHECK_FALSE(d.should_report(final_error, false));
  // It stays on screen above the idle composer: still not new.
  CHECK_FALSE(d.should_report(final_error, false));
  // A new request that fails again is a new report.
  CHECK(d.should_report(detect(claude_retry_frame(1, 1)), true));
}

TEST_CASE("without the turn state, normalised fingerprints still fold a retry sequence") {
  ApiErrorDedupe d;
  int reports = 0;
  for (int attempt = 1; attempt <= 10; ++attempt)
    reports += d.should_report(detect(claude_retry_frame(attempt, 11 - attempt))) ? 1 : 0;
  CHECK(reports == 1);
}

TEST_CASE("Codex reconnects, a working frame between them, then waiting for network: one report") {
  auto reconnect = [](int n, int s) {
    return "› Say hello\n• Reconnecting... " + std::to_string(n) + "/5 (" + std::to_string(s) +
           "s • esc to interrupt)\n  └ Stream disconnected before completion: failed to lookup "
           "address information: Name does not resolve\n› Ask Codex to do anything\n  gpt default "
           "· /tmp/ws\n";
  };
  const std::string working = "› Say hello\n• Working (7s • esc to interrupt)\n› Ask Codex to do "
                              "anything\n  gpt default · /tmp/ws\n";
  const std::string waiting =
    "› Say hello\n◦ Reconnecting... waiting for network (10s • esc to interrupt)\n  └ Connection "
    "failed: error sending request\n› Ask Codex to do anything\n  gpt default · /tmp/ws\n";
  ApiErrorDedupe d;
  int reports = 0;
  for (int n = 1; n <= 5; ++n) reports += d.should_report(detect(reconnect(n, n), "codex"), true);
  CHECK_FALSE(detect(working, "codex"));
  reports += d.should_report(detect(working, "codex"), true);
  for (int s = 10; s < 20; ++s) reports += d.should_report(detect(waiting, "codex"), true);
  CHECK(reports == 1);
  auto m = detect(reconnect(2, 0), "codex");
  REQUIRE(m);
  CHECK(m->error_class == "NetworkError");
  CHECK(m->retrying);
  CHECK_FALSE(m->partial_response_streamed);
}

TEST_CASE("a reconnect line above an error is no partial response; assistant text is") {
  auto m = detect(
    "› hi\n• Reconnecting... 2/5 (0s • esc to interrupt)\n  └ Stream disconnected before "
    "completion: error sending request\n",
    "codex");
  REQUIRE(m);
  CHECK_FALSE(m->partial_response_streamed);
  auto streamed = detect("› hi\n• Here is the first part of my answer\n■ stream error: codex "
                         "stream disconnected before completion\n",
                         "codex");
  REQUIRE(streamed);
  CHECK(streamed->partial_response_streamed);
}

TEST_CASE("a different class within one turn, or an error after a clean screen, is reported") {
  ApiErrorDedupe d;
  CHECK(d.should_report(detect("API Error: Overloaded"), true));
  CHECK(d.should_report(detect("HTTPError: 429 Too Many Requests"), true));
  CHECK_FALSE(d.should_report(std::nullopt, false));
  CHECK(d.should_report(detect("HTTPError: 429 Too Many Requests"), true));
}

TEST_CASE("startup notices are notices, never API errors") {
  const std::string screen =
    " ▐▛███▛█   Claude Code v2.1.332\n▝▜██████▀  Opus 5.5 · API Usage Billing\n"
    "⚠ Remote managed settings failed to load (network error) · no remote policy applied · "
    "/status for details\n▎ Auto mode is now Claude Code's default permission mode.\n"
    "──────────\n❯\u00a0\n──────────\n  ⏸ manual mode on · ? for shortcuts\n";
  CHECK(class_of(screen) == "none");
  auto n = detect_notice(normalise_capture(screen), **ta::config::builtin_profile("claude"));
  REQUIRE(n);
  CHECK(n->text.find("Remote managed settings failed to load") != std::string::npos);
  // Other housekeeping failures read the same way.
  for (const char* text :
       {"Claude Code: failed to fetch plugins marketplace (network error)",
        "claude: auto-update failed (ENOTFOUND)", "MCP server \"github\" failed to start (API "
                                                  "Error: fetch failed)"}) {
    CAPTURE(text);
    CHECK(class_of(text) == "none");
    CHECK(detect_notice(normalise_capture(text), **ta::config::builtin_profile("claude")));
  }
  // A real request failure below the notice is still reported.
  CHECK(class_of(screen + "● API Error: Connection error (ECONNRESET)\n") == "NetworkError");
  NoticeDedupe once;
  CHECK(once.should_report(n));
  CHECK_FALSE(once.should_report(n));
  CHECK_FALSE(once.should_report(std::nullopt));
}

namespace {

std::string api_error_capture(const std::string& rel) {
  std::ifstream in(std::string(TEAM_AGENT_SOURCE_DIR) + "/tests/fixtures/captures/" + rel,
                   std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << rel);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Feeds captured frames, in order, to one dedupe the way the leader watcher
// does (turn live = the activity classifier says working); counts reports.
int reports_for(const std::vector<std::string>& frames, const std::string& provider) {
  const auto& p = **ta::config::builtin_profile(provider);
  ApiErrorDedupe d;
  int n = 0;
  for (const auto& rel : frames) {
    auto screen = normalise_capture(api_error_capture(rel));
    bool live = classify_activity(screen, p).status == Activity::working;
    n += d.should_report(detect_api_error(screen, p), live) ? 1 : 0;
  }
  return n;
}

}  // namespace

TEST_CASE("captured offline failures of the pinned CLIs are one report each") {
  std::vector<std::string> claude;
  for (int i = 1; i <= 7; ++i)
    claude.push_back("claude-2.1.332/after_submit_f0" + std::to_string(i) + ".txt");
  claude.push_back("claude-2.1.332/retrying.txt");
  claude.push_back("claude-2.1.332/api_error_final.txt");
  CHECK(reports_for(claude, "claude") == 1);
  // Codex: reconnects 1-5/5, plain "Working" frames with no error line, then
  // "waiting for network".
  std::vector<std::string> codex;
  for (int i = 1; i <= 9; ++i)
    codex.push_back("codex-0.171.0/after_submit_f0" + std::to_string(i) + ".txt");
  codex.push_back("codex-0.171.0/reconnecting_waiting.txt");
  CHECK(reports_for(codex, "codex") == 1);
  // The Claude startup notice is none.
  CHECK(reports_for({"claude-2.1.332/startup_notice.txt", "claude-2.1.332/idle_pretrusted.txt"},
                    "claude") == 0);
}
