// `team-agent report --task T --status S --summary TEXT [--file F]`: a worker
// tells the team the outcome of a task. Appends, in one batch, the
// result.reported and a message.acknowledged for each of the agent's open
// messages of that task, so the leader learns of the result and the
// messages stop counting as waiting.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/report_envelope.h"
#include "config/team_spec.h"
#include "events/log.h"
#include "events/types.h"
#include "store/projector.h"
#include "store/queries.h"
#include "util/fs.h"
#include "util/ids.h"
#include "util/utf8.h"

namespace ta::cli {

namespace {

constexpr size_t kMaxSummaryBytes = 64u << 10;  // the leader reads it in its pane
constexpr size_t kMaxDetailsBytes = 1u << 20;   // like a message: more overwhelms an agent CLI
constexpr size_t kMaxFiles = 1000;
const std::vector<std::string> kStatuses{"success", "blocked", "failed", "partial"};

struct ReportOptions {
  std::string task, status, summary, file, from, result_id;
  bool has_task = false, has_status = false, has_summary = false;
  bool json = false;
};

// What is reported, once the envelope and the flags are merged.
struct Report {
  std::string task, status, summary, details;
  std::vector<std::string> files;
};

Error usage(std::string message) { return make_error(std::move(message), kExitUsage); }

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// The same rule `send --task` applies, so every task a message names can be reported.
bool is_task_id(std::string_view s) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("._:/#-").find(c) != std::string_view::npos;
  });
}

// Members of the team spec and its team name, read leniently: a report must
// not be lost to a spec problem elsewhere in the file (`run` validates it).
struct TeamMembers {
  std::string team;
  std::vector<std::string> ids;
};

Result<TeamMembers> read_team_members(const config::Paths& paths) {
  if (!file_exists(paths.team_json))
    return usage("no team spec at " + paths.team_json +
                 "; run `team-agent report` inside the team's workspace (or pass --workspace)");
  auto text = config::read_team_spec_text(paths.team_json);
  if (!text) return text.error();
  auto j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object())
    return usage("the team spec " + paths.team_json +
                 " is not a JSON object; check it with `team-agent doctor`");
  TeamMembers m;
  if (j.contains("team") && j["team"].is_string()) m.team = j["team"].get<std::string>();
  auto add = [&](const nlohmann::json& entry) {
    if (entry.is_object() && entry.contains("id") && entry["id"].is_string())
      m.ids.push_back(entry["id"].get<std::string>());
  };
  if (j.contains("leader")) add(j["leader"]);
  if (j.contains("agents") && j["agents"].is_array())
    for (const auto& a : j["agents"]) add(a);
  return m;
}

Result<std::string> reporting_agent(const ReportOptions& o, const TeamMembers& team) {
  std::string from = o.from;
  if (from.empty()) {
    const char* env = std::getenv("TEAM_AGENT_ID");
    from = env ? env : "";
  }
  if (from.empty())
    return usage("no agent to report as: $TEAM_AGENT_ID is not set; run `team-agent report` "
                 "from an agent's pane (the supervisor sets it there) or pass --from AGENT");
  if (std::find(team.ids.begin(), team.ids.end(), from) == team.ids.end())
    return usage("unknown agent \"" + from + "\" (from --from or $TEAM_AGENT_ID); the team's "
                 "agents are: " + (team.ids.empty() ? std::string("none") : join(team.ids)));
  return from;
}

// Flags override the envelope's fields; the envelope fills what they leave out.
Result<Report> gather(const ReportOptions& o) {
  Report r;
  if (!o.file.empty()) {
    auto env = read_result_envelope(o.file);
    if (!env) return env.error();
    r.task = env->task.value_or("");
    r.status = env->status.value_or("");
    r.summary = env->summary.value_or("");
    r.details = env->details.value_or("");
    r.files = env->files.value_or(std::vector<std::string>{});
  }
  if (o.has_task) r.task = o.task;
  if (o.has_status) r.status = o.status;
  if (o.has_summary) r.summary = o.summary;

  if (r.task.empty())
    return usage("no task given; pass --task T (the task id the leader's message named) or put "
                 "\"task\" in the --file envelope");
  if (!is_task_id(r.task))
    return usage("task \"" + r.task +
                 "\" is not a task id; use up to 64 letters, digits and . _ : / # -");
  if (r.status.empty())
    return usage("no status given; pass --status with one of: " + join(kStatuses));
  if (std::find(kStatuses.begin(), kStatuses.end(), r.status) == kStatuses.end())
    return usage("unknown status \"" + r.status + "\"; use one of: " + join(kStatuses));
  if (r.summary.find_first_not_of(" \t\r\n") == std::string::npos)
    return usage("no summary given; pass --summary \"what was done\" or put \"summary\" in the "
                 "--file envelope");
  if (r.summary.size() > kMaxSummaryBytes)
    return usage("the summary is " + std::to_string(r.summary.size()) +
                 " bytes, over the 64 KiB (65536-byte) limit; shorten it and put the rest in "
                 "\"details\" or in a file named under \"files\"");
  if (r.details.size() > kMaxDetailsBytes)
    return usage("the details are " + std::to_string(r.details.size()) +
                 " bytes, over the 1 MiB limit; write them to a file and name it under \"files\"");
  if (r.files.size() > kMaxFiles)
    return usage("the envelope names " + std::to_string(r.files.size()) +
                 " files, over the limit of 1000; name the directory that holds them instead");
  for (const auto* text : {&r.summary, &r.details})
    if (auto bad = first_invalid_utf8(*text); bad != std::string::npos)
      return usage(std::string(text == &r.summary ? "the summary" : "the details") +
                   " is not valid UTF-8 (bad byte at offset " + std::to_string(bad) +
                   "); convert it to UTF-8 and report again");
  return r;
}

