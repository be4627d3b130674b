#include "ops/team_shape.h"

#include <doctest/doctest.h>

#include "config/team_spec.h"

using namespace ta;

namespace {

std::string ids(const std::vector<ops::NamedWorker>& workers) {
  std::string out;
  for (const auto& w : workers) out += (out.empty() ? "" : " ") + w.id + "/" + w.provider;
  return out;
}

std::string first_error(const std::vector<std::string>& items) {
  auto parsed = ops::parse_workers(items);
  REQUIRE_FALSE(parsed);
  CHECK(parsed.error().code == 2);
  CHECK(parsed.error().message.find('\n') == std::string::npos);  // one sentence
  return parsed.error().message;
}

}  // namespace

TEST_CASE("--workers takes PROVIDER[:COUNT] lists, repeated or comma separated") {
  auto one = ops::parse_workers({"codex:2"});
  REQUIRE(one);
  REQUIRE(one->size() == 1);
  CHECK((*one)[0].provider == "codex");
  CHECK((*one)[0].count == 2);

  auto mixed = ops::parse_workers({"codex:2, claude", "fake:1"});
  REQUIRE(mixed);
  CHECK(ids(ops::name_workers(*mixed)) ==
        "codex-1/codex codex-2/codex claude-1/claude fake-1/fake");

  // Numbered per provider across groups, so no id is given twice.
  auto again = ops::parse_workers({"codex:1,claude:1,codex:1"});
  REQUIRE(again);
  CHECK(ids(ops::name_workers(*again)) == "codex-1/codex claude-1/claude codex-2/codex");

  auto none = ops::parse_workers({});
  REQUIRE(none);
  CHECK(none->empty());
}

TEST_CASE("a bad --workers entry is named in one sentence") {
  CHECK(first_error({"gpt:2"}).find("unknown provider \"gpt\"") != std::string::npos);
  CHECK(first_error({"gpt:2"}).find("claude, codex, fake") != std::string::npos);
  CHECK(first_error({"codex:0"}).find("a count from 1 to 50") != std::string::npos);
  CHECK(first_error({"codex:51"}).find("\"codex:51\"") != std::string::npos);
  CHECK(first_error({"codex:two"}).find("\"codex:two\"") != std::string::npos);
  CHECK(first_error({"codex:"}).find("count") != std::string::npos);
  CHECK(first_error({"codex:-1"}).find("count") != std::string::npos);
  CHECK(first_error({"codex,,claude"}).find("empty entry") != std::string::npos);
}

TEST_CASE("a team is named after its folder, within the characters a team name takes") {
  CHECK(ops::team_name_for_folder("/home/me/my-app") == "my-app");
  CHECK(ops::team_name_for_folder("/home/me/My App (v2)/") == "my-app-v2");
  CHECK(ops::team_name_for_folder("/srv/Project_X") == "project_x");
  CHECK(ops::team_name_for_folder("/tmp/.hidden") == "hidden");
  CHECK(ops::team_name_for_folder("/") == "team");
  CHECK(ops::team_name_for_folder("/tmp/日本") == "team");
  auto long_name = ops::team_name_for_folder("/x/" + std::string(40, 'a') + "-b");
  CHECK(long_name == std::string(32, 'a'));
  CHECK(config::is_safe_name(ops::team_name_for_folder("/tmp/a--b..c-")));
  CHECK(ops::team_name_for_folder("/tmp/a--b..c-") == "a-b-c");
}

TEST_CASE("the spec a shape writes is valid: the leader's CLI args kept, workers named") {
  ops::TeamShape shape{"app", "claude", {"--model", "opus", "--verbose"}, {{"codex", 2}}};
  auto parsed = config::parse_team_spec(ops::team_shape_text(shape));
  REQUIRE(parsed.ok());
  const auto& spec = *parsed.spec;
  CHECK(spec.team == "app");
  CHECK(spec.leader.id == "leader");
  CHECK(spec.leader.provider == "claude");
  CHECK(spec.leader.args == std::vector<std::string>{"--model", "opus", "--verbose"});
  REQUIRE(spec.agents.size() == 2);
  CHECK(spec.agents[0].id == "codex-1");
  CHECK(spec.agents[1].id == "codex-2");
  CHECK(spec.agents[1].provider == "codex");
  CHECK_FALSE(spec.runtime.auto_trust_own_workspace);

  // A quick start's team: the leader alone, no args key when there are none.
  ops::TeamShape alone{"solo", "codex", {}, {}};
  auto text = ops::team_shape_text(alone);
  CHECK(text.find("\"args\"") == std::string::npos);
  auto solo = config::parse_team_spec(text);
  REQUIRE(solo.ok());
  CHECK(solo.spec->agents.empty());
  CHECK(solo.spec->leader.provider == "codex");
}
