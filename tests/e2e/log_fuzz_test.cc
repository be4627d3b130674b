// The log against damage (SPEC §1.4): over a folded log of a few thousand
// events in several segments, one random fault per case — complete events
// lost from the tail, a cut at any byte, a flipped byte, a garbage line, a
// duplicated line, a stray copy of a segment. After each, the commands a
// user runs either work or refuse with a sentence; none crashes; every event
// read is read once and in order; a new event never takes a seq the
// projections had seen; and when doctor finds nothing wrong, status, events
// and replay --verify agree. The seed is fixed, so a failure repeats.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "events/reader.h"
#include "tests/e2e/run_fixture.h"

using namespace ta::test;
namespace fs = std::filesystem;

namespace {

constexpr int kEvents = 3000;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

void spit(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::vector<std::string> segments_in(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".jsonl") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

// Byte offsets where the lines of `bytes` start.
std::vector<std::size_t> line_starts(const std::string& bytes) {
  std::vector<std::size_t> out{0};
  for (std::size_t i = 0; i + 1 < bytes.size(); ++i)
    if (bytes[i] == '\n') out.push_back(i + 1);
  return out;
}

// One fault, chosen by `kind`, placed by `rng`; what it did, in words.
std::string damage(const std::string& dir, int kind, std::mt19937& rng) {
  auto segs = segments_in(dir);
  auto pick = [&rng](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  const std::string seg = kind == 0 || kind == 1 ? segs.back() : segs[pick(segs.size())];
  std::string bytes = slurp(seg);
  auto starts = line_starts(bytes);
  switch (kind) {
    case 0: {  // complete events lost from the tail (a lost write cache)
      std::size_t drop = 1 + pick(std::min<std::size_t>(20, starts.size() - 1));
      spit(seg, bytes.substr(0, starts[starts.size() - drop]));
      return "dropped the last " + std::to_string(drop) + " lines of " + seg;
    }
    case 1:
    case 2: {  // cut at any byte (of the newest segment, or of any)
      std::size_t at = pick(bytes.size());
      spit(seg, bytes.substr(0, at));
      return "cut " + seg + " at byte " + std::to_string(at);
    }
    case 3: {
      std::size_t at = pick(bytes.size());
      bytes[at] = static_cast<char>(bytes[at] ^ (1 << pick(8)));
      spit(seg, bytes);
      return "flipped a bit of byte " + std::to_string(at) + " of " + seg;
    }
    case 4: {
      std::size_t at = starts[pick(starts.size())];
      spit(seg, bytes.substr(0, at) + "{\"seq\":12,\"garbage\n" + bytes.substr(at));
      return "inserted a garbage line at byte " + std::to_string(at) + " of " + seg;
    }
    case 5: {
      std::size_t from = pick(starts.size() - 1), to = starts[pick(starts.size())];
      std::string line = bytes.substr(starts[from], starts[from + 1] - starts[from]);
      spit(seg, bytes.substr(0, to) + line + bytes.substr(to));
      return "duplicated line " + std::to_string(from + 1) + " of " + seg;
    }
    default: {  // a stray copy: the next segment's name, or no segment name
      std::string name = pick(2) ? fs::path(segs.back()).filename().string() : "x";
      std::string copy = dir + "/" + (name == "x" ? "copy.jsonl" : "");
      if (name != "x") {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%08zu.jsonl", segs.size() + 1);
        copy = dir + "/" + buf;
      }
      fs::copy_file(seg, copy);
      return "copied " + seg + " to " + copy;
    }
  }
}

// Every complete event once, in order, stepping over corrupt lines.
std::vector<ta::events::Event> readable_events(const std::string& dir) {
  ta::events::LogReader r(dir);
  std::vector<ta::events::Event> out;
  ta::events::Event e;
  for (;;) {
    auto n = r.next(e);
    if (n == ta::events::LogReader::Next::end) break;
    if (n == ta::events::LogReader::Next::corrupt) {
      r.skip_corrupt();
      continue;
    }
    out.push_back(e);
  }
  return out;
}

// A command ran to an end: no crash, and a refusal says why.
void check_answered(const RunResult& r, const std::string& what) {
  CHECK_MESSAGE(r.exit_code >= 0, what << " did not finish");
  CHECK_MESSAGE(r.exit_code < 128, what << " crashed: " << r.err);
  if (r.exit_code != 0 && r.exit_code != 3) {
    bool said = !r.err.empty() || !r.out.empty();
    CHECK_MESSAGE(said, what);
  }
}

std::uint64_t folded_seq(const RunResult& status) {
  auto j = nlohmann::json::parse(status.out, nullptr, false);
  if (!j.is_object()) return 0;
  return j.value("last_seq", std::uint64_t{0});
}

}  // namespace

TEST_CASE("fuzz: a damaged log recovers or refuses with a sentence, never reuses a seq, never crashes") {
  TeamWorkspace pristine(std::vector<AgentDef>{{"w1", {}}});
  auto filled = run({helper_bin("append_events"), pristine.path(), "message.accepted",
                     std::to_string(kEvents), "--segment-bytes", "200000",
                     "--data", R"({"from":"leader","to":"w1","content":"fuzz"})",
                     "--id-prefix", "msg_fuzz"});
  REQUIRE_MESSAGE(filled.exit_code == 0, filled.err);
  auto folded = team_agent(pristine.path(), {"status", "--json"});
  REQUIRE(folded.exit_code == 0);
  const std::uint64_t seen = folded_seq(folded);
  REQUIRE(seen >= kEvents);
  REQUIRE(segments_in(pristine.events_dir()).size() >= 3);

  std::mt19937 rng(20261203);
  for (int c = 0; c < 42; ++c) {
    TeamWorkspace ws(std::vector<AgentDef>{{"w1", {}}});
    fs::remove_all(ws.path() + "/.team/events");
    fs::copy(pristine.events_dir(), ws.events_dir(), fs::copy_options::recursive);
    fs::copy_file(pristine.path() + "/.team/state.db", ws.path() + "/.team/state.db");
    const std::string what = damage(ws.events_dir(), c % 7, rng);
    CAPTURE(c);
    CAPTURE(what);

    auto sent = send_message(ws, "w1", "after the damage", {"--from", "leader"});
    check_answered(RunResult{sent.exit_code, sent.out, sent.err}, "send");
    auto status = team_agent(ws.path(), {"status", "--json"});
    check_answered(status, "status");
    auto verify = team_agent(ws.path(), {"replay", "--verify"});
    check_answered(verify, "replay --verify");
    auto doctor = team_agent(ws.path(), {"doctor"});
    check_answered(doctor, "doctor");
    check_answered(team_agent(ws.path(), {"events"}), "events");

    auto all = readable_events(ws.events_dir());
    std::set<std::string> keys;
    for (std::size_t i = 1; i < all.size(); ++i) CHECK(all[i].seq > all[i - 1].seq);
    for (const auto& e : all)
      if (!e.key.empty()) CHECK_MESSAGE(keys.insert(e.key).second, "key twice: " << e.key);
    if (sent.exit_code == 3)
      for (const auto& e : all)
        if (e.data.value("message_id", "") == sent.message_id)
          CHECK_MESSAGE(e.seq > seen, "seq " << e.seq << " was already seen by the projections");
    // Nothing wrong by doctor's account: everyone tells the same story.
    if (doctor.exit_code == 0 && !all.empty()) {
      CHECK(verify.exit_code == 0);
      CHECK(status.exit_code == 0);
      CHECK(folded_seq(status) == all.back().seq);
    }
  }
}
