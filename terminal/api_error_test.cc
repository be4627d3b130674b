#include "terminal/api_error.h"

#include <doctest/doctest.h>

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
  // Texts from cli/fake_agent_prompts.cc (api_error_text).
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
  CHECK(api_error_fingerprint(*e1) == "Overloaded::API Error: Overloaded");
}
