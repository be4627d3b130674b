// The read-only verbs people reach for first, end to end with a real
// private tmux server and fake agents: peek (a pane's last lines, redacted,
// followed), inbox (what the leader pane could not take), status --summary,
// and the manners every verb shares: --json that parses, listed in --help,
// and unknown flags refused.
#include <doctest/doctest.h>

#include <csignal>

#include <nlohmann/json.hpp>

#include "tests/e2e/run_fixture.h"
#include "tests/e2e/support.h"
#include "util/columns.h"
#include "tests/support/text_helpers.h"

using namespace ta::test;
using namespace std::chrono_literals;
using Json = nlohmann::json;

namespace {

// Shaped like an OpenAI project key; never a real credential.
const std::string kFakeKey =
    "sk-proj-Qm4Wn8Er2Ty6Ui0Op3As7Df1Gh5Jk9Lz2Xc6Vb0Nm4Qw8Er3Ty7Ui1Op5As9Df2Gh6Jk0Lz4AbCd";

using ta::test::contains;

// The first 12-character piece of the fake key found in `text`, or "".
std::string leaked_piece(const std::string& text) {
  for (std::size_t i = 0; i + 12 <= kFakeKey.size(); ++i)
    if (contains(text, kFakeKey.substr(i, 12))) return kFakeKey.substr(i, 12);
  return "";
}

// Every verb but the hidden ones and those of the quick start (init, run,
// shutdown), which say their own --json; each with the arguments it
// requires, so that only the unknown flag can be wrong.
const std::vector<std::vector<std::string>> kVerbs = {
    {"send", "w1", "hi"}, {"report"}, {"answer", "q-1", "yes"}, {"status"}, {"events"},
    {"replay"}, {"doctor"}, {"inspect", "capture.txt"}, {"attach"}, {"peek", "w1"}, {"inbox"},
    {"restart"}, {"stop", "w1"}, {"start", "w1"}, {"reset", "w1", "--discard-session"},
    {"remove-agent", "w1"}, {"add-agent", "w2", "--provider", "fake"}, {"acknowledge-idle"},
    {"stuck"}, {"cancel", "w1"}};

}  // namespace

TEST_CASE("peek before the team runs: one sentence, exit 1; an unknown agent: exit 2") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  auto idle = team_agent(ws.path(), {"peek", "w1"});
  CHECK(idle.exit_code == 1);
  CHECK(idle.out.empty());
  CHECK(split_lines(idle.err).size() == 1);
  CHECK_MESSAGE(contains(idle.err, "no team tmux server is running"), idle.err);
  // -w after the subcommand is the global option.
  auto after = run({team_agent_bin(), "inbox", "--json", "-w", ws.path()});
  CHECK_MESSAGE(after.exit_code == 0, after.err);
  CHECK(Json::parse(after.out)["entries"].empty());
  auto unknown = team_agent(ws.path(), {"peek", "nobody"});
  CHECK(unknown.exit_code == 2);
  CHECK_MESSAGE(contains(unknown.err, "unknown agent \"nobody\" (the team has: leader, w1)"),
                unknown.err);
}

TEST_CASE("peek shows an agent's pane text, its last N lines, as JSON too, with secrets redacted") {
  TeamWorkspace ws(std::vector<AgentDef>{
      {"w1", {"--startup-notice", "export OPENAI_API_KEY=" + kFakeKey}}});
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());

  auto r = team_agent(ws.path(), {"peek", "w1"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  INFO(r.out);
  CHECK(contains(r.out, "fake-model"));        // the fake agent's footer
  CHECK(contains(r.out, "export OPENAI_API_KEY="));  // the line that showed the key…
  CHECK(leaked_piece(r.out).empty());          // …without it
  CHECK(contains(ws.capture("w1"), kFakeKey.substr(0, 20)));  // the pane itself does show it

  auto three = team_agent(ws.path(), {"peek", "w1", "-n", "3"});
  REQUIRE(three.exit_code == 0);
  CHECK(split_lines(three.out).size() <= 3);
  CHECK(contains(three.out, "fake-model"));  // the last lines: the footer is among them

  auto j = team_agent(ws.path(), {"peek", "w1", "--json", "-n", "5"});
  REQUIRE(j.exit_code == 0);
  auto obj = Json::parse(j.out);
  CHECK(obj["agent"] == "w1");
  REQUIRE(obj["lines"].is_array());
  CHECK(obj["lines"].size() <= 5);
  CHECK(leaked_piece(j.out).empty());
}

TEST_CASE("peek --follow prints what the pane adds until Ctrl-C") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  Background follow({team_agent_bin(), "-w", ws.path(), "peek", "w1", "-n", "2", "--follow"});
  REQUIRE(follow.wait_for("fake-model", 10s).has_value());  // the first lines

  auto sent = send_message(ws, "w1", "please follow this line");
  REQUIRE_MESSAGE(sent.exit_code == 0, sent.err);
  auto seen = follow.wait_for("please follow this line", 20s);
  CHECK_MESSAGE(seen.has_value(), follow.transcript());
  follow.signal(SIGINT);
  CHECK(follow.wait(10s) == 130);

  // The first send was a person's: status says who made it, and when.
  auto status = team_agent(ws.path(), {"status"});
  REQUIRE(status.exit_code == 0);
  CHECK_MESSAGE(contains(status.out, " by human "), status.out);
}

