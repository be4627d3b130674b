// `team-agent events -f`: the live tail fed by other processes across
// segment rolls and writer restarts, --count, a closed pipe and Ctrl-C.
// Every wait is on output or exit, never on a sleep.
#include "tests/e2e/events_support.h"

using namespace ta::test::events_e2e;

TEST_CASE("events -f prints an event appended by another process") {
  TempDir ws;
  append(ws.path(), "supervisor.started", 1);
  Background follow(follow_args(ws.path(), {}));
  // Once the existing event is out, the tail is watching.
  REQUIRE(follow.wait_for("supervisor.started", 30s));
  append_by_process(ws.path(), "send.submitted", 1, {"--id-prefix", "msg_live"});
  auto line = follow.wait_for("msg_live1", 30s);
  REQUIRE(line);
  CHECK(seq_of(*line) == 2);
  CHECK(line->find("send.submitted") != std::string::npos);
  // A second writer process (a restarted supervisor) is followed the same way.
  append_by_process(ws.path(), "send.failed", 1, {"--id-prefix", "msg_again"});
  CHECK(follow.wait_for("msg_again1", 30s));
}

TEST_CASE("events -f follows the log across segment rolls, in order") {
  TempDir ws;
  append(ws.path(), "supervisor.started", 1);
  Background follow(follow_args(ws.path(), {"-o", "json"}));
  REQUIRE(follow.wait_for("supervisor.started", 30s));
  // ~200-byte events in 600-byte segments: a new segment every few events.
  append_by_process(ws.path(), "send.submitted", 40, {"--id-prefix", "roll_", "--segment-bytes", "600"});
  std::vector<std::uint64_t> seen;
  while (seen.size() < 40) {
    auto line = follow.read_line(30s);
    REQUIRE(line);
    seen.push_back(Json::parse(*line)["seq"].get<std::uint64_t>());
  }
  CHECK(seen == range(2, 41));
  CHECK(events::list_segments(events_dir(ws.path())).size() >= 10);
}

TEST_CASE("events -f survives a writer that crashed mid-line and the recovery after it") {
  TempDir ws;
  auto last = append(ws.path(), "supervisor.started", 1);
  Background follow(follow_args(ws.path(), {}));
  REQUIRE(follow.wait_for("supervisor.started", 30s));
  // One write: a complete event, then the first half of the next (the crash).
  events::Event e{last + 1, now_rfc3339(), "send.submitted", 1, "test", {{"message_id", "before_crash"}}, ""};
  events::Event lost{last + 2, "1999-01-01T00:00:00.000000Z", "torn.write", 1, "test", {{"content", "never finished"}}, ""};
  std::string torn = events::encode_line(e) + "\n" + events::encode_line(lost).substr(0, 70);
  auto seg = events::segment_path(events_dir(ws.path()), events::list_segments(events_dir(ws.path())).back());
  {
    UniqueFd fd(::open(seg.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC));
    REQUIRE(write_all(fd.get(), torn).ok());
  }
  // Printed, so the reader has also taken in the torn half-line behind it.
  REQUIRE(follow.wait_for("before_crash", 30s));
  // The restarted writer cuts the torn tail and writes over where it was.
  append_by_process(ws.path(), "send.submitted", 2, {"--id-prefix", "after_crash_"});
  CHECK(follow.wait_for("log.recovered", 30s));
  CHECK(follow.wait_for("after_crash_2", 30s));
  // Still running (not stopped by a "corrupt" report) until told to stop.
  follow.signal(SIGINT);
  CHECK(follow.wait(30s) == 130);
  auto out = all_output(follow);
  CHECK(out.find("corrupt") == std::string::npos);
  CHECK(out.find("torn.write") == std::string::npos);
}

TEST_CASE("events -f waits for a log that does not exist yet") {
  TempDir ws;
  Background follow(follow_args(ws.path(), {"--count", "1"}));
  append_by_process(ws.path(), "supervisor.started", 1, {"--id-prefix", "first_"});
  CHECK(follow.wait_for("first_1", 30s));
  CHECK(follow.wait(30s) == 0);
}

TEST_CASE("events -f starts over when the log is removed and made anew") {
  TempDir ws;
  append(ws.path(), "supervisor.started", 2, "old_");
  Background follow(follow_args(ws.path(), {}));
  REQUIRE(follow.wait_for("old_2", 30s));
  std::filesystem::remove_all(ws.path() + "/.team");
  append_by_process(ws.path(), "supervisor.started", 2, {"--id-prefix", "new_"});
  auto first = follow.wait_for("new_1", 30s);
  REQUIRE(first);
  CHECK(seq_of(*first) == 1);
  CHECK(follow.wait_for("new_2", 30s));
}

TEST_CASE("events --count exits 0 after N events, with and without -f") {
  TempDir ws;
  auto tail = append(ws.path(), "message.accepted", 5, "c_");
  auto r = team_agent(ws.path(), {"events", "--after", "0", "--count", "3"});
  CHECK(r.exit_code == 0);
  CHECK(seqs_of(r) == range(1, 3));

  Background follow(follow_args(ws.path(), {"--after", std::to_string(tail), "--count", "2"}));
  append_by_process(ws.path(), "send.submitted", 3, {"--id-prefix", "n_"});
  CHECK(follow.wait(30s) == 0);
  auto out = split_lines(all_output(follow));
  REQUIRE(out.size() == 2);
  CHECK(out[0].find("n_1") != std::string::npos);
  CHECK(out[1].find("n_2") != std::string::npos);
}

TEST_CASE("events ends quietly with exit 0 when the reader of its pipe goes away") {
  TempDir ws;
  append(ws.path(), "message.accepted", 3000, "p_", {{"content", std::string(200, 'x')}});
  auto bin = team_agent_bin();
  // `{ events; echo rc=$? >&2; } | head -1` reports the exit of events itself.
  auto many = run({"/bin/sh", "-c", "{ '" + bin + "' --workspace '" + ws.path() +
                                        "' events -n 3000; echo rc=$? >&2; } | head -1"});
  CHECK(many.exit_code == 0);
  CHECK(many.err == "rc=0\n");
  CHECK(split_lines(many.out).size() == 1);

  auto follow = run({"/bin/sh", "-c", "{ '" + bin + "' --workspace '" + ws.path() +
                                          "' events -f; echo rc=$? >&2; } | head -1"});
  CHECK(follow.exit_code == 0);
  CHECK(follow.err == "rc=0\n");
  CHECK(split_lines(follow.out).size() == 1);
}

TEST_CASE("events -f exits 130 on SIGINT and 143 on SIGTERM, saving its cursor") {
  TempDir ws;
  append(ws.path(), "message.accepted", 3, "s_");
  auto cursor = ws.path() + "/cursor";
  {
    Background follow(follow_args(ws.path(), {"--cursor-file", cursor}));
    REQUIRE(follow.wait_for("s_3", 30s));
    append_by_process(ws.path(), "send.submitted", 2, {"--id-prefix", "live_"});
    REQUIRE(follow.wait_for("live_2", 30s));
    follow.signal(SIGINT);
    CHECK(follow.wait(30s) == 130);
  }
  CHECK(read_text(cursor) == "5\n");
  {
    Background follow(follow_args(ws.path(), {"--after", "4", "--show-cursor"}));
    REQUIRE(follow.wait_for("live_2", 30s));
    follow.signal(SIGTERM);
    CHECK(follow.wait(30s) == 143);
    CHECK(all_output(follow).find("-- cursor: 5") != std::string::npos);
  }
}
