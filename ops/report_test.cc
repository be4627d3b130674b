#include "ops/report.h"

#include <doctest/doctest.h>

#include <string>

using namespace ta;
using namespace ta::ops;

namespace {

ReportRequest request(std::string task, std::string status, std::string summary) {
  ReportRequest r;
  r.agent = "backend";
  r.task = std::move(task);
  r.status = std::move(status);
  r.summary = std::move(summary);
  return r;
}

std::string refusal(const ReportRequest& r) {
  auto f = gather_result(r);
  REQUIRE_FALSE(f.ok());
  CHECK(f.error().code == 2);
  return f.error().message;
}

}  // namespace

TEST_CASE("a result needs a task id, a known status and a summary") {
  auto ok = gather_result(request("T1", "partial", "half of it"));
  REQUIRE(ok.ok());
  CHECK(ok->task == "T1");
  CHECK(ok->status == "partial");
  CHECK(ok->summary == "half of it");
  CHECK(ok->files.empty());

  CHECK(refusal(request("", "success", "ok")).find("no task given") == 0);
  CHECK(refusal(request("T 1", "success", "ok")).find("is not a task id") != std::string::npos);
  CHECK(refusal(request("T1", "", "ok")) ==
        "no status given; pass --status with one of: success, blocked, failed, partial");
  CHECK(refusal(request("T1", "done", "ok")) ==
        "unknown status \"done\"; use one of: success, blocked, failed, partial");
  CHECK(refusal(request("T1", "success", " \n")).find("no summary given") == 0);
}

TEST_CASE("a result's summary is at most 64 KiB of UTF-8") {
  CHECK(gather_result(request("T1", "success", std::string(65536, 'x'))).ok());
  CHECK(refusal(request("T1", "success", std::string(65537, 'x')))
            .find("over the 64 KiB (65536-byte) limit") != std::string::npos);
  CHECK(refusal(request("T1", "success", "ok \xFF")).find("the summary is not valid UTF-8") == 0);
}

TEST_CASE("the reporting agent must be a member of the team") {
  auto parsed = config::parse_team_spec(R"({"team": "demo",
    "leader": {"id": "leader", "provider": "fake"},
    "agents": [{"id": "backend", "provider": "fake"}]})");
  REQUIRE(parsed.ok());
  CHECK(*reporting_agent(*parsed.spec, "backend") == "backend");
  CHECK(*reporting_agent(*parsed.spec, "leader") == "leader");
  auto ghost = reporting_agent(*parsed.spec, "ghost");
  REQUIRE_FALSE(ghost.ok());
  CHECK(ghost.error().code == 2);
  CHECK(ghost.error().message ==
        "unknown agent \"ghost\" (from --from or $TEAM_AGENT_ID); the team's agents are: leader, "
        "backend");
  auto nobody = reporting_agent(*parsed.spec, "");
  REQUIRE_FALSE(nobody.ok());
  CHECK(nobody.error().message.find("no agent to report as") == 0);
}
