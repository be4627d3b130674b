// `team-agent inbox [--follow] [--json]`: what the leader pane could not
// take (ops/leader_inbox), oldest first; --follow then prints each new
// entry as the log gets it (ops/log_watcher, as `events --follow`) until
// Ctrl-C. --json: one object {entries: [...]}, and under --follow one
// object per entry (NDJSON).
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "ops/leader_inbox.h"
#include "ops/log_watcher.h"
#include "util/interrupts.h"

namespace ta::cli {

namespace {

struct InboxOptions {
  bool follow = false;
  bool json = false;
};

// Says once that bad log lines were stepped over.
void note_corrupt(std::size_t corrupt) {
  if (corrupt > 0)
    std::fprintf(stderr,
                 "team-agent: skipped %zu corrupt line(s) of the event log; 'team-agent doctor' "
                 "says how to repair it\n",
                 corrupt);
}

// Prints entries as they come; false once stdout is gone.
bool print_entries(const std::vector<ops::LeaderInboxEntry>& entries, bool ndjson) {
  for (const auto& e : entries)
    std::cout << (ndjson ? ops::leader_inbox_json(e).dump() + "\n" : ops::leader_inbox_text(e));
  std::cout.flush();
  return std::cout.good();
}

int print_once(ops::LeaderInboxReader& reader, const InboxOptions& o) {
  std::size_t corrupt = 0;
  auto entries = reader.read_on(&corrupt);
  note_corrupt(corrupt);
  if (o.json) {
    auto list = events::Json::array();
    for (const auto& e : entries) list.push_back(ops::leader_inbox_json(e));
    std::cout << events::Json{{"entries", list}}.dump() << "\n";
  } else if (entries.empty()) {
    std::cout << "the leader inbox is empty: no message failed to reach the leader's pane\n";
  } else {
    print_entries(entries, false);
  }
  std::cout.flush();
  return corrupt > 0 ? kExitFailed : kExitOk;
}

int follow(const config::Paths& paths, ops::LeaderInboxReader& reader, const InboxOptions& o) {
  interrupts::install();
  // Armed before the first read, so an entry appended during it still wakes us.
  auto watcher = ops::LogWatcher::create(paths, ops::stdout_follower_options());
  if (!watcher) return report(watcher.error());
  for (;;) {
    std::size_t corrupt = 0;
    if (!print_entries(reader.read_on(&corrupt), o.json)) return kExitOk;
    note_corrupt(corrupt);
    switch ((*watcher)->wait()) {
      case ops::LogWatcher::Wake::log_changed: break;
      case ops::LogWatcher::Wake::log_replaced: reader.restart(); break;
      case ops::LogWatcher::Wake::interrupted: return interrupts::exit_code();
      case ops::LogWatcher::Wake::output_closed: return kExitOk;
      case ops::LogWatcher::Wake::failed: return report(make_error((*watcher)->error()));
    }
  }
}

int run_inbox(const Context& ctx, const InboxOptions& o) {
  auto paths = workspace(ctx);
  if (!paths) return report(paths.error());
  ops::LeaderInboxReader reader(*paths);
  return o.follow ? follow(*paths, reader, o) : print_once(reader, o);
}

}  // namespace

void register_inbox(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<InboxOptions>();
  auto* sub = app.add_subcommand(
      "inbox",
      "Show what the leader pane could not take (kept in .team/leader-inbox.log): each message "
      "with its sender, task and why it was not typed in, oldest first");
  sub->add_flag("-f,--follow", o->follow, "Then keep printing new entries until Ctrl-C");
  sub->add_flag("--json", o->json,
                "Print one JSON object {entries: [...]} (with --follow: one object per entry)");
  sub->callback([&ctx, o] { ctx.run = [&ctx, o] { return run_inbox(ctx, *o); }; });
}

}  // namespace ta::cli
