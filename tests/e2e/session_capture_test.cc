// The running supervisor captures every agent's CLI session (its
// session_keeper): fake agents in Claude's and Codex's session layouts write
// their session file when the first message is submitted, as the real CLIs
// do, and the log records session.captured for the file each one wrote, or
// one session.capture_missing for an agent whose CLI wrote nothing.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <chrono>
#include <csignal>

#include "sessions/codex_rollout.h"
#include "sessions/session_files.h"
#include "tests/e2e/run_fixture.h"
#include "terminal/tmux_server.h"
#include "tests/support/temp_dir.h"
#include "util/fs.h"

using namespace ta;
using namespace ta::test;
using namespace std::chrono_literals;

namespace {

std::vector<events::Event> sessions_of(const std::vector<events::Event>& all,
                                       const std::string& type, const std::string& agent) {
  std::vector<events::Event> out;
  for (const auto& e : all)
    if (e.type == type && e.data.value("agent_id", "") == agent) out.push_back(e);
  return out;
}

// Stops run as Ctrl-C would: its graceful stop records what it captures last.
void stop(RunningTeam& run) {
  run.proc().signal(SIGINT);
  CHECK(run.proc().wait(30s) == 130);
}

void check_replay_agrees(const TeamWorkspace& ws) {
  auto verify = team_agent(ws.path(), {"replay", "--verify"});
  const std::string said = verify.out + verify.err;
  CHECK_MESSAGE(verify.exit_code == 0, said);
}

nlohmann::json fake_agent(const std::string& id) {
  return {{"id", id}, {"provider", "fake"}, {"args", {"--reply", "none", "--work-ms", "50"}}};
}

// The session id and start of the rollout at `path`, from its first line.
sessions::RolloutMeta rollout_at(const std::string& path) {
  auto lines = sessions::read_head_lines(path, 1, 1u << 20);
  REQUIRE(lines.size() == 1);
  auto meta = sessions::parse_session_meta(lines[0]);
  REQUIRE(meta);
  meta->path = path;
  return *meta;
}

}  // namespace

TEST_CASE("claude style: a worker's session is captured after a message was submitted to it") {
  TeamWorkspace ws({{"w1", {"--work-ms", "50"}}, {"w2", {"--work-ms", "50"}}});
  RunningTeam run(ws, {}, {"--fake-mode", "claude"});
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());
  auto sent = send_message(ws, "w1", "remember the blue door", {"--from", "leader", "--no-wait"});
  REQUIRE(sent.exit_code == 0);
  auto captured = run.await("session.captured", {{"agent_id", "w1"}}, 30s);
  REQUIRE_MESSAGE(captured, run.transcript());
  stop(run);

  auto all = events_of(ws);
  auto launched = sessions_of(all, "session.launched", "w1");
  REQUIRE(launched.size() == 1);
  const std::string id = launched[0].data.value("session_id", "");
  auto w1 = sessions_of(all, "session.captured", "w1");
  REQUIRE(w1.size() == 1);
  CHECK(w1[0].data.value("session_id", "") == id);
  CHECK(w1[0].data.value("via", "") == "session_id");
  CHECK(w1[0].data.value("format", "") == "claude");
  const std::string path = w1[0].data.value("path", "");
  CHECK(file_exists(path));
  CHECK(path.find(ws.temp_root() + "/claude-config/projects/") == 0);
  CHECK(path.substr(path.rfind('/') + 1) == id + ".jsonl");
  // Only once the message reached it (the launch's own tries may find the
  // file before send.submitted is recorded: the CLI writes it at the Enter).
  std::uint64_t accepted_seq = 0;
  for (const auto& e : all)
    if (e.type == "message.accepted" && e.data.value("message_id", "") == sent.message_id)
      accepted_seq = e.seq;
  CHECK(accepted_seq > 0);
  CHECK(w1[0].seq > accepted_seq);
  CHECK(count_for(all, "send.submitted", sent.message_id) == 1);
  // The fake agent kept the session it was started with.
  auto started = ws.transcript("w1", "started");
  REQUIRE(started.size() == 1);
  CHECK(started[0]["session"]["session_id"] == id);
  // At most one "missing" while its CLI had written nothing yet.
  CHECK(sessions_of(all, "session.capture_missing", "w1").size() <= 1);

  // w2 was never sent anything: its CLI wrote no session, said once.
  CHECK(sessions_of(all, "session.captured", "w2").empty());
  auto w2 = sessions_of(all, "session.capture_missing", "w2");
  REQUIRE(w2.size() == 1);
  CHECK(w2[0].data.value("reason", "") == "transcript_missing");
  CHECK(w2[0].data.value("session_id", "") ==
        sessions_of(all, "session.launched", "w2").at(0).data.value("session_id", ""));
  check_replay_agrees(ws);
}

