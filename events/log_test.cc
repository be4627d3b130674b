#include "events/log.h"

#include <doctest/doctest.h>
#include <sys/resource.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <set>
#include <thread>

#include "events/codec.h"
#include "events/group_commit.h"
#include "events/reader.h"
#include "events/segment.h"
#include "events/types.h"
#include "tests/support/read_log.h"
#include "tests/support/temp_dir.h"
#include "util/fs.h"

using namespace ta;
using namespace ta::events;

namespace {

LogOptions opts(std::uint64_t segment_bytes = 64ull << 20) {
  LogOptions o;
  o.team = "demo";
  o.segment_bytes = segment_bytes;
  o.sync = false;  // durability is exercised by the crash tests, not here
  return o;
}

Draft note(int i, std::string key = {}) {
  return Draft{"test.note", 1, Json{{"i", i}}, std::move(key), {}};
}


}  // namespace

TEST_CASE("appends get gap-free seqs and read back in order") {
  test::TempDir tmp;
  auto dir = tmp.path() + "/events";
  auto log = EventLog::open(dir, opts());
  REQUIRE(log.ok());
  for (int i = 0; i < 5; ++i) {
    auto a = (*log)->append(note(i));
    REQUIRE(a.ok());
    CHECK(a->seq == static_cast<std::uint64_t>(i + 1));
  }
  std::vector<Draft> batch{note(5), note(6)};
  auto b = (*log)->append(std::move(batch));
  REQUIRE(b.ok());
  CHECK((*b)[1].seq == 7);
  auto all = test::read_all_events(dir);
  REQUIRE(all.size() == 7);
  for (size_t i = 0; i < all.size(); ++i) {
    CHECK(all[i].seq == i + 1);
    CHECK(all[i].team == "demo");
    CHECK(all[i].data["i"] == static_cast<int>(i));
  }
  struct stat st {};
  REQUIRE(::stat(dir.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  REQUIRE(::stat(segment_path(dir, 1).c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("an existing idempotency key returns the original seq, also after reopening") {
  test::TempDir tmp;
  auto dir = tmp.path() + "/events";
  {
    auto log = EventLog::open(dir, opts());
    REQUIRE(log.ok());
    CHECK((*log)->append(note(1, "k1"))->seq == 1);
    CHECK((*log)->append(note(2))->seq == 2);
    auto again = (*log)->append(note(3, "k1"));
    CHECK(again->seq == 1);
    CHECK(again->duplicate);
    std::vector<Draft> batch{note(4, "k2"), note(5, "k2"), note(6, "k1")};
    auto b = (*log)->append(std::move(batch));
    REQUIRE(b.ok());
    CHECK((*b)[0].seq == 3);
    CHECK((*b)[1].seq == 3);
    CHECK((*b)[1].duplicate);
    CHECK((*b)[2].seq == 1);
  }
  auto log = EventLog::open(dir, opts());
  REQUIRE(log.ok());
  auto again = (*log)->append(note(7, "k2"));
  CHECK(again->duplicate);
  CHECK(again->seq == 3);
  CHECK(test::read_all_events(dir).size() == 3);
  CHECK_FALSE((*log)->append(note(8, "bad key")).ok());
}

TEST_CASE("two handles on one log see each other's appends") {
  test::TempDir tmp;
  auto dir = tmp.path() + "/events";
  auto a = EventLog::open(dir, opts());
  auto b = EventLog::open(dir, opts());
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK((*a)->append(note(1, "x"))->seq == 1);
  CHECK((*b)->append(note(2))->seq == 2);
  auto dup = (*b)->append(note(3, "x"));
  CHECK(dup->duplicate);
  CHECK((*a)->append(note(4))->seq == 3);
}

TEST_CASE("segments roll at the size limit and seqs continue across them") {
  test::TempDir tmp;
  auto dir = tmp.path() + "/events";
  auto log = EventLog::open(dir, opts(400));
  REQUIRE(log.ok());
  for (int i = 0; i < 30; ++i) REQUIRE((*log)->append(note(i)).ok());
  auto segs = list_segments(dir);
  CHECK(segs.size() > 3);
  for (auto s : segs) CHECK(file_size(segment_path(dir, s)) <= 400 + 200);
  auto all = test::read_all_events(dir);
  REQUIRE(all.size() == 30);
  CHECK(all.back().seq == 30);
  CHECK(read_last_seq(dir).value() == 30);
  LogReader r(dir);
  REQUIRE(r.seek_after(17).ok());
  Event e;
  REQUIRE(r.next(e) == LogReader::Next::event);
  CHECK(e.seq == 18);
}

TEST_CASE("a torn tail is cut back, quarantined and recorded") {
  test::TempDir tmp;
  auto dir = tmp.path() + "/events";
  {
    auto log = EventLog::open(dir, opts());
    for (int i = 0; i < 3; ++i) REQUIRE((*log)->append(note(i)).ok());
  }
  auto seg = segment_path(dir, 1);
  auto good = file_size(seg);
  {
    UniqueFd fd(::open(seg.c_str(), O_WRONLY | O_APPEND));
    REQUIRE(write_all(fd.get(), "{\"seq\":4,\"ts\":\"2026").ok());
  }
  auto log = EventLog::open(dir, opts());
  REQUIRE(log.ok());
  REQUIRE((*log)->recovery().has_value());
  auto& rec = *(*log)->recovery();
  CHECK(rec.offset == static_cast<std::uint64_t>(good));
  CHECK(rec.bytes == 19);
  CHECK(read_file(dir + "/" + rec.quarantine).value() == "{\"seq\":4,\"ts\":\"2026");
  auto all = test::read_all_events(dir);
  REQUIRE(all.size() == 4);
  CHECK(all[3].type == "log.recovered");
  CHECK(all[3].data["bytes"] == 19);
  CHECK(all[3].data["segment"] == "00000001.jsonl");
  CHECK((*log)->append(note(9))->seq == 5);
}

TEST_CASE("a final line with a newline but no valid event is also treated as torn") {
  test::TempDir tmp;
  auto dir = tmp.path() + "/events";
  {
    auto log = EventLog::open(dir, opts());
    REQUIRE((*log)->append(note(0)).ok());
  }
  {
    UniqueFd fd(::open(segment_path(dir, 1).c_str(), O_WRONLY | O_APPEND));
    REQUIRE(write_all(fd.get(), std::string("{\"seq\":2,\"ts\0\0\0\n", 16)).ok());
  }
  auto log = EventLog::open(dir, opts());
  REQUIRE(log.ok());
  REQUIRE((*log)->recovery().has_value());
  auto all = test::read_all_events(dir);
  REQUIRE(all.size() == 2);
  CHECK(all[1].type == "log.recovered");
}

TEST_CASE("a corrupt line in the middle is reported with segment, line and seq") {
  test::TempDir tmp;
  auto dir = tmp.path() + "/events";
  {
    auto log = EventLog::open(dir, opts());
    for (int i = 0; i < 4; ++i) REQUIRE((*log)->append(note(i)).ok());
  }
  auto text = read_file(segment_path(dir, 1)).value();
  auto second = text.find('\n') + 1;
  text.replace(second, 10, "garbage!!!");
  REQUIRE(write_file_atomic(segment_path(dir, 1), text).ok());
  LogReader r(dir);
  Event e;
  REQUIRE(r.next(e) == LogReader::Next::event);
  REQUIRE(r.next(e) == LogReader::Next::corrupt);
  auto msg = r.corruption().describe();
  CHECK(msg.find("segment 00000001.jsonl line 2 (seq 2)") != std::string::npos);
  r.skip_corrupt();
  REQUIRE(r.next(e) == LogReader::Next::event);
  CHECK(e.seq == 3);
}

TEST_CASE("a write the disk cannot take leaves no partial line behind") {
  test::TempDir tmp;
  auto dir = tmp.path() + "/events";
  auto log = EventLog::open(dir, opts());
  REQUIRE((*log)->append(note(0)).ok());
  auto before = file_size(segment_path(dir, 1));
  // RLIMIT_FSIZE makes the kernel refuse to grow the file, as a full disk does.
  rlimit old {};
  getrlimit(RLIMIT_FSIZE, &old);
  auto prev = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small{static_cast<rlim_t>(before + 50), old.rlim_max};
  setrlimit(RLIMIT_FSIZE, &small);
  Draft big{"test.note", 1, Json{{"pad", std::string(500, 'x')}}, "", ""};
  auto r = (*log)->append(std::move(big));
  setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, prev);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("nothing was recorded") != std::string::npos);
  CHECK(file_size(segment_path(dir, 1)) == before);
  CHECK((*log)->append(note(1))->seq == 2);
  CHECK(test::read_all_events(dir).size() == 2);
}

TEST_CASE("group commit makes many submitters share syncs and keeps seqs unique") {
  test::TempDir tmp;
  auto dir = tmp.path() + "/events";
  auto o = opts();
  o.sync = true;
  auto log = EventLog::open(dir, o);
  REQUIRE(log.ok());
  std::set<std::uint64_t> seqs;
  std::mutex mu;
  size_t batches = 0;
  {
    GroupCommitter gc(**log);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        std::vector<std::future<Result<Appended>>> futs;
        for (int i = 0; i < 500; ++i) futs.push_back(gc.submit(note(i, "t" + std::to_string(t) + "-" + std::to_string(i))));
        for (auto& f : futs) {
          auto r = f.get();
          REQUIRE(r.ok());
          std::lock_guard<std::mutex> g(mu);
          seqs.insert(r->seq);
        }
      });
    }
    for (auto& th : threads) th.join();
    batches = gc.batches();
  }
  CHECK(seqs.size() == 2000);
  CHECK(*seqs.begin() == 1);
  CHECK(*seqs.rbegin() == 2000);
  CHECK(batches < 2000);
  CHECK(test::read_all_events(dir).size() == 2000);
}

