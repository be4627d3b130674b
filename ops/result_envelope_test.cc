#include "ops/result_envelope.h"
#include "tests/support/text_helpers.h"

#include <doctest/doctest.h>

#include <string>

using namespace ta::ops;

namespace {

std::string problems_of(const std::string& text) {
  auto env = parse_result_envelope(text, "r.json");
  REQUIRE_FALSE(env.ok());
  CHECK(env.error().code == 2);
  return env.error().message;
}

using ta::test::contains;

}  // namespace

TEST_CASE("an envelope's keys are all optional") {
  auto empty = parse_result_envelope("{}", "r.json");
  REQUIRE(empty.ok());
  CHECK_FALSE(empty->task.has_value());
  CHECK_FALSE(empty->files.has_value());

  auto full = parse_result_envelope(R"({"task": "T1", "status": "success", "summary": "done",
      "details": "long", "files": ["a.txt", "b/c.md"]})", "r.json");
  REQUIRE(full.ok());
  CHECK(*full->task == "T1");
  CHECK(*full->status == "success");
  CHECK(*full->summary == "done");
  CHECK(*full->details == "long");
  CHECK(*full->files == std::vector<std::string>{"a.txt", "b/c.md"});
}

TEST_CASE("every problem of an envelope is named at its JSON pointer, at once") {
  auto m = problems_of(R"({"task": 1, "colour": "blue", "files": ["a", "", 3]})");
  CHECK(contains(m, "the result envelope r.json is not valid: "));
  CHECK(contains(m, "/task: must be a string, not a number"));
  CHECK(contains(m, "/colour: unknown key"));
  CHECK(contains(m, "/files/1: must be a non-empty path (a string), not an empty string"));
  CHECK(contains(m, "/files/2: must be a non-empty path (a string), not a number"));
  CHECK(contains(problems_of(R"({"files": "a.txt"})"), "/files: must be an array of paths"));
}

TEST_CASE("an envelope that is not a JSON object is refused with where and what") {
  CHECK(contains(problems_of("{\"task\": \"T1\",\n  \"status\": }"),
                 "line 2, column 13: invalid JSON"));
  CHECK(contains(problems_of("[1, 2]"), "/: must be an object such as"));
  CHECK(contains(problems_of(std::string(4u << 20, ' ') + "{}"), "over the 4 MiB limit"));
}
