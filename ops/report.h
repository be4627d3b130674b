#pragma once
// Reporting the outcome of a task, as a worker does from its pane: appends,
// in one batch, the result.reported and a message.acknowledged for each of
// the agent's open messages of that task, so the leader learns of the result
// and the messages stop counting as waiting.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/paths.h"
#include "config/team_spec.h"
#include "ops/errors.h"
#include "util/result.h"

namespace ta::ops {

// The statuses a result may have.
const std::vector<std::string>& result_statuses();

struct ReportRequest {
  std::string agent;          // who reports (a member of the team); empty: an error
  std::string envelope_path;  // a result envelope to read (ops/result_envelope.h); "-": stdin
  // Given fields override the envelope's; the envelope fills what they leave out.
  std::optional<std::string> task, status, summary, details;
  std::optional<std::vector<std::string>> files;
  std::string result_id;  // client-chosen (res_ + 12 hex) for a retry; empty: random
};

// What is reported, once the envelope and the request are merged and checked.
struct ResultFields {
  std::string task, status, summary, details;
  std::vector<std::string> files;
};

struct ReportReceipt {
  std::string result_id;
  ResultFields fields;
  std::uint64_t seq = 0;                  // the result.reported's
  std::vector<std::string> acknowledged;  // only those this report acknowledged first
};

// `agent` if the team has such a member; otherwise an error (exit 2) that
// lists the team's agents.
Result<std::string> reporting_agent(const config::TeamSpec& spec, const std::string& agent);

// Merges the envelope (when the request names one) with the request's fields
// and checks the result: a task id, a known status, a summary, sizes, UTF-8.
// Errors exit 2.
Result<ResultFields> gather_result(const ReportRequest& r);

// Checks and records the report in the workspace `paths`. A missing or broken
// team spec is an error (exit 2).
Result<ReportReceipt> report_result(const config::Paths& paths, const ReportRequest& r,
                                    const Warn& warn);

}  // namespace ta::ops
