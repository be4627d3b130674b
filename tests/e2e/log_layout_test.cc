// The files of the log directory (SPEC §1.4): a segment that repeats seqs of
// an earlier one (a copy under another name, a backup restored beside the
// live log) is never merged into the log; readers follow the real chain,
// appenders refuse with one sentence naming the file, doctor names it. A
// file that is no segment at all is ignored and named by doctor.
#include <doctest/doctest.h>

#include <filesystem>

#include "tests/e2e/run_fixture.h"

using namespace ta::test;

namespace {

std::string accept(const TeamWorkspace& ws, const std::string& text) {
  auto s = send_message(ws, "w1", text, {"--from", "leader"});
  REQUIRE_MESSAGE(s.exit_code == 3, s.out << s.err);
  return s.message_id;
}

}  // namespace

TEST_CASE("a copy of a segment under the next name is not merged; appends refuse, doctor names it") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  accept(ws, "one");
  accept(ws, "two");
  const std::string events = ws.events_dir();
  std::filesystem::copy_file(events + "/00000001.jsonl", events + "/00000002.jsonl");

  auto sent = send_message(ws, "w1", "three", {"--from", "leader"});
  CHECK(sent.exit_code == 1);
  CHECK_MESSAGE(sent.err.find("00000002.jsonl repeats seqs 1..2 already in 00000001.jsonl") !=
                  std::string::npos,
                sent.err);
  CHECK(std::filesystem::file_size(events + "/00000002.jsonl") ==
        std::filesystem::file_size(events + "/00000001.jsonl"));  // nothing written into it

  // Readers see each event once, from the real segment.
  auto all = events_of(ws);
  REQUIRE(all.size() == 2);
  CHECK(all[0].seq == 1);
  CHECK(all[1].seq == 2);
  auto listed = team_agent(ws.path(), {"events"});
  CHECK(listed.exit_code == 0);
  auto status = team_agent(ws.path(), {"status"});
  CHECK_MESSAGE(status.out.find("messages: 2 ") != std::string::npos, status.out);

  auto doctor = team_agent(ws.path(), {"doctor"});
  CHECK(doctor.exit_code != 0);
  CHECK_MESSAGE(doctor.out.find("00000002.jsonl repeats seqs 1..2") != std::string::npos,
                doctor.out);

  // Moved away as the sentence says: the log works again.
  std::filesystem::rename(events + "/00000002.jsonl", ws.temp_root() + "/copy.jsonl");
  CHECK(send_message(ws, "w1", "three", {"--from", "leader"}).exit_code == 3);
  CHECK(events_of(ws).size() == 3);
}

TEST_CASE("a file in events/ that is no segment is ignored and named by doctor") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  accept(ws, "one");
  write_text(ws.events_dir() + "/00000001.jsonl.bak", "{\"seq\":1}\n");
  CHECK(send_message(ws, "w1", "two", {"--from", "leader"}).exit_code == 3);
  CHECK(events_of(ws).size() == 2);
  auto doctor = team_agent(ws.path(), {"doctor"});
  CHECK_MESSAGE(doctor.out.find("00000001.jsonl.bak is not a segment of the log") !=
                  std::string::npos,
                doctor.out);
}
