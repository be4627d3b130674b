#include "ops/report.h"

#include <algorithm>

#include "events/log.h"
#include "events/types.h"
#include "ops/errors.h"
#include "ops/result_envelope.h"
#include "ops/send.h"
#include "ops/team.h"
#include "store/projector.h"
#include "store/queries.h"
#include "util/ids.h"
#include "util/utf8.h"
#include "util/strings.h"

namespace ta::ops {

namespace {

constexpr size_t kMaxSummaryBytes = 64u << 10;  // the leader reads it in its pane
constexpr size_t kMaxDetailsBytes = 1u << 20;   // like a message: more overwhelms an agent CLI
constexpr size_t kMaxFiles = 1000;

// The envelope's fields, overridden by those the request gives.
Result<ResultFields> merge(const ReportRequest& r) {
  ResultFields f;
  if (!r.envelope_path.empty()) {
    auto env = read_result_envelope(r.envelope_path);
    if (!env) return env.error();
    f.task = env->task.value_or("");
    f.status = env->status.value_or("");
    f.summary = env->summary.value_or("");
    f.details = env->details.value_or("");
    f.files = env->files.value_or(std::vector<std::string>{});
  }
  if (r.task) f.task = *r.task;
  if (r.status) f.status = *r.status;
  if (r.summary) f.summary = *r.summary;
  if (r.details) f.details = *r.details;
  if (r.files) f.files = *r.files;
  return f;
}

Status check_task_and_status(const ResultFields& f) {
  const auto& statuses = result_statuses();
  if (f.task.empty())
    return usage_error("no task given; pass --task T (the task id the leader's message named) or "
                       "put \"task\" in the --file envelope");
  if (!is_task_id(f.task))
    return usage_error("task \"" + f.task +
                       "\" is not a task id; use up to 64 letters, digits and . _ : / # -");
  if (f.status.empty())
    return usage_error("no status given; pass --status with one of: " + join(statuses));
  if (std::find(statuses.begin(), statuses.end(), f.status) == statuses.end())
    return usage_error("unknown status \"" + f.status + "\"; use one of: " + join(statuses));
  return ok_status();
}

Status check_contents(const ResultFields& f) {
  if (f.summary.find_first_not_of(" \t\r\n") == std::string::npos)
    return usage_error("no summary given; pass --summary \"what was done\" or put \"summary\" in "
                       "the --file envelope");
  if (f.summary.size() > kMaxSummaryBytes)
    return usage_error("the summary is " + std::to_string(f.summary.size()) +
                       " bytes, over the 64 KiB (65536-byte) limit; shorten it and put the rest "
                       "in \"details\" or in a file named under \"files\"");
  if (f.details.size() > kMaxDetailsBytes)
    return usage_error("the details are " + std::to_string(f.details.size()) +
                       " bytes, over the 1 MiB limit; write them to a file and name it under "
                       "\"files\"");
  if (f.files.size() > kMaxFiles)
    return usage_error("the envelope names " + std::to_string(f.files.size()) +
                       " files, over the limit of 1000; name the directory that holds them "
                       "instead");
  for (const auto* text : {&f.summary, &f.details})
    if (auto bad = first_invalid_utf8(*text); bad != std::string::npos)
      return usage_error(std::string(text == &f.summary ? "the summary" : "the details") +
                         " is not valid UTF-8 (bad byte at offset " + std::to_string(bad) +
                         "); convert it to UTF-8 and report again");
  return ok_status();
}

// The team spec a report needs: a missing one means the wrong workspace.
Result<config::TeamSpec> report_team(const config::Paths& paths) {
  auto spec = load_team_if_present(paths.team_json);
  if (!spec) return spec.error();
  if (!*spec)
    return usage_error("no team spec at " + paths.team_json +
                       "; run `team-agent report` inside the team's workspace (or pass "
                       "--workspace)");
  return std::move(**spec);
}

// Ids of `agent`'s open messages that the result of `task` answers.
Result<std::vector<std::string>> open_messages(const config::Paths& paths, const std::string& agent,
                                               const std::string& task, const Warn& warn) {
  // Catches the projections up when no supervisor runs; the view (and the
  // projector lock it may hold) is released before the caller appends.
  auto view = store::open_state_view(paths);
  if (!view) return view.error();
  if (view->warning() && warn) warn(*view->warning());
  return store::open_messages_of_task(view->db(), agent, task);
}

// One batch: a crash cannot leave a result whose messages still wait, nor the reverse.
Status append_report(events::EventLog& log, const std::string& agent,
                     const std::vector<std::string>& open, ReportReceipt& receipt) {
  const ResultFields& f = receipt.fields;
  std::vector<events::Draft> batch;
  // No idempotency key: a repeated report is appended again, and the
  // leader_watcher answers the repeat with leader_notification.dedupe_skip.
  batch.push_back(events::to_draft(events::ResultReported{
      receipt.result_id, f.task, agent, f.status, f.summary, f.details, f.files}));
  for (const auto& id : open)
    batch.push_back(events::to_draft(events::MessageAcknowledged{id, receipt.result_id}, "ack:" + id));
  auto appended = log.append(batch);
  if (!appended) return appended.error();
  receipt.seq = (*appended)[0].seq;
  for (size_t k = 1; k < appended->size(); ++k)
    if (!(*appended)[k].duplicate) receipt.acknowledged.push_back(open[k - 1]);
  return ok_status();
}

}  // namespace

const std::vector<std::string>& result_statuses() {
  static const std::vector<std::string> statuses{"success", "blocked", "failed", "partial"};
  return statuses;
}

Result<std::string> reporting_agent(const config::TeamSpec& spec, const std::string& agent) {
  if (agent.empty())
    return usage_error("no agent to report as: $TEAM_AGENT_ID is not set; run `team-agent report` "
                       "from an agent's pane (the supervisor sets it there) or pass --from AGENT");
  if (!spec.find(agent))
    return usage_error("unknown agent \"" + agent + "\" (from --from or $TEAM_AGENT_ID); the "
                       "team's agents are: " + join(spec.member_ids()));
  return agent;
}

Result<ResultFields> gather_result(const ReportRequest& r) {
  auto f = merge(r);
  if (!f) return f.error();
  if (auto st = check_task_and_status(*f); !st) return st.error();
  if (auto st = check_contents(*f); !st) return st.error();
  return f;
}

Result<ReportReceipt> report_result(const config::Paths& paths, const ReportRequest& r,
                                    const Warn& warn) {
  auto spec = report_team(paths);
  if (!spec) return spec.error();
  auto agent = reporting_agent(*spec, r.agent);
  if (!agent) return agent.error();
  if (!r.result_id.empty() && !is_prefixed_hex12(r.result_id, "res_"))
    return usage_error("--result-id \"" + r.result_id +
                       "\" is not a result id; use res_ and 12 lowercase hex digits, e.g. "
                       "res_0123456789ab");
  auto fields = gather_result(r);
  if (!fields) return fields.error();
  ReportReceipt receipt;
  receipt.result_id = r.result_id.empty() ? "res_" + random_hex12() : r.result_id;
  receipt.fields = std::move(*fields);

  if (auto st = config::ensure_team_dir(paths); !st) return st.error();
  auto open = open_messages(paths, *agent, receipt.fields.task, warn);
  if (!open) return open.error();
  auto log = open_team_log(paths, spec->team);
  if (!log) return log.error();
  if (auto st = append_report(**log, *agent, *open, receipt); !st) return st.error();
  return receipt;
}

}  // namespace ta::ops
