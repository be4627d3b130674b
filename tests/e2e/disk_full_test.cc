// A full disk is named as a full disk, with where and what to do, by the
// log's appenders and by the projections (SQLite reports a write that hit
// ENOSPC as "disk I/O error" or "database or disk is full"), and nothing
// accepted is lost. The workspace sits on a small tmpfs mounted in a private
// user and mount namespace (unshare -rm): no privileges are needed, and
// where the kernel forbids that the test says SKIPPED, loudly.
#include <doctest/doctest.h>

#include <iostream>

#include "tests/e2e/run_fixture.h"

using namespace ta::test;

TEST_CASE("a full disk is reported as a full disk, naming where, and loses nothing accepted") {
  TempDir root;
  const std::string mnt = root.path() + "/small";
  const std::string bin = team_agent_bin();
  const std::string script = root.path() + "/full.sh";
  write_text(script,
             "mkdir -p " + mnt + " && mount -t tmpfs -o size=300k tmpfs " + mnt + " || exit 77\n"
             "cd " + mnt + "\n" + bin + " init >/dev/null || exit 1\n" +
             bin + " send backend one --from leader >/dev/null\n" +
             bin + " status >/dev/null || exit 1\n"
             "dd if=/dev/zero of=fill bs=4k 2>/dev/null; dd if=/dev/zero of=fill2 bs=1 2>/dev/null\n" +
             bin + " send backend \"$(head -c 9000 /dev/zero | tr '\\0' x)\" --from leader\n"
             "echo \"send=$?\"\n"
             // Removing state.db frees its pages: fill them again, so the
             // rebuild meets a full disk whatever size the schema has.
             "rm -f .team/state.db*\n"
             "dd if=/dev/zero of=fill3 bs=4k 2>/dev/null; dd if=/dev/zero of=fill4 bs=1 2>/dev/null\n" +
             bin + " status\necho \"status=$?\"\n"
             "rm -f fill fill2 fill3 fill4\n" + bin + " status >/dev/null; echo \"freed=$?\"\n" +
             bin + " events | grep -c message.accepted\n");
  auto r = run({"/usr/bin/unshare", "-rm", "/bin/sh", script});
  if (r.exit_code == 77 || r.err.find("unshare") != std::string::npos) {
    std::cout << "SKIPPED disk-full test: no private mount namespace here (" << r.err << ")\n";
    return;
  }
  INFO(r.out << r.err);
  CHECK(r.out.find("send=1") != std::string::npos);
  CHECK(r.err.find("cannot append to the event log (" + mnt +
                   "/.team/events/00000001.jsonl): the disk is full") != std::string::npos);
  CHECK(r.out.find("status=1") != std::string::npos);
  CHECK(r.err.find("the disk holding " + mnt + "/.team is full") != std::string::npos);
  CHECK(r.err.find("disk I/O error") == std::string::npos);
  // Space freed: everything accepted before is still there, once.
  CHECK(r.out.find("freed=0") != std::string::npos);
  CHECK(r.out.find("\n1\n") != std::string::npos);
}
