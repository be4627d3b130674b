// `team-agent peek AGENT [-n N] [--follow] [--json]`: an agent's pane text
// without attaching (ops/peek), redacted. --follow prints what the pane adds
// until Ctrl-C; --json prints one object {agent, pane_id, lines}, and under
// --follow one such object per change.
#include <cstdio>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "ops/peek.h"
#include "util/interrupts.h"

namespace ta::cli {

namespace {

struct PeekOptions {
  ops::PeekRequest request;
  bool follow = false;
  bool json = false;
};

// Prints lines of the pane; false once stdout is gone (a closed pipe).
bool print(const PeekOptions& o, const std::string& pane_id, const std::vector<std::string>& lines) {
  if (o.json) {
    std::cout << nlohmann::json{{"agent", o.request.agent}, {"pane_id", pane_id}, {"lines", lines}}
                     .dump()
              << "\n";
  } else {
    for (const auto& l : lines) std::cout << l << "\n";
  }
  std::cout.flush();
  return std::cout.good();
}

int follow(const config::Paths& paths, const PeekOptions& o, const ops::PaneView& first) {
  auto follower = ops::PaneFollower::open(paths, first, o.request.lines);
  if (!follower) return report(follower.error());
  if (!print(o, first.pane_id, (*follower)->first_lines(o.request.lines))) return kExitOk;
  auto stop = [] { return interrupts::last_signal() != 0; };
  while (!stop()) {
    auto lines = (*follower)->next(stop);
    if (!lines) return report(lines.error());
    if (!lines->empty() && !print(o, first.pane_id, *lines)) return kExitOk;
  }
  return interrupts::exit_code();
}

int run_peek(const Context& ctx, const PeekOptions& o) {
  auto paths = workspace(ctx);
  if (!paths) return report(paths.error());
  if (o.follow) interrupts::install();
  auto view = ops::peek_pane(*paths, o.request);
  if (!view) return report(view.error());
  if (o.follow) return follow(*paths, o, *view);
  return print(o, view->pane_id, view->lines), kExitOk;
}

}  // namespace

void register_peek(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<PeekOptions>();
  auto* sub = app.add_subcommand(
      "peek",
      "Print an agent's pane text without attaching (secrets redacted). Exit 2 for an agent the "
      "team does not have, 1 when the team's tmux server or the agent's pane is not running.");
  sub->add_option("agent", o->request.agent, "The agent whose pane to show")->required();
  sub->add_option("-n,--lines", o->request.lines, "How many of the last lines (default 40)")
      ->type_name("N")
      ->check(CLI::Range(1, 100000));
  sub->add_flag("-f,--follow", o->follow,
                "Then keep printing the lines the pane adds (or redraws) until Ctrl-C");
  sub->add_flag("--json", o->json,
                "Print one JSON object {agent, pane_id, lines} (with --follow: one per change)");
  sub->callback([&ctx, o] { ctx.run = [&ctx, o] { return run_peek(ctx, *o); }; });
}

}  // namespace ta::cli
