// `team-agent fake-agent` (hidden): a small interactive program that looks
// enough like Codex, Claude Code or a plain prompt to exercise delivery for
// real in tmux, and that `init --demo` teams run (SPEC §7). Only the options
// are declared here; what they resolve to, and the agent, are fake_agent/'s.
#include <memory>

#include "cli/command.h"
#include "fake_agent/run.h"

namespace ta::cli {

namespace {

using fake::Flags;

// What it looks like: the imitated CLI, its banner and its startup.
void add_look_options(CLI::App* sub, Flags& f) {
  auto& o = f.opts;
  sub->add_option("--id", o.id, "Agent id (default: $TEAM_AGENT_ID, or \"fake\")");
  sub->add_option("--mode", f.mode, "Which CLI to look like (default codex)")
      ->check(CLI::IsMember({"codex", "claude", "plain"}));
  sub->add_option("--claude-style", f.claude_style,
                  "Claude prompt drawn in a box (1.x, default) or between rules (2.x)")
      ->check(CLI::IsMember({"box", "rule"}));
  sub->add_option("--model", o.model, "Model name shown in the banner and footer");
  sub->add_option("--startup-notice", o.startup_notice,
                  "A notice line under the banner from the start (not an error of a request)");
  sub->add_option("--splash-ms", o.splash_ms,
                  "Show a startup screen for this long first; keys typed meanwhile are lost")
      ->check(CLI::NonNegativeNumber);
}

// The workspace trust prompt: whether it shows, how it looks, how it answers keys.
void add_trust_options(CLI::App* sub, Flags& f) {
  auto& o = f.opts;
  sub->add_flag("--trust-prompt", o.trust_prompt,
                "Start with the mode's workspace trust prompt; Enter (not a digit) dismisses it");
  sub->add_flag("--sticky-trust", o.sticky_trust, "A trust prompt that Enter never dismisses");
  sub->add_option("--trust-style", f.trust_style,
                  "classic (the mode's numbered prompt, Yes selected), claude-2.1.33x "
                  "(unnumbered, the selection starting on \"No, exit\") or codex-0.171 "
                  "(\"Folder access\"); Up/Down move the selection, Enter confirms it, and a "
                  "declining choice exits")
      ->check(CLI::IsMember({"classic", "claude-2.1.33x", "codex-0.171"}));
  sub->add_option("--trust-options", f.trust_options,
                  "The trust prompt's options, top to bottom, separated by '|'");
  sub->add_option("--trust-selected", f.trust_selected,
                  "Which trust option (1-based) is selected at first")
      ->check(CLI::PositiveNumber);
  sub->add_flag("--trust-arrows-ignored", o.trust_arrows_ignored,
                "Up/Down do not move the trust prompt's selection (recorded as ignored input)");
  sub->add_option("--trust-redraw-ms", o.trust_redraw_ms,
                  "Draw the trust prompt again this long after first showing it, the selection "
                  "back on the declining option; Enter before then is ignored and the arrows' "
                  "moves are lost (Claude Code 2.1.332 redraws its dialog ~150 ms after drawing it)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--trust-repo-root", o.trust_repo_root,
                  "With codex-0.171: the note that the workspace is a subdirectory of a git "
                  "project and trusting applies to this repository root");
  sub->add_option("--trust-path", o.trust_path, "Directory the trust prompt names (default: cwd)");
}

// Other screens that stand before the prompt.
void add_blocking_screen_options(CLI::App* sub, Flags& f) {
  auto& o = f.opts;
  sub->add_flag("--login", o.login, "Show a sign-in screen that never goes away");
  sub->add_flag("--api-key-screen", o.api_key_screen,
                "Show the mode's screen that asks whether to use the API key found in the "
                "environment ($ANTHROPIC_API_KEY in claude mode, else $OPENAI_API_KEY); it never "
                "goes away");
  sub->add_flag("--menu", o.menu, "Show a numbered menu (1/2 or Enter chooses)");
  sub->add_flag("--confirm", o.confirm, "Show a (y/n) prompt (y or n answers)");
}

// How each message is worked on, and the failures to imitate.
void add_failure_options(CLI::App* sub, Flags& f) {
  auto& o = f.opts;
  sub->add_option("--work-ms", o.work_ms, "How long each message is worked on (default 300)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--output-rate", o.output_rate,
                  "While working, print this many bytes of tool output per second, a line "
                  "every 100 ms (default 0: none)")
      ->check(CLI::Range(0, 10 * 1024 * 1024));
  sub->add_option("--api-error-after", o.api_error_after,
                  "From the N-th submitted message on, turns end in an API error instead")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--api-error-kind", f.api_error_kind,
                  "overloaded, rate_limit, network, timeout or auth (401 quoting the key; "
                  "default: claude/plain overloaded 529, codex 429 rate limit)")
      ->check(CLI::IsMember({"overloaded", "rate_limit", "network", "timeout", "auth"}));
  sub->add_option("--die-after", o.die_after, "Exit with --exit-code on the N-th submitted message")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--die-on", o.die_on,
                  "Exit with --exit-code when a submitted text contains TEXT");
  sub->add_option("--exit-code", o.exit_code, "Exit code when dying on purpose (default 3)")
      ->check(CLI::Range(0, 255));
}