TEST_CASE("inbox shows what the leader pane could not take, and --follow prints new entries") {
  // The leader's CLI shows a numbered menu: nothing can be typed into it.
  TeamWorkspace ws({{"w1", {}}}, {"--menu"});
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await("supervisor.started"), run.transcript());

  auto empty = team_agent(ws.path(), {"inbox", "--json"});
  REQUIRE_MESSAGE(empty.exit_code == 0, empty.err);
  CHECK(Json::parse(empty.out)["entries"].empty());
  Background follow({team_agent_bin(), "-w", ws.path(), "inbox", "--follow"});

  auto sent = send_message(ws, "leader", "the build is green", {"--from", "w1", "--task", "t-9"});
  REQUIRE_FALSE(sent.message_id.empty());
  REQUIRE_MESSAGE(run.await("leader_receiver.delivery_failed", {{"message_id", sent.message_id}}, 30s),
                  run.transcript());

  auto text = team_agent(ws.path(), {"inbox"});
  REQUIRE_MESSAGE(text.exit_code == 0, text.err);
  INFO(text.out);
  CHECK(contains(text.out, sent.message_id + "  from w1 for t-9 (not typed into the leader pane: "
                                             "non_input_screen)"));
  CHECK(contains(text.out, "the build is green"));

  auto j = team_agent(ws.path(), {"inbox", "--json"});
  REQUIRE(j.exit_code == 0);
  auto entries = Json::parse(j.out)["entries"];
  REQUIRE(entries.size() == 1);
  CHECK(entries[0]["message_id"] == sent.message_id);
  CHECK(entries[0]["from"] == "w1");
  CHECK(entries[0]["reason"] == "non_input_screen");
  CHECK(entries[0]["text"] == "the build is green");
  CHECK(entries[0]["fallback_path"] == ws.path() + "/.team/leader-inbox.log");

  CHECK_MESSAGE(follow.wait_for(sent.message_id, 20s).has_value(), follow.transcript());
  CHECK(follow.wait_for("the build is green", 5s).has_value());
  follow.signal(SIGINT);
  CHECK(follow.wait(10s) == 130);
}