TEST_CASE("codex style: two workers started a second apart in one directory each capture their own rollout") {
  // w2's CLI starts a second after the others: a starter script in front
  // of the fake agent (the team's own program for the provider).
  TempDir tools;
  const std::string starter = tools.path() + "/slow-start";
  write_text(starter, "#!/bin/sh\n[ \"$TEAM_AGENT_ID\" = w2 ] && sleep 1\nexec '" +
                        team_agent_bin() + "' \"$@\"\n");
  REQUIRE(::chmod(starter.c_str(), 0755) == 0);
  nlohmann::json spec{{"team", "t1"},
                      {"leader", fake_agent("leader")},
                      {"agents", {fake_agent("w1"), fake_agent("w2")}},
                      {"providers", {{"fake", {{"command", starter}}}}}};
  TeamWorkspace ws(TeamOptions{}, spec);
  RunningTeam run(ws, {}, {"--fake-mode", "codex"});
  REQUIRE_MESSAGE(run.await_ready(), run.transcript());

  // w1 first: when w2's rollout appears, w1's (the earlier) is held by w1.
  for (const std::string w : {"w1", "w2"}) {
    auto sent = send_message(ws, w, "remember the blue door, " + w, {"--from", "leader", "--no-wait"});
    REQUIRE(sent.exit_code == 0);
    auto captured = run.await("session.captured", {{"agent_id", w}}, 30s);
    REQUIRE_MESSAGE(captured, run.transcript());
  }
  stop(run);

  auto all = events_of(ws);
  std::map<std::string, sessions::RolloutMeta> rollout;
  for (const std::string w : {"w1", "w2"}) {
    CAPTURE(w);
    auto got = sessions_of(all, "session.captured", w);
    REQUIRE(got.size() == 1);
    const std::string id = got[0].data.value("session_id", "");
    CHECK(got[0].data.value("via", "") == "rollout_scan");
    CHECK(got[0].data.value("confidence", "") == "high");
    rollout[w] = rollout_at(got[0].data.value("path", ""));
    // The rollout's own metadata and the fake agent's record name that session.
    CHECK(rollout[w].id == id);
    CHECK(rollout[w].cwd == sessions::resolved_path(ws.path()));
    auto started = ws.transcript(w, "started");
    REQUIRE(started.size() == 1);
    CHECK(started[0]["session"]["session_id"] == id);
  }
  CHECK(rollout["w1"].id != rollout["w2"].id);
  CHECK(rollout["w1"].path != rollout["w2"].path);
  CHECK(rollout["w2"].start_us - rollout["w1"].start_us >= 900'000);
  // The leader was sent nothing: neither worker's rollout is its.
  CHECK(sessions_of(all, "session.captured", "leader").empty());
  CHECK_FALSE(sessions_of(all, "session.capture_missing", "leader").empty());
  check_replay_agrees(ws);
}

TEST_CASE("codex style: the session a restarted team resumes is verified by its id") {
  TeamWorkspace ws({{"w1", {"--work-ms", "50"}}});
  std::string id;
  {
    RunningTeam run(ws, {}, {"--fake-mode", "codex"});
    REQUIRE_MESSAGE(run.await_ready(), run.transcript());
    auto sent = send_message(ws, "w1", "remember the blue door", {"--from", "leader", "--no-wait"});
    REQUIRE(sent.exit_code == 0);
    auto captured = run.await("session.captured", {{"agent_id", "w1"}}, 30s);
    REQUIRE_MESSAGE(captured, run.transcript());
    id = captured->field("session_id");
    stop(run);
  }
  // The panes are gone: the next run resumes w1's session.
  terminal::ServerOptions o;
  o.socket_name = terminal::socket_name_for_workspace(ws.path());
  auto server = terminal::TmuxServer::locate(o);
  REQUIRE(server);
  REQUIRE(server->kill());

  RunningTeam again(ws, {}, {"--fake-mode", "codex"});
  auto resumed = again.await("session.captured", {{"agent_id", "w1"}}, 30s);
  REQUIRE_MESSAGE(resumed, again.transcript());
  CHECK(resumed->field("via") == "resumed");
  CHECK(resumed->field("session_id") == id);
  stop(again);

  auto all = events_of(ws);
  auto launched = sessions_of(all, "session.launched", "w1");
  REQUIRE(launched.size() == 2);
  CHECK(launched[1].data.value("mode", "") == "resumed");
  CHECK(launched[1].data.value("session_id", "") == id);
  auto captured = sessions_of(all, "session.captured", "w1");
  REQUIRE(captured.size() == 2);
  CHECK(captured[1].seq > launched[1].seq);
  CHECK(captured[1].data.value("path", "") == captured[0].data.value("path", ""));
  check_replay_agrees(ws);
}