TEST_CASE("a reader holding half a torn line reads on after the repair") {
  test::TempDir tmp;
  auto dir = tmp.path() + "/events";
  {
    auto log = EventLog::open(dir, opts());
    REQUIRE((*log)->append(note(0)).ok());
  }
  {
    UniqueFd fd(::open(segment_path(dir, 1).c_str(), O_WRONLY | O_APPEND));
    REQUIRE(write_all(fd.get(), "{\"seq\":2,\"ts\":\"20").ok());
  }
  LogReader r(dir);
  Event e;
  REQUIRE(r.next(e) == LogReader::Next::event);
  CHECK(r.next(e) == LogReader::Next::end);  // the partial line is not an event yet
  auto log = EventLog::open(dir, opts());      // cuts the torn tail, appends log.recovered
  REQUIRE((*log)->append(note(1)).ok());
  REQUIRE(r.next(e) == LogReader::Next::event);
  CHECK(e.type == "log.recovered");
  REQUIRE(r.next(e) == LogReader::Next::event);
  CHECK(e.seq == 3);
}

TEST_CASE("an invalid last line is tentative until something follows it") {
  test::TempDir tmp;
  auto dir = tmp.path() + "/events";
  {
    auto log = EventLog::open(dir, opts());
    REQUIRE((*log)->append(note(0)).ok());
  }
  auto seg = segment_path(dir, 1);
  {
    UniqueFd fd(::open(seg.c_str(), O_WRONLY | O_APPEND));
    REQUIRE(write_all(fd.get(), "{\"seq\":2,\"broken\n").ok());
  }
  LogReader r(dir);
  Event e;
  REQUIRE(r.next(e) == LogReader::Next::event);
  CHECK(r.next(e) == LogReader::Next::end);
  {
    // Something after it makes it mid-log corruption.
    UniqueFd fd(::open(seg.c_str(), O_WRONLY | O_APPEND));
    REQUIRE(write_all(fd.get(), "{\"seq\":3}\n").ok());
  }
  REQUIRE(r.next(e) == LogReader::Next::corrupt);
  CHECK(r.corruption().line == 2);
}

TEST_CASE("the last complete line of a segment is found from its end") {
  test::TempDir tmp;
  auto path = tmp.path() + "/seg";
  REQUIRE(write_file_atomic(path, "aaa\nbbbb\ncc\npartial").ok());
  CHECK(last_line_start(path, UINT64_MAX).value() == 9);  // "cc"
  CHECK(last_line_start(path, 9).value() == 4);           // "bbbb", before byte 9
  CHECK(last_line_start(path, 4).value() == 0);           // "aaa"
  CHECK(last_line_start(path, 3).value() == 0);           // no complete line before byte 3
  CHECK(last_line_start(tmp.path() + "/missing", UINT64_MAX).value() == 0);
  // Lines longer than the first 64 KiB window are found too.
  std::string big(200000, 'x');
  REQUIRE(write_file_atomic(path, "first\n" + big + "\n" + big + "\n").ok());
  CHECK(last_line_start(path, UINT64_MAX).value() == 6 + big.size() + 1);
}
