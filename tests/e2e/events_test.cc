// `team-agent events` as a user and a script drive it: selection and
// filters, output formats, cursors, a corrupt log and bad input.
#include "tests/e2e/events_support.h"

using namespace ta::test::events_e2e;

TEST_CASE("events prints the last 10 events by default, and the last N with -n") {
  TempDir ws;
  append(ws.path(), "message.accepted", 25, "msg_");
  auto r = team_agent(ws.path(), {"events"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(seqs_of(r) == range(16, 25));
  auto first = lines_of(r).front();
  CHECK(first.find(" message.accepted ") != std::string::npos);
  CHECK(first.find("message_id=msg_16") != std::string::npos);

  auto three = team_agent(ws.path(), {"events", "-n", "3"});
  CHECK(seqs_of(three) == range(23, 25));
  CHECK(team_agent(ws.path(), {"events", "-n", "0"}).out.empty());
  CHECK(seqs_of(team_agent(ws.path(), {"events", "-n", "100"})) == range(1, 25));
}

TEST_CASE("events --after, --type globs (OR'd), --agent and --message select events") {
  TempDir ws;
  append(ws.path(), "message.accepted", 3, "m_", {{"from", "leader"}, {"to", "w1"}});       // 1-3
  append(ws.path(), "send.submitted", 3, "m_", {{"to", "w2"}});                             // 4-6
  append(ws.path(), "pane.started", 2, "", {{"agent_id", "w1"}});                           // 7-8
  append(ws.path(), "result.reported", 1, "", {{"agent_id", "w3"}, {"status", "success"}}); // 9
  append(ws.path(), "schedule.created", 1, "", {{"owner", "w2"}});                          // 10
  append(ws.path(), "worker.first_interaction", 1, "m_", {{"worker_id", "w3"}});            // 11

  // --after prints everything after the seq, not only the last 10.
  CHECK(seqs_of(team_agent(ws.path(), {"events", "--after", "4"})) == range(5, 11));
  CHECK(seqs_of(team_agent(ws.path(), {"events", "--after", "4", "-n", "2"})) == range(10, 11));
  CHECK(team_agent(ws.path(), {"events", "--after", "11"}).out.empty());

  auto types = team_agent(ws.path(), {"events", "--type", "send.*", "--type", "pane.started"});
  CHECK(seqs_of(types) == std::vector<std::uint64_t>{4, 5, 6, 7, 8});
  CHECK(seqs_of(team_agent(ws.path(), {"events", "--type", "*.re*"})) ==
        std::vector<std::uint64_t>{9});

  // The agent may be named as agent_id, to, from, worker_id or owner.
  CHECK(seqs_of(team_agent(ws.path(), {"events", "--agent", "w1"})) ==
        std::vector<std::uint64_t>{1, 2, 3, 7, 8});
  CHECK(seqs_of(team_agent(ws.path(), {"events", "--agent", "w2"})) ==
        std::vector<std::uint64_t>{4, 5, 6, 10});
  CHECK(seqs_of(team_agent(ws.path(), {"events", "--agent", "w3"})) ==
        std::vector<std::uint64_t>{9, 11});
  CHECK(seqs_of(team_agent(ws.path(), {"events", "--agent", "leader"})) == range(1, 3));

  CHECK(seqs_of(team_agent(ws.path(), {"events", "--message", "m_2"})) ==
        std::vector<std::uint64_t>{2, 5});
  CHECK(seqs_of(team_agent(ws.path(), {"events", "--message", "m_1", "--type", "send.*"})) ==
        std::vector<std::uint64_t>{4});
  CHECK(team_agent(ws.path(), {"events", "--message", "nope"}).out.empty());
}

TEST_CASE("events --since and --until take RFC 3339 times and durations ago") {
  TempDir ws;
  append(ws.path(), "message.accepted", 3, "old_", Json::object(), "2020-01-01T00:00:00.000000Z");
  append(ws.path(), "message.accepted", 3, "mid_", Json::object(), "2024-06-01T12:00:00.000000Z");
  append(ws.path(), "message.accepted", 3, "new_");  // stamped now

  auto since = team_agent(ws.path(), {"events", "--since", "2024-01-01T00:00:00Z"});
  CHECK(since.exit_code == 0);
  CHECK(seqs_of(since) == range(4, 9));
  CHECK(seqs_of(team_agent(ws.path(), {"events", "--until", "2024-12-31T00:00:00+02:00"})) ==
        range(1, 6));
  CHECK(seqs_of(team_agent(ws.path(), {"events", "--since", "1h"})) == range(7, 9));
  CHECK(seqs_of(team_agent(ws.path(), {"events", "--since", "2024-01-01", "--until", "1d"})) ==
        range(4, 6));
  CHECK(seqs_of(team_agent(ws.path(), {"events", "--since", "2020-01-01T00:00:00Z", "--until",
                                       "2020-01-01T00:00:00Z"})) == range(1, 3));
  auto bad = team_agent(ws.path(), {"events", "--since", "last tuesday"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--since") != std::string::npos);
  CHECK(split_lines(bad.err).size() == 1);
}

TEST_CASE("events -o json prints the stored lines verbatim, one JSON object each") {
  TempDir ws;
  append(ws.path(), "message.accepted", 4, "j_", {{"content", "a \"quoted\"\ntwo-line text"}});
  auto stored = stored_lines(ws.path());
  REQUIRE(stored.size() == 4);
  auto r = team_agent(ws.path(), {"events", "-o", "json"});
  REQUIRE(r.exit_code == 0);
  CHECK(lines_of(r) == stored);
  for (auto& l : lines_of(r)) {
    auto j = Json::parse(l);
    CHECK(j["event"] == "message.accepted");
    CHECK(j["data"]["content"] == "a \"quoted\"\ntwo-line text");
  }
  CHECK(lines_of(team_agent(ws.path(), {"events", "--json", "-n", "1"})) ==
        std::vector<std::string>{stored.back()});
  // The short form escapes control characters instead of passing them on.
  auto short_out = team_agent(ws.path(), {"events", "-n", "1"}).out;
  CHECK(short_out.find("content=\"a \\\"quoted\\\"\\ntwo-line text\"") != std::string::npos);
}

TEST_CASE("events --show-cursor and --cursor-file continue where the last run stopped") {
  TempDir ws;
  append(ws.path(), "message.accepted", 5, "k_");
  auto shown = team_agent(ws.path(), {"events", "-n", "2", "--show-cursor"});
  CHECK(lines_of(shown).back() == "-- cursor: 5");
  CHECK(lines_of(shown).size() == 3);

  auto cursor = ws.path() + "/cursor";
  auto first = team_agent(ws.path(), {"events", "--cursor-file", cursor});
  CHECK(first.exit_code == 0);
  CHECK(seqs_of(first) == range(1, 5));  // no cursor yet: everything
  CHECK(read_text(cursor) == "5\n");

  append(ws.path(), "send.submitted", 3, "k2_");
  auto second = team_agent(ws.path(), {"events", "--cursor-file", cursor, "--show-cursor"});
  auto lines = lines_of(second);
  REQUIRE(lines.size() == 4);
  CHECK(lines.back() == "-- cursor: 8");
  lines.pop_back();
  for (size_t i = 0; i < lines.size(); ++i) CHECK(seq_of(lines[i]) == 6 + i);
  CHECK(read_text(cursor) == "8\n");

  auto third = team_agent(ws.path(), {"events", "--cursor-file", cursor});
  CHECK(third.exit_code == 0);
  CHECK(third.out.empty());
  CHECK(read_text(cursor) == "8\n");

  write_text(cursor, "not a seq\n");
  auto bad = team_agent(ws.path(), {"events", "--cursor-file", cursor});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find(cursor) != std::string::npos);
}

TEST_CASE("events reports a corrupt line with its segment, line and seq, shows the rest, exits 1") {
  TempDir ws;
  append(ws.path(), "message.accepted", 20, "x_");
  auto seg = events::segment_path(events_dir(ws.path()), 1);
  auto lines = split_lines(read_text(seg));
  lines[9] = "{\"seq\":10,\"ts\":\"2026-11-20T21:39:00Z\",garbage";
  std::string text;
  for (auto& l : lines) text += l + "\n";
  write_text(seg, text);

  auto r = team_agent(ws.path(), {"events", "--after", "0"});
  CHECK(r.exit_code == 1);
  // What came before the damage and what follows it are both shown.
  auto expected = range(1, 9);
  for (auto s : range(11, 20)) expected.push_back(s);
  CHECK(seqs_of(r) == expected);
  CHECK(r.err.find("00000001.jsonl") != std::string::npos);
  CHECK(r.err.find("line 10") != std::string::npos);
  CHECK(r.err.find("seq 10") != std::string::npos);
  CHECK(r.err.find("team-agent doctor") != std::string::npos);
  CHECK(split_lines(r.err).size() == 1);
  CHECK(team_agent(ws.path(), {"events", "-n", "20"}).exit_code == 1);
}

TEST_CASE("events refuses bad input with exit 2 and one sentence") {
  TempDir ws;
  append(ws.path(), "message.accepted", 1);
  for (auto args : std::vector<std::vector<std::string>>{{"events", "-n", "-3"},
                                                         {"events", "-n", "ten"},
                                                         {"events", "--after", "x"},
                                                         {"events", "--count", "-1"},
                                                         {"events", "-o", "xml"},
                                                         {"events", "--until", "soon"},
                                                         {"events", "--since", "1h", "--until", "2h"},
                                                         {"events", "--since", "2026-02-30"},
                                                         {"events", "--since",
                                                          "2026-11-20T10:00:00+25:00"}}) {
    auto r = team_agent(ws.path(), args);
    CHECK_MESSAGE(r.exit_code == 2, args[1]);
    CHECK_MESSAGE(split_lines(r.err).size() == 1, r.err);
    CHECK(r.out.empty());
  }
}

TEST_CASE("events on a workspace without a log says there are no events yet") {
  TempDir ws;
  auto r = team_agent(ws.path(), {"events"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(r.err.find("no events yet") != std::string::npos);
}
