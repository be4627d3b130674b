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

TEST_CASE("a bad line mid-log: events shows what follows it, doctor says where and what to do") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  const std::string first = accept(ws, "one");
  accept(ws, "two");
  const std::string third = accept(ws, "three");
  const std::string seg = ws.events_dir() + "/00000001.jsonl";
  auto text = read_text(seg);
  auto second_line = text.find('\n') + 1;
  write_text(seg, text.substr(0, second_line) + "this is no event\n" + text.substr(second_line));

  auto listed = team_agent(ws.path(), {"events"});
  CHECK(listed.exit_code == 1);
  CHECK(listed.out.find(first) != std::string::npos);
  CHECK_MESSAGE(listed.out.find(third) != std::string::npos, listed.out);
  CHECK_MESSAGE(listed.err.find("segment 00000001.jsonl line 2") != std::string::npos, listed.err);

  auto doctor = team_agent(ws.path(), {"doctor"});
  CHECK(doctor.exit_code != 0);
  CHECK_MESSAGE(doctor.out.find("stop before this line") != std::string::npos, doctor.out);
  CHECK_MESSAGE(doctor.out.find("sed -n 2p " + seg) != std::string::npos, doctor.out);
}

TEST_CASE("several garbage lines at the log's end are cut once, named by one log.recovered") {
  TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
  accept(ws, "one");
  const std::string seg = ws.events_dir() + "/00000001.jsonl";
  const auto good = std::filesystem::file_size(seg);
  write_text(seg, read_text(seg) + "junk one\njunk two\n{\"seq\":9");
  accept(ws, "two");
  auto recovered = events_of(ws, "log.recovered");
  REQUIRE(recovered.size() == 1);
  CHECK(recovered[0].data.value("offset", std::uint64_t{0}) == good);
  CHECK(recovered[0].data.value("bytes", std::uint64_t{0}) == 26);  // both junk lines and the torn tail
  CHECK(std::distance(std::filesystem::directory_iterator(ws.events_dir() + "/quarantine"),
                      std::filesystem::directory_iterator{}) == 1);
}
