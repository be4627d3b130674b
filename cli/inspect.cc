// `team-agent inspect FILE [--provider P] [--workspace DIR] [--pane-width N]
// [--json]`: every screen verdict for a saved capture (SPEC §4). A diagnosis
// tool ("why did it not deliver?") and the way fixtures are checked from the
// outside. The verdicts come from ops/inspect_screen; this file reads the
// capture and the flags, and prints the report with secrets redacted.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "cli/command.h"
#include "config/provider_profile.h"
#include "ops/inspect_screen.h"
#include "util/fs.h"
#include "util/read_bounded.h"
#include "util/redact.h"

namespace ta::cli {

namespace {

struct InspectOptions {
  std::string file;
  std::string provider;
  int pane_width = 0;  // 0: unknown
  bool json = false;
  bool pane_in_mode = false;
  std::string current_command;
  double last_output_age = -1;  // negative: unknown
};

Result<std::string> read_capture(const std::string& file) {
  // A pane capture is a screen or a scrollback: a few hundred KiB at most.
  const ReadLimit limit{16u << 20, "the capture",
                        "give a capture of one pane (tmux capture-pane), not a whole log"};
  if (file == "-") return read_fd_bounded(STDIN_FILENO, "on stdin", limit);
  return read_file_bounded(file, limit);  // refusals say what to do, exit 2
}

// The workspace the prompt's paths are compared with: --workspace as given,
// made absolute. It need not exist here (a capture from another machine
// names that machine's paths).
std::string trust_workspace(const Context& ctx) {
  std::string ws = ctx.workspace_flag;
  if (ws.empty() || ws[0] == '/') return ws;
  char buf[4096];
  if (!::getcwd(buf, sizeof buf)) return ws;
  return std::string(buf) + "/" + ws;
}

// Where a workspace override of the profile would live.
std::string override_workspace(const Context& ctx) {
  if (!ctx.workspace_flag.empty()) return trust_workspace(ctx);
  auto paths = config::resolve_workspace("");
  return paths ? paths->workspace : std::string();
}

int run_inspect(const Context& ctx, const InspectOptions& opts) {
  auto capture = read_capture(opts.file);
  if (!capture) return report(capture.error());

  ops::InspectRequest request;
  request.capture = std::move(*capture);
  request.provider = opts.provider;
  if (!opts.provider.empty()) request.profile_workspace = override_workspace(ctx);
  request.trust.workspace = trust_workspace(ctx);
  if (const char* home = std::getenv("HOME")) request.trust.home = home;
  if (opts.pane_width > 0) request.trust.pane_width = opts.pane_width;
  request.activity.pane_in_mode = opts.pane_in_mode;
  if (!opts.current_command.empty()) request.activity.current_command = opts.current_command;
  if (opts.last_output_age >= 0) request.activity.last_output_age_s = opts.last_output_age;

  auto r = ops::inspect_screen(request);
  if (!r) return report(r.error());
  // What inspect prints is often pasted into an issue: no secret the
  // capture showed goes with it.
  if (opts.json) {
    auto j = terminal::report_json(*r);
    redact_json_strings(j);
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << redact_secrets(terminal::report_text(*r));
  }
  return std::cout.good() ? kExitOk : kExitFailed;
}

}  // namespace

void register_inspect(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<InspectOptions>();
  auto* sub = app.add_subcommand(
      "inspect",
      "Classify a saved pane capture: blocking prompt, activity, pasted placeholder, API error "
      "and trust-prompt paths (with --workspace, whether they name it)");
  sub->add_option("file", opts->file,
                  "The capture (text from `tmux capture-pane -p`), or - for stdin")
      ->required();
  sub->add_option(
      "--provider", opts->provider, "Profile to read it with: " + [] {
        std::string names;
        for (const auto& n : config::builtin_provider_names())
          names += (names.empty() ? "" : ", ") + n;
        return names;
      }() + " (default: the patterns of every real CLI)");
  sub->add_option("--pane-width", opts->pane_width,
                  "The pane's width in columns, so a path cut at the right edge can match")
      ->check(CLI::Range(1, 100000));
  sub->add_flag("--json", opts->json, "Print one JSON object");
  sub->add_flag("--pane-in-mode", opts->pane_in_mode, "The pane was in a tmux copy/view mode");
  sub->add_option("--current-command", opts->current_command,
                  "The pane's current command (tmux pane_current_command)");
  sub->add_option("--last-output-age", opts->last_output_age, "Seconds since the pane last changed")
      ->check(CLI::NonNegativeNumber);
  // --workspace after the subcommand belongs to the top-level option.
  sub->fallthrough();
  sub->callback([&ctx, opts] { ctx.run = [&ctx, opts] { return run_inspect(ctx, *opts); }; });
}

}  // namespace ta::cli