// Turn states a submitted text sets off, written to the session file as the CLI writes them.
void add_turn_state_options(CLI::App* sub, Flags& f) {
  auto& o = f.opts;
  sub->add_option("--hang-on", o.hang_on,
                  "A submitted text containing TEXT starts its turn and freezes the agent: "
                  "nothing is redrawn and the turn never ends until Esc or Ctrl-C interrupts it");
  sub->add_option("--fault-on", o.fault_on,
                  "A submitted text containing TEXT ends its turn in an API error "
                  "(--api-error-kind's)");
  sub->add_option("--approval-on", o.approval_on,
                  "A submitted text containing TEXT stops its turn on the mode's tool approval "
                  "prompt: the last option (or Esc) declines and interrupts the turn, the others "
                  "allow and the turn ends normally");
  sub->add_option("--approval-tool", o.approval_tool,
                  "With --approval-on: the prompt asks whether to run a tool of this MCP server "
                  "(e.g. team_agent) instead of a shell command");
}

// What it answers and what it records.
void add_reply_options(CLI::App* sub, Flags& f) {
  auto& o = f.opts;
  sub->add_option("--reply", f.reply,
                  "Answer to rendered team-agent messages: report (default), send (to the "
                  "leader) or none")
      ->check(CLI::IsMember({"none", "report", "send"}));
  sub->add_option("--mcp-config", o.mcp_config,
                  "MCP configuration file ({\"mcpServers\": {\"team_agent\": …}}, as Claude's "
                  "--mcp-config): answers are calls of its team_agent tools (run passes one); "
                  "without it they are team-agent commands");
  sub->add_option("--transcript", o.transcript_path,
                  "JSON-lines record of what was submitted (default: "
                  "$TEAM_AGENT_WORKSPACE/.team/fake-agents/<id>.jsonl)");
  sub->add_flag("--no-transcript", f.no_transcript, "Record nothing");
}

// How pastes show and when Enter is a newline.
void add_paste_options(CLI::App* sub, Flags& f) {
  auto& o = f.opts;
  sub->add_option("--placeholder-min", o.placeholder_min_chars,
                  "Pastes longer than this many characters show as a placeholder (default: "
                  "codex 1000, others 800)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--placeholder-lines", o.placeholder_min_lines,
                  "…or with more lines than this (0: never; default claude 3, others 0)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--paste-enter-guard-ms", o.paste_enter_guard_ms,
                  "Enter this soon after a paste or fast typing inserts a newline (default: "
                  "codex 120, others 0)")
      ->check(CLI::NonNegativeNumber);
}

// The daemon Codex leaves behind.
void add_daemon_options(CLI::App* sub, Flags& f) {
  auto& o = f.opts;
  sub->add_flag("--spawn-detached", o.spawn_detached,
                "At start, leave a daemon behind as Codex does: its own session, re-parented to "
                "init, the pane's environment kept, SIGTERM ignored, living until killed");
  sub->add_option("--detached-listen", o.detached_listen,
                  "With --spawn-detached: the daemon serves this Unix socket path");
}

// The session kept in the imitated CLI's layout, and how it is resumed.
void add_session_options(CLI::App* sub, Flags& f) {
  sub->add_option("--session-id", f.opts.session_id,
                  "claude mode: the new session's id (default: a random uuid); its transcript "
                  "goes under $CLAUDE_CONFIG_DIR (or ~/.claude)/projects/");
  sub->add_option("--resume", f.resume_id,
                  "claude mode: resume this session (its transcript must exist)");
  sub->add_option("command", f.command,
                  "codex mode: `resume ID` resumes that rollout (under $CODEX_HOME or ~/.codex)")
      ->expected(0, 2);
}

}  // namespace

void register_fake_agent(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<Flags>();
  auto* sub = app.add_subcommand(
      "fake-agent",
      "A stand-in for Codex / Claude Code in a tmux pane, for tests and demos: a prompt that "
      "takes bracketed pastes, works for a while on each message and answers rendered "
      "team-agent messages with `team-agent report`.");
  sub->group("");  // hidden from `team-agent --help`
  add_look_options(sub, *f);
  add_trust_options(sub, *f);
  add_blocking_screen_options(sub, *f);
  add_failure_options(sub, *f);
  add_turn_state_options(sub, *f);
  add_reply_options(sub, *f);
  add_paste_options(sub, *f);
  add_daemon_options(sub, *f);
  add_session_options(sub, *f);
  sub->callback([&ctx, f] { ctx.run = [f] { return fake::run_fake_agent(*f); }; });
}

}  // namespace ta::cli
