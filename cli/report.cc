// `team-agent report --task T --status S --summary TEXT [--file F]`: a worker
// tells the team the outcome of a task. Appends, in one batch, the
// result.reported and a message.acknowledged for each of the agent's open
// messages of that task, so the leader learns of the result and the
// messages stop counting as waiting.
#include <cstdio>
#include <cstdlib>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "ops/report.h"

namespace ta::cli {

namespace {

struct ReportOptions {
  std::string task, status, summary, file, from, result_id;
  bool json = false;
};

int run_report(const Context& ctx, const ops::ReportRequest& request, bool json) {
  auto paths = workspace(ctx);
  if (!paths) return report(paths.error());
  auto receipt = ops::report_result(*paths, request, [](const Error& e) { report(e); });
  if (!receipt) return report(receipt.error());
  if (json) {
    nlohmann::json j{{"result_id", receipt->result_id},
                     {"seq", receipt->seq},
                     {"acknowledged", receipt->acknowledged}};
    std::printf("%s\n", j.dump().c_str());
  } else {
    size_t n = receipt->acknowledged.size();
    std::printf("reported %s for %s (%s); acknowledged %zu message%s\n",
                receipt->result_id.c_str(), receipt->fields.task.c_str(),
                receipt->fields.status.c_str(), n, n == 1 ? "" : "s");
  }
  std::fflush(stdout);
  return kExitOk;
}

}  // namespace

void register_report(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ReportOptions>();
  auto* sub = app.add_subcommand(
      "report",
      "Report the outcome of a task, from a worker's pane: records result.reported (the "
      "leader is notified once) and acknowledges this agent's open messages of that task. "
      "Exit 0 recorded, 2 bad input.");
  sub->add_option("--task", o->task, "The task id the leader's message named")
      ->type_name("TASK");
  sub->add_option("--status", o->status, "success, blocked, failed or partial")
      ->type_name("STATUS");
  sub->add_option("--summary", o->summary, "What was done, or what blocks it (at most 64 KiB)")
      ->type_name("TEXT");
  sub->add_option("--file", o->file,
                  "A JSON result envelope {\"task\", \"status\", \"summary\", \"details\", "
                  "\"files\": [paths]}; flags override its fields; `-` reads stdin")
      ->type_name("FILE");
  sub->add_option("--from", o->from,
                  "Reporting agent (default: $TEAM_AGENT_ID, set in every agent's pane)")
      ->type_name("AGENT");
  sub->add_option("--result-id", o->result_id,
                  "Client-chosen id (res_ + 12 lowercase hex) for a retry; a repeat is recorded "
                  "again, but the leader is told once and messages are acknowledged once")
      ->type_name("ID");
  sub->add_flag("--json", o->json,
                "Print one JSON object: result_id, seq, acknowledged (message ids)");
  sub->callback([&ctx, o, sub] {
    ctx.run = [&ctx, o, sub] {
      ops::ReportRequest r;
      r.agent = o->from;
      // Inside an agent's pane the supervisor names the agent in $TEAM_AGENT_ID.
      if (const char* env = std::getenv("TEAM_AGENT_ID"); r.agent.empty() && env) r.agent = env;
      r.envelope_path = o->file;
      // Only the flags given override the envelope's fields.
      if (sub->count("--task") > 0) r.task = o->task;
      if (sub->count("--status") > 0) r.status = o->status;
      if (sub->count("--summary") > 0) r.summary = o->summary;
      r.result_id = o->result_id;
      return run_report(ctx, r, o->json);
    };
  });
}

}  // namespace ta::cli