struct Appended {
  std::uint64_t seq = 0;
  std::vector<std::string> acknowledged;  // only those this report acknowledged first
};

// One batch: a crash cannot leave a result whose messages still wait, nor the reverse.
Result<Appended> append_report(events::EventLog& log, const Report& r, const std::string& agent,
                               const std::string& result_id,
                               const std::vector<std::string>& open_messages) {
  std::vector<events::Draft> batch;
  // No idempotency key: a repeated report is appended again, and the
  // leader_watcher answers the repeat with leader_notification.dedupe_skip.
  batch.push_back(events::to_draft(events::ResultReported{result_id, r.task, agent, r.status,
                                                          r.summary, r.details, r.files}));
  for (const auto& id : open_messages)
    batch.push_back(events::to_draft(events::MessageAcknowledged{id, result_id}, "ack:" + id));
  auto appended = log.append(batch);
  if (!appended) return appended.error();
  Appended out;
  out.seq = (*appended)[0].seq;
  for (size_t k = 1; k < appended->size(); ++k)
    if (!(*appended)[k].duplicate) out.acknowledged.push_back(open_messages[k - 1]);
  return out;
}

int run_report(const Context& ctx, const ReportOptions& o) {
  auto paths = workspace(ctx);
  if (!paths) return report(paths.error());
  auto team = read_team_members(*paths);
  if (!team) return report(team.error());
  auto agent = reporting_agent(o, *team);
  if (!agent) return report(agent.error());
  if (!o.result_id.empty() && !is_prefixed_hex12(o.result_id, "res_"))
    return report(usage("--result-id \"" + o.result_id +
                        "\" is not a result id; use res_ and 12 lowercase hex digits, e.g. "
                        "res_0123456789ab"));
  auto r = gather(o);
  if (!r) return report(r.error());
  const std::string result_id = o.result_id.empty() ? "res_" + random_hex12() : o.result_id;

  if (auto st = config::ensure_team_dir(*paths); !st) return report(st.error());
  std::vector<std::string> open_messages;
  {
    // Catches the projections up when no supervisor runs; the view (and the
    // projector lock it may hold) is released before appending.
    auto view = store::open_state_view(*paths);
    if (!view) return report(view.error());
    if (view->warning()) report(*view->warning());
    auto ids = store::open_messages_of_task(view->db(), *agent, r->task);
    if (!ids) return report(ids.error());
    open_messages = std::move(*ids);
  }

  events::LogOptions lo{team->team};
  lo.seq_floor = store::projection_seq_floor(*paths);
  auto log = events::EventLog::open(paths->events_dir, lo);
  if (!log) return report(log.error());
  auto appended = append_report(**log, *r, *agent, result_id, open_messages);
  if (!appended) return report(appended.error());

  if (o.json) {
    nlohmann::json j{{"result_id", result_id},
                     {"seq", appended->seq},
                     {"acknowledged", appended->acknowledged}};
    std::printf("%s\n", j.dump().c_str());
  } else {
    size_t n = appended->acknowledged.size();
    std::printf("reported %s for %s (%s); acknowledged %zu message%s\n", result_id.c_str(),
                r->task.c_str(), r->status.c_str(), n, n == 1 ? "" : "s");
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
      ReportOptions opts = *o;
      opts.has_task = sub->count("--task") > 0;
      opts.has_status = sub->count("--status") > 0;
      opts.has_summary = sub->count("--summary") > 0;
      return run_report(ctx, opts);
    };
  });
}

}  // namespace ta::cli
