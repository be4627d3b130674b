// `team-agent events`: the event log as a journal — the last N events, a
// filtered range, or a live tail (`-f`) that follows appends by any process
// across segment rolls and writer restarts. Selecting events, the cursor
// file, the last-N scan and waking up on appends live in ops/ (event_filter,
// event_cursor, event_tail, log_watcher); this file writes to stdout
// (util/stdout_writer) and stops on Ctrl-C (util/interrupts).
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <set>

#include "cli/command.h"
#include "events/codec.h"
#include "events/pane_text.h"
#include "events/reader.h"
#include "ops/event_cursor.h"
#include "ops/event_filter.h"
#include "ops/event_line.h"
#include "ops/event_tail.h"
#include "ops/log_watcher.h"
#include "util/interrupts.h"
#include "util/stdout_writer.h"

namespace ta::cli {

namespace {

constexpr std::uint64_t kDefaultLines = 10;
constexpr size_t kFlushBytes = 1 << 16;       // write out big backlogs in pieces

struct EventsArgs {
  ops::FilterArgs filter;
  bool follow = false;
  std::string lines;  // -n, empty when not given
  std::string output = "short";
  bool json = false;
  bool show_cursor = false;
  std::string cursor_file;
  std::string count;
};

bool is_dir(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

class EventsCommand {
 public:
  EventsCommand(EventsArgs args, config::Paths paths)
      : args_(std::move(args)), paths_(std::move(paths)), scanner_(paths_.events_dir) {}

  int run() {
    if (auto st = parse_options(); !st) return report(st.error());
    if (!args_.follow && !is_dir(paths_.events_dir)) {
      std::fprintf(stderr, "team-agent: no events yet: %s does not exist (the log starts when "
                   "the team runs or a message is sent).\n", paths_.events_dir.c_str());
      return kExitOk;
    }
    interrupts::install();
    if (args_.follow) {
      // Armed before the first read, so an append during it still wakes us.
      auto w = ops::LogWatcher::create(paths_, ops::stdout_follower_options());
      if (!w) return report(w.error());
      watcher_ = std::move(*w);
    }
    if (count_ && *count_ == 0) return finish(kExitOk);
    if (from_position_) {
      scanner_.seek_after(start_);
    } else {
      auto tail = events::read_last_seq(paths_.events_dir);
      if (!tail) return report(tail.error());
      if (auto code = print_last(*tail)) return *code;
      if (!args_.follow) return finish(kExitOk);
      scanner_.seek_after(std::max(*tail, start_));
    }
    for (;;) {
      if (auto code = drain()) return *code;
      if (!args_.follow) return finish(kExitOk);
      switch (watcher_->wait()) {
        case ops::LogWatcher::Wake::log_changed: break;
        case ops::LogWatcher::Wake::log_replaced: scanner_.seek_after(0); break;
        case ops::LogWatcher::Wake::interrupted: return finish(interrupts::exit_code());
        case ops::LogWatcher::Wake::output_closed: output_open_ = false; return finish(kExitOk);
        case ops::LogWatcher::Wake::failed: return finish(report(make_error(watcher_->error())));
      }
    }
  }

 private:
  Status parse_options() {
    auto filter = ops::make_filter(args_.filter, now_micros());
    if (!filter) return filter.error();
    filter_ = std::move(*filter);
    if (args_.json) args_.output = "json";
    if (args_.output == "text") args_.output = "short";  // the name other verbs use
    if (args_.output != "short" && args_.output != "json")
      return make_error("-o needs 'short' (or 'text') or 'json', got '" + args_.output + "'",
                        kExitUsage);
    json_ = args_.output == "json";
    colour_ = !json_ && ops::stdout_wants_colour();
    if (!args_.lines.empty()) {
      auto n = ops::parse_count("-n", args_.lines);
      if (!n) return n.error();
      lines_ = *n;
    }
    if (!args_.count.empty()) {
      auto n = ops::parse_count("--count", args_.count);
      if (!n) return n.error();
      count_ = *n;
    }
    start_ = filter_.after;
    if (!args_.cursor_file.empty()) {
      auto cursor = ops::read_cursor_file(args_.cursor_file);
      if (!cursor) return cursor.error();
      start_ = std::max(start_, *cursor);
    }
    // A position means "everything from there", unless -n asks for the last few of it.
    from_position_ = args_.lines.empty() && (!args_.filter.after.empty() ||
                                             !args_.filter.since.empty() ||
                                             !args_.cursor_file.empty());
    return ok_status();
  }

  std::string render(const events::Event& e) const {
    if (!json_) return ops::format_short(e, colour_);
    // The stored line as is, unless a log written before redaction holds a
    // secret in its screen text.
    auto redacted = events::redacted_pane_text(e.data);
    if (!redacted) return scanner_.raw_line();
    events::Event shown = e;
    shown.data = std::move(*redacted);
    return events::encode_line(shown);
  }

  // Queues one line; false once --count lines have been queued.
  bool emit(std::uint64_t seq, const std::string& line) {
    out_.add(line, seq);
    ++printed_;
    return !count_ || printed_ < *count_;
  }

  // Prints the last `lines_` matching events up to `tail`, oldest first.
  std::optional<int> print_last(std::uint64_t tail) {
    ops::TailScan scan;
    scan.filter = filter_;
    scan.after = start_;
    scan.through = tail;
    scan.count = lines_;
    scan.render = [this](const events::Event& e) { return render(e); };
    scan.on_corrupt = [this](const events::Corruption& c) { note_corruption(c); };
    scan.stop_requested = [] { return interrupts::last_signal() != 0; };
    auto picked = ops::last_matching(scanner_, scan);
    if (!picked) return finish(interrupts::exit_code());
    for (auto& [seq, line] : *picked) {
      if (!emit(seq, line)) return finish(kExitOk);
      if (out_.pending_bytes() >= kFlushBytes)
        if (auto code = flush()) return code;
    }
    return flush();
  }

  // Prints matching events up to the current end of the log; an exit code
  // when the command is done (count reached, output closed, Ctrl-C, error).
  std::optional<int> drain() {
    events::Event e;
    for (std::uint64_t seen = 1;; ++seen) {
      auto r = scanner_.next(e);
      if (r == events::LogReader::Next::end) break;
      if (r == events::LogReader::Next::corrupt) {
        if (auto code = flush()) return code;  // what came before it, first
        note_corruption(scanner_.corruption());
        scanner_.skip_corrupt();
        continue;
      }
      if (filter_.matches(e) && !emit(e.seq, render(e))) return finish(kExitOk);
      if (out_.pending_bytes() >= kFlushBytes)
        if (auto code = flush()) return code;
      if (seen % ops::kStopCheckEvery == 0 && interrupts::last_signal())
        return finish(interrupts::exit_code());
    }
    return flush();
  }

  std::optional<int> flush() {
    switch (out_.flush()) {
      case StdoutWriter::Outcome::ok: return std::nullopt;
      case StdoutWriter::Outcome::closed: output_open_ = false; return finish(kExitOk);
      case StdoutWriter::Outcome::interrupted:
        output_open_ = false;
        return finish(interrupts::exit_code());
      case StdoutWriter::Outcome::failed:
        output_open_ = false;
        return finish(report(make_error(out_.error())));
    }
    return std::nullopt;
  }

  // A bad line is said once on stderr and stepped over: the events after it
  // are as much the log as those before. The command then ends with 1.
  void note_corruption(const events::Corruption& c) {
    if (noted_corrupt_.insert(c.segment + ":" + std::to_string(c.line)).second)
      (void)report(make_error(c.describe() + "; skipped it, the events after it follow (run "
                                             "'team-agent doctor' to see how to repair it)"));
  }

  // Ends the command: writes what is still queued, the cursor line, and the
  // cursor file (also after Ctrl-C, so the next run resumes exactly here).
  int finish(int code) {
    if (code == kExitOk && !noted_corrupt_.empty()) code = kExitFailed;
    std::uint64_t cursor = 0;
    if (output_open_) {
      out_.flush();
      cursor = out_.flushed_seq() ? out_.flushed_seq() : start_;
      if (args_.show_cursor && cursor > 0) {
        out_.add_note("-- cursor: " + std::to_string(cursor));
        out_.flush();
      }
    }
    if (!args_.cursor_file.empty() && out_.flushed_seq() > 0) {
      auto st = ops::save_cursor_file(args_.cursor_file, out_.flushed_seq());
      if (!st) {
        int failed = report(make_error("cannot save the cursor to " + args_.cursor_file + ": " +
                                       st.error().message));
        if (code == kExitOk) code = failed;
      }
    }
    return code;
  }

  EventsArgs args_;
  config::Paths paths_;
  events::LogReader scanner_;
  ops::EventFilter filter_;
  std::unique_ptr<ops::LogWatcher> watcher_;
  StdoutWriter out_;
  bool json_ = false;
  bool colour_ = false;
  bool from_position_ = false;
  bool output_open_ = true;
  std::uint64_t lines_ = kDefaultLines;
  std::optional<std::uint64_t> count_;
  std::uint64_t start_ = 0;  // print only events after this seq
  std::uint64_t printed_ = 0;
  std::set<std::string> noted_corrupt_;  // "segment:line" of bad lines said
};

}  // namespace

void register_events(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<EventsArgs>();
  auto* sub = app.add_subcommand(
      "events", "Show the event log: the last events, a filtered range, or a live tail (-f)");
  sub->add_flag("-f,--follow", args->follow,
                "After the last events, keep printing new ones as any process appends them");
  sub->add_option("-n,--lines", args->lines,
                  "How many of the last matching events to show (default 10; with --after, "
                  "--since or --cursor-file: all of them)")
      ->type_name("N");
  sub->add_option("--since", args->filter.since,
                  "Only events at or after this time: RFC 3339, or a duration ago (30s, 5m, 2h, 1d)")
      ->type_name("TIME");
  sub->add_option("--until", args->filter.until,
                  "Only events at or before this time: RFC 3339, or a duration ago")
      ->type_name("TIME");
  sub->add_option("--after", args->filter.after, "Only events with a seq greater than SEQ")
      ->type_name("SEQ");
  sub->add_option("--type", args->filter.types,
                  "Only events whose name matches this shell glob, e.g. 'send.*' (repeatable)")
      ->type_name("GLOB")
      ->expected(1)
      ->allow_extra_args(false)  // `--type a b` is a mistake, not two globs
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sub->add_option("--agent", args->filter.agent,
                  "Only events about this agent (agent_id, to, from, worker_id or owner)")
      ->type_name("ID");
  sub->add_option("--message", args->filter.message, "Only events of this message id")
      ->type_name("ID");
  sub->add_option("-o,--output", args->output,
                  "The output format, as on every verb that has one: short (or text): one line "
                  "per event; json: the stored lines (NDJSON)")
      ->type_name("short|text|json");
  sub->add_flag("--json", args->json, "Same as -o json");
  sub->add_flag("--show-cursor", args->show_cursor,
                "After the events, print '-- cursor: SEQ' (the last seq printed)");
  sub->add_option("--cursor-file", args->cursor_file,
                  "Start after the seq stored in FILE (if it exists) and store the last seq "
                  "printed there, so repeated runs continue where the last one stopped")
      ->type_name("FILE");
  sub->add_option("--count", args->count, "Exit after printing N events (also with -f)")
      ->type_name("N");
  sub->callback([&ctx, args] {
    ctx.run = [&ctx, args] {
      auto paths = workspace(ctx);
      if (!paths) return report(paths.error());
      note_team_gone(*paths, "events");
      return EventsCommand(*args, *paths).run();
    };
  });
}

}  // namespace ta::cli