TEST_CASE("status --summary: one line per agent with provider, state, queue depth, activity") {
  TeamOptions long_names;
  long_names.team = "a-team-with-a-rather-long-name";
  TeamWorkspace ws({{"integration-tester-number-two", {}}, {"w1", {}}}, {}, long_names);
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  auto sent = send_message(ws, "integration-tester-number-two",
                           "a message long enough that any table cell showing it must be cut "
                           "short with an ellipsis somewhere along the way");
  REQUIRE_MESSAGE(sent.exit_code == 0, sent.err);

  auto r = team_agent(ws.path(), {"status", "--summary"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  INFO(r.out);
  auto lines = split_lines(r.out);
  REQUIRE(lines.size() == ws.agent_ids().size());
  for (const auto& id : ws.agent_ids()) {
    bool found = false;
    for (const auto& l : lines)
      found = found || (l.find("  " + id + " ") == 0 && contains(l, " fake ") &&
                        contains(l, "queued 0") && contains(l, "active "));
    CHECK_MESSAGE(found, id);
  }
  auto j = team_agent(ws.path(), {"status", "--summary", "--json"});
  REQUIRE(j.exit_code == 0);
  auto agents = Json::parse(j.out)["agents"];
  REQUIRE(agents.size() == ws.agent_ids().size());
  CHECK(agents[0]["provider"] == "fake");
  CHECK(agents[0]["last_activity_age_s"].is_number_integer());

  // The full report fits 100 columns: what is too long is cut with an ellipsis.
  auto full = team_agent(ws.path(), {"status"});
  REQUIRE(full.exit_code == 0);
  INFO(full.out);
  for (const auto& l : split_lines(full.out)) CHECK_MESSAGE(ta::text_columns(l) <= 100, l);
  CHECK(contains(full.out, "…"));
  auto status = Json::parse(team_agent(ws.path(), {"status", "--json"}).out);
  CHECK(status["agents"][0]["agent_id"] == "integration-tester-number-two");
  CHECK(status["agents"][0]["first_send_from"] == "human");
}

TEST_CASE("every verb lists --json in its help and refuses an unknown flag after it") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  for (const auto& call : kVerbs) {
    CAPTURE(call);
    auto help = team_agent(ws.path(), {call[0], "--help"});
    CHECK(help.exit_code == 0);
    CHECK(contains(help.out, "--json"));
    auto args = call;
    args.push_back("--no-such-flag");
    auto unknown = team_agent(ws.path(), args);
    CHECK(unknown.exit_code == 2);
    CHECK(contains(unknown.err, "not expected: --no-such-flag"));
    CHECK(unknown.out.empty());
  }
}

TEST_CASE("the --json of the read-only verbs parses, against a running team") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  RunningTeam run(ws);
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  const std::vector<std::vector<std::string>> calls = {
      {"status", "--json"},        {"status", "--summary", "--json"}, {"status", "w1", "--json"},
      {"peek", "w1", "--json"},    {"inbox", "--json"},               {"attach", "--json"},
      {"stuck", "--json"},         {"replay", "--until", "0s", "--json"},
      {"replay", "--until", "0s", "-o", "json"}};
  for (const auto& args : calls) {
    auto r = team_agent(ws.path(), args);
    CAPTURE(args);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto j = Json::parse(r.out, nullptr, false);
    CHECK_MESSAGE(j.is_object(), r.out);
  }
  // events --json is one stored line per event (NDJSON), -o json the same.
  for (const auto& flag : std::vector<std::vector<std::string>>{{"--json"}, {"-o", "json"}}) {
    std::vector<std::string> args{"events", "-n", "3"};
    args.insert(args.end(), flag.begin(), flag.end());
    auto r = team_agent(ws.path(), args);
    REQUIRE(r.exit_code == 0);
    auto lines = split_lines(r.out);
    CHECK(lines.size() == 3);
    for (const auto& l : lines) CHECK(Json::parse(l, nullptr, false).is_object());
  }
  auto attach = Json::parse(team_agent(ws.path(), {"attach", "--json"}).out);
  CHECK(attach["argv"].size() >= 3);
  CHECK(attach["session"] == "t1");
}

TEST_CASE("replay: -o names the output format as on events; --write-db the database file") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  REQUIRE(send_message(ws, "w1", "queued while nobody runs").exit_code == 3);
  const std::string db = ws.temp_root() + "/at-now.db";
  auto written = team_agent(ws.path(), {"replay", "--until", "0s", "--write-db", db, "-o", "json"});
  REQUIRE_MESSAGE(written.exit_code == 0, written.err);
  CHECK(Json::parse(written.out)["output"] == db);
  CHECK(written.err.empty());
  // The old spelling still writes the file, and says what it is called now.
  const std::string old = ws.temp_root() + "/old.db";
  auto legacy = team_agent(ws.path(), {"replay", "--until", "0s", "--output", old});
  REQUIRE_MESSAGE(legacy.exit_code == 0, legacy.err);
  CHECK(contains(legacy.out, "wrote " + old));
  CHECK(contains(legacy.err, "--write-db"));
  auto text = team_agent(ws.path(), {"events", "-o", "text", "-n", "1"});
  CHECK(text.exit_code == 0);
  CHECK(Json::parse(text.out, nullptr, false).is_discarded());
}
