// `team-agent replay`: rebuild the projections from the event log, check
// the live ones against a rebuild (--verify), show the state at a point in
// the past (--until), or the timeline of one message or agent. The
// operations are ops/replay; this file prints what they return.
#include <cstdio>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "ops/replay.h"
#include "store/status_report.h"

namespace ta::cli {

namespace {

using Json = nlohmann::json;

struct ReplayOptions {
  bool verify = false;
  std::string until;
  std::string output;  // the database file to write (--write-db)
  std::string format;  // -o/--output: text | json (an older spelling: a file)
  std::string message;
  std::string agent;
  bool json = false;
  bool skip_corrupt = false;
};

void warn_skipped(const store::FoldReport& r) {
  for (const auto& c : r.skipped)
    std::fprintf(stderr, "team-agent: skipped %s\n", c.describe().c_str());
}

Json skipped_json(const store::FoldReport& r) {
  Json out = Json::array();
  for (const auto& c : r.skipped) out.push_back(c.describe());
  return out;
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f s", s);
  return buf;
}

// replay --message ID / --agent ID ----------------------------------------------------

int run_timeline(const config::Paths& paths, const ReplayOptions& o,
                 const store::FoldLimits& limits) {
  store::TimelineSubject subject;
  subject.kind = o.message.empty() ? store::TimelineSubject::Kind::agent
                                   : store::TimelineSubject::Kind::message;
  subject.id = o.message.empty() ? o.agent : o.message;
  const char* what = o.message.empty() ? "agent" : "message";
  auto events = store::timeline(paths.events_dir, subject, limits);
  if (!events) return report(events.error());
  if (o.json) {
    Json arr = Json::array();
    for (const auto& e : *events)
      arr.push_back(Json{{"seq", e.seq}, {"ts", e.ts}, {"event", e.type}, {"data", e.data}});
    std::cout << Json{{what, subject.id}, {"events", arr}}.dump() << "\n";
  } else {
    for (const auto& e : *events) std::cout << store::timeline_line(e) << "\n";
  }
  std::cout.flush();
  if (events->empty())
    return report(make_error(std::string("no event in the log mentions ") + what + " \"" +
                             subject.id + "\"; check the id (team-agent status lists them)"));
  return kExitOk;
}

// replay --until / --write-db -----------------------------------------------------------

int run_point_in_time(const config::Paths& paths, const ReplayOptions& o,
                      const store::FoldLimits& limits) {
  auto at = ops::state_at(paths, o.output, limits, warn_skipped);
  if (!at) return report(at.error());
  const auto& built = at->built;
  store::StatusPresentation how;  // the past: no liveness to show
  if (o.json) {
    auto j = store::status_json(at->status, how);
    j["events_folded"] = built.folded;
    j["output"] = at->output.empty() ? Json() : Json(at->output);
    j["skipped_corrupt"] = skipped_json(built);
    std::cout << j.dump() << "\n";
  } else {
    std::cout << "state after replaying " << built.folded << " events (through seq "
              << built.last_seq << (built.last_ts.empty() ? "" : ", " + built.last_ts)
              << ") in " << seconds_text(at->seconds) << "\n";
    if (!at->output.empty()) std::cout << "wrote " << at->output << "\n";
    std::cout << store::format_status_text(at->status, how);
  }
  return kExitOk;
}

// replay --verify -------------------------------------------------------------------

int run_verify(const config::Paths& paths, const ReplayOptions& o,
               const store::FoldLimits& limits) {
  auto verified = ops::verify_live(paths, limits);
  if (!verified) return report(verified.error());
  warn_skipped(verified->replay);
  const auto live_seq = verified->last_seq;
  const auto& diffs = verified->differences;
  if (o.json) {
    std::cout << Json{{"identical", diffs.empty()},
                      {"last_seq", live_seq},
                      {"differences", diffs},
                      {"skipped_corrupt", skipped_json(verified->replay)}}
                     .dump()
              << "\n";
  } else {
    for (const auto& d : diffs) std::cout << d << "\n";
    if (diffs.empty())
      std::cout << "state.db matches a replay of the log through seq " << live_seq << "\n";
  }
  std::cout.flush();
  if (diffs.empty()) return kExitOk;
  return report(make_error("state.db differs from a replay of the log through seq " +
                           std::to_string(live_seq) + " in " + std::to_string(diffs.size()) +
                           " places; run `team-agent replay` to rebuild it from the log"));
}

// replay (rebuild the live projections) -----------------------------------------------------

int run_rebuild_live(const config::Paths& paths, const ReplayOptions& o,
                     const store::FoldLimits& limits) {
  auto rebuilt = ops::rebuild_live(paths, limits, warn_skipped);
  if (!rebuilt) return report(rebuilt.error());
  const auto& built = rebuilt->built;
  if (o.json) {
    std::cout << Json{{"rebuilt", paths.state_db},
                      {"events_folded", built.folded},
                      {"last_seq", built.last_seq},
                      {"seconds", rebuilt->seconds},
                      {"skipped_corrupt", skipped_json(built)}}
                     .dump()
              << "\n";
  } else {
    std::cout << "rebuilt " << paths.state_db << " from " << built.folded
              << " events (through seq " << built.last_seq << ") in "
              << seconds_text(rebuilt->seconds) << "\n";
  }
  return kExitOk;
}

// -o/--output names the output format, as on `events`. Before, `--output`
// named the database file that --write-db names now: a value that is no
// format is still taken as that file, and said so.
Status take_format(ReplayOptions& o) {
  if (o.format.empty()) return ok_status();
  if (o.format == "json") {
    o.json = true;
  } else if (o.format != "text" && o.format != "short") {
    if (!o.output.empty())
      return ops::usage_error("give the database file once, with --write-db (not also --output)");
    std::fprintf(stderr, "team-agent: --output FILE is now --write-db FILE (-o/--output names "
                         "the output format, text or json); writing %s\n", o.format.c_str());
    o.output = o.format;
  }
  return ok_status();
}

int run_replay(const Context& ctx, ReplayOptions o) {
  if (auto st = take_format(o); !st) return report(st.error());
  if (!o.output.empty() && (!o.message.empty() || !o.agent.empty() || o.verify))
    return report(ops::usage_error("--write-db goes with --until or alone, not with --verify, "
                              "--message or --agent"));
  auto paths = workspace(ctx);
  if (!paths) return report(paths.error());
  if (auto st = ops::require_team_dir(*paths); !st) return report(st.error());
  store::FoldLimits limits;
  limits.skip_corrupt = o.skip_corrupt;
  if (auto st = ops::parse_until(o.until, now_micros(), limits); !st) return report(st.error());

  if (!o.message.empty() || !o.agent.empty()) return run_timeline(*paths, o, limits);
  if (o.verify) return run_verify(*paths, o, limits);
  if (!o.until.empty() || !o.output.empty()) return run_point_in_time(*paths, o, limits);
  return run_rebuild_live(*paths, o, limits);
}

}  // namespace

void register_replay(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand(
      "replay",
      "Rebuild the SQLite projections (.team/state.db) from the event log; with --verify, "
      "compare the live projections with a fresh rebuild and list every difference (exit 1 on "
      "drift); with --until, show the state at an earlier point; with --message/--agent, the "
      "timeline of one message or agent.");
  auto o = std::make_shared<ReplayOptions>();
  auto* verify = sub->add_flag("--verify", o->verify,
                               "Compare state.db with a rebuild of the log up to its last seq; "
                               "never changes state.db beyond catching it up");
  auto* until = sub->add_option("--until", o->until,
                                "Stop at this seq, or at this time (RFC 3339, or a duration "
                                "ago like 5m), and show the state there");
  auto* output = sub->add_option("--write-db", o->output,
                                 "Write the rebuilt database to this file instead of state.db")
                     ->type_name("FILE");
  sub->add_option("-o,--output", o->format,
                  "text (default) or json (the same as --json); the format flag of every verb "
                  "that has one. A file name here is taken as --write-db FILE, its old spelling")
      ->type_name("text|json");
  auto* message = sub->add_option("--message", o->message,
                                  "Print every event touching this message id, in seq order");
  auto* agent = sub->add_option("--agent", o->agent,
                                "Print every event touching this agent, in seq order");
  sub->add_flag("--json", o->json, "Machine-readable output (one JSON object)");
  sub->add_flag("--skip-corrupt", o->skip_corrupt,
                "Step over corrupt log lines (each is reported) instead of stopping at the first");
  verify->excludes(until)->excludes(output)->excludes(message)->excludes(agent);
  message->excludes(agent)->excludes(output);
  agent->excludes(output);
  sub->callback([&ctx, o] { ctx.run = [&ctx, o] { return run_replay(ctx, *o); }; });
}

}  // namespace ta::cli
