// `team-agent replay`: rebuild the projections from the event log, check
// the live ones against a rebuild (--verify), show the state at a point in
// the past (--until), or the timeline of one message or agent.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "store/projector.h"
#include "store/queries.h"
#include "store/replay.h"
#include "store/status_report.h"
#include "util/clock.h"
#include "util/fs.h"

namespace ta::cli {

namespace {

using Json = nlohmann::json;

struct ReplayOptions {
  bool verify = false;
  std::string until;
  std::string output;
  std::string message;
  std::string agent;
  bool json = false;
  bool skip_corrupt = false;
};

// --until: all digits is a seq; anything else a time (RFC 3339 or "5m" ago).
Status parse_until(const std::string& text, store::FoldLimits& limits) {
  if (text.empty()) return ok_status();
  if (text.find_first_not_of("0123456789") == std::string::npos && text.size() < 20) {
    limits.until_seq = std::stoull(text);
    return ok_status();
  }
  auto t = parse_time_point(text, now_micros());
  if (!t)
    return make_error("--until \"" + text +
                          "\" is neither a seq nor a time; give a seq number, an RFC 3339 time "
                          "(2026-11-20T21:39:00Z) or a duration ago like 5m",
                      kExitUsage);
  limits.until_time = *t;
  return ok_status();
}

void warn_skipped(const store::FoldReport& r) {
  for (const auto& c : r.skipped)
    std::fprintf(stderr, "team-agent: skipped %s\n", c.describe().c_str());
}

Json skipped_json(const store::FoldReport& r) {
  Json out = Json::array();
  for (const auto& c : r.skipped) out.push_back(c.describe());
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
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

// replay --until / --output -----------------------------------------------------------

int run_point_in_time(const config::Paths& paths, const ReplayOptions& o,
                      const store::FoldLimits& limits) {
  auto start = std::chrono::steady_clock::now();
  bool keep = !o.output.empty();
  if (keep) {
    std::error_code ec;
    auto out = std::filesystem::weakly_canonical(o.output, ec);
    if (!ec && out == std::filesystem::weakly_canonical(paths.state_db, ec))
      return report(make_error("--output must not be the live state.db; run `team-agent replay` "
                               "without --output to rebuild it",
                               kExitUsage));
    auto dir = out.parent_path();
    if (!dir.empty() && !std::filesystem::is_directory(dir, ec))
      return report(make_error("cannot write " + o.output + ": directory " + dir.string() +
                                   " does not exist; create it or choose another --output",
                               kExitUsage));
  }
  std::string target = keep ? o.output + ".tmp-" + std::to_string(::getpid())
                            : store::scratch_db_path(paths.team_dir, "replay-until");
  auto built = store::rebuild(paths.events_dir, target, limits);
  if (!built) return report(built.error());
  warn_skipped(*built);

  Result<store::StatusData> data = make_error("not read");
  {
    store::OpenOptions ro;
    ro.mode = store::OpenOptions::Mode::read_only;
    auto db = store::Database::open(target, ro);
    if (!db) return report(db.error());
    data = store::query_status(**db);
  }
  if (keep) {
    if (std::rename(target.c_str(), o.output.c_str()) != 0) {
      store::remove_database_files(target);
      return report(make_error("cannot write " + o.output + ": " + errno_text(errno) +
                               "; check the directory exists and is writable"));
    }
  } else {
    store::remove_database_files(target);
  }
  if (!data) return report(data.error());

  store::StatusPresentation how;  // the past: no liveness to show
  if (o.json) {
    auto j = store::status_json(*data, how);
    j["events_folded"] = built->folded;
    j["output"] = keep ? Json(o.output) : Json();
    j["skipped_corrupt"] = skipped_json(*built);
    std::cout << j.dump() << "\n";
  } else {
    std::cout << "state after replaying " << built->folded << " events (through seq "
              << built->last_seq << (built->last_ts.empty() ? "" : ", " + built->last_ts)
              << ") in " << seconds_text(seconds_since(start)) << "\n";
    if (keep) std::cout << "wrote " << o.output << "\n";
    std::cout << store::format_status_text(*data, how);
  }
  return kExitOk;
}

// replay --verify -------------------------------------------------------------------

int run_verify(const config::Paths& paths, const ReplayOptions& o, store::FoldLimits limits) {
  store::ProjectorOptions popts;
  popts.skip_corrupt = o.skip_corrupt;
  auto projector = store::Projector::try_open(paths, popts);
  if (!projector) return report(projector.error());
  std::unique_ptr<store::Database> read_only;
  store::Database* live = nullptr;
  if (*projector) {
    // We are the projector: bring the live state up to date, then hold the
    // lock so it cannot move while it is compared.
    auto caught = (*projector)->catch_up();
    if (!caught) return report(caught.error());
    live = &(*projector)->db();
  } else {
    if (!file_exists(paths.state_db))
      return report(make_error("there are no projections to verify yet (" + paths.state_db +
                               " does not exist); run `team-agent status` to build them"));
    store::OpenOptions ro;
    ro.mode = store::OpenOptions::Mode::read_only;
    auto db = store::Database::open(paths.state_db, ro);
    if (!db) return report(db.error());
    read_only = std::move(*db);
    live = read_only.get();
    // The supervisor keeps writing: pin one snapshot for the whole comparison.
    if (auto st = live->exec("BEGIN"); !st) return report(st.error());
  }
  auto verified = store::verify_projections(*live, paths.events_dir, paths.team_dir, limits);
  if (read_only) (void)read_only->exec("COMMIT");
  if (!verified) return report(verified.error());
  warn_skipped(verified->replay);
  const auto* live_seq = &verified->last_seq;
  const auto& diffs = verified->differences;
  if (o.json) {
    std::cout << Json{{"identical", diffs.empty()},
                      {"last_seq", *live_seq},
                      {"differences", diffs},
                      {"skipped_corrupt", skipped_json(verified->replay)}}
                     .dump()
              << "\n";
  } else {
    for (const auto& d : diffs) std::cout << d << "\n";
    if (diffs.empty())
      std::cout << "state.db matches a replay of the log through seq " << *live_seq << "\n";
  }
  std::cout.flush();
  if (diffs.empty()) return kExitOk;
  return report(make_error("state.db differs from a replay of the log through seq " +
                           std::to_string(*live_seq) + " in " + std::to_string(diffs.size()) +
                           " places; run `team-agent replay` to rebuild it from the log"));
}

// replay (rebuild the live projections) -----------------------------------------------------

int run_rebuild_live(const config::Paths& paths, const ReplayOptions& o,
                     const store::FoldLimits& limits) {
  auto start = std::chrono::steady_clock::now();
  auto lock = FileLock::try_acquire(paths.state_lock);
  if (!lock) return report(lock.error());
  if (!lock->held())
    return report(make_error(
        "another team-agent process (a running supervisor) is updating state.db; stop it with "
        "`team-agent shutdown` first, or use `team-agent replay --verify`, which works while it "
        "runs"));
  std::string fresh_path = store::scratch_db_path(paths.team_dir, "replay-rebuild");
  auto built = store::rebuild(paths.events_dir, fresh_path, limits);
  if (!built) return report(built.error());
  warn_skipped(*built);
  if (auto st = store::install_database(fresh_path, paths.state_db); !st) {
    store::remove_database_files(fresh_path);
    return report(st.error());
  }
  double secs = seconds_since(start);
  if (o.json) {
    std::cout << Json{{"rebuilt", paths.state_db},
                      {"events_folded", built->folded},
                      {"last_seq", built->last_seq},
                      {"seconds", secs},
                      {"skipped_corrupt", skipped_json(*built)}}
                     .dump()
              << "\n";
  } else {
    std::cout << "rebuilt " << paths.state_db << " from " << built->folded
              << " events (through seq " << built->last_seq << ") in " << seconds_text(secs)
              << "\n";
  }
  return kExitOk;
}

int run_replay(const Context& ctx, const ReplayOptions& o) {
  auto paths = workspace(ctx);
  if (!paths) return report(paths.error());
  if (!file_exists(paths->team_dir))
    return report(make_error("no team workspace at " + paths->workspace +
                                 " (it has no .team/ directory); run `team-agent init` there or "
                                 "pass --workspace",
                             kExitUsage));
  store::FoldLimits limits;
  limits.skip_corrupt = o.skip_corrupt;
  if (auto st = parse_until(o.until, limits); !st) return report(st.error());

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
  auto* output = sub->add_option("--output", o->output,
                                 "Write the rebuilt database to this file instead of state.db");
  auto* message = sub->add_option("--message", o->message,
                                  "Print every event touching this message id, in seq order");
  auto* agent = sub->add_option("--agent", o->agent,
                                "Print every event touching this agent, in seq order");
  sub->add_flag("--json", o->json, "Machine-readable output");
  sub->add_flag("--skip-corrupt", o->skip_corrupt,
                "Step over corrupt log lines (each is reported) instead of stopping at the first");
  verify->excludes(until)->excludes(output)->excludes(message)->excludes(agent);
  message->excludes(agent)->excludes(output);
  agent->excludes(output);
  sub->callback([&ctx, o] { ctx.run = [&ctx, o] { return run_replay(ctx, *o); }; });
}

}  // namespace ta::cli
