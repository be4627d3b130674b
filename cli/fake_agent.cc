// `team-agent fake-agent` (hidden): a small interactive program that looks
// enough like Codex, Claude Code or a plain prompt to exercise delivery for
// real in tmux, and that `init --demo` teams run (SPEC §7).
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>

#include "cli/command.h"
#include "fake_agent/daemon.h"
#include "fake_agent/loop.h"
#include "fake_agent/options.h"
#include "fake_agent/transcript.h"

namespace ta::cli {

namespace {

struct FakeAgentFlags {
  fake::Options opts;
  std::string mode = "codex";
  std::string claude_style = "box";
  std::string reply = "report";
  std::string api_error_kind;
  std::string trust_style = "classic";
  std::string trust_options;  // labels separated by '|'
  int trust_selected = 0;     // 1-based; 0: the style's
  bool no_transcript = false;
};

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.')
      return false;
  return id != "." && id != "..";
}

std::vector<std::string> split_labels(const std::string& list) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (;;) {
    auto bar = list.find('|', from);
    out.push_back(list.substr(from, bar == std::string::npos ? std::string::npos : bar - from));
    if (bar == std::string::npos) return out;
    from = bar + 1;
  }
}

// The trust prompt's style, options and first selection.
Status resolve_trust(const FakeAgentFlags& f, fake::Options& o) {
  using fake::TrustStyle;
  o.trust_style = f.trust_style == "claude-2.1.33x" ? TrustStyle::claude_unnumbered
                  : f.trust_style == "codex-0.171"  ? TrustStyle::codex_folder_access
                                                    : TrustStyle::classic;
  if (!f.trust_options.empty()) {
    o.trust_options = split_labels(f.trust_options);
  } else if (o.trust_style == TrustStyle::claude_unnumbered) {
    o.trust_options = {"No, exit", "Yes, I trust this folder"};
  } else if (o.trust_style == TrustStyle::codex_folder_access) {
    o.trust_options = {"Trust and continue", "Back to Agent Command Center"};
  } else if (o.mode == fake::Mode::claude) {
    o.trust_options = {"Yes, I trust this folder", "No, exit"};
  } else {
    o.trust_options = {"Yes, continue", "No, quit"};
  }
  if (o.trust_options.size() < 2)
    return make_error("--trust-options needs at least two labels separated by '|'", kExitUsage);
  if (f.trust_selected > static_cast<int>(o.trust_options.size()))
    return make_error("--trust-selected " + std::to_string(f.trust_selected) + " is past the " +
                          std::to_string(o.trust_options.size()) + " trust options",
                      kExitUsage);
  o.trust_selected = f.trust_selected > 0 ? f.trust_selected - 1 : 0;
  if (!o.trust_repo_root.empty() || !f.trust_options.empty() || f.trust_selected > 0 ||
      o.trust_style != TrustStyle::classic)
    o.trust_prompt = true;
  return ok_status();
}

// Fills in what depends on the mode and the environment.
Result<fake::Options> resolve(const FakeAgentFlags& f) {
  using namespace ta::fake;
  Options o = f.opts;
  static const std::map<std::string, Mode> modes{
      {"codex", Mode::codex}, {"claude", Mode::claude}, {"plain", Mode::plain}};
  static const std::map<std::string, ReplyKind> replies{
      {"none", ReplyKind::none}, {"report", ReplyKind::report}, {"send", ReplyKind::send}};
  static const std::map<std::string, ApiErrorKind> errors{{"overloaded", ApiErrorKind::overloaded},
                                                          {"rate_limit", ApiErrorKind::rate_limit},
                                                          {"network", ApiErrorKind::network},
                                                          {"timeout", ApiErrorKind::timeout},
                                                          {"auth", ApiErrorKind::auth}};
  o.mode = modes.at(f.mode);
  o.reply = replies.at(f.reply);
  o.claude_style = f.claude_style == "rule" ? ClaudeStyle::rule : ClaudeStyle::box;
  o.api_error_kind = !f.api_error_kind.empty() ? errors.at(f.api_error_kind)
                     : o.mode == Mode::codex   ? ApiErrorKind::rate_limit
                                               : ApiErrorKind::overloaded;
  if (o.id.empty()) o.id = env_or("TEAM_AGENT_ID", "fake");
  const char* key_var = o.mode == Mode::claude ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY";
  o.api_key = env_or(key_var, "");
  if ((o.api_key_screen || o.api_error_kind == ApiErrorKind::auth) && o.api_key.empty())
    return make_error(std::string("--api-key-screen and --api-error-kind auth show the key in $") +
                          key_var + ", which is not set",
                      kExitUsage);
  if (!valid_id(o.id))
    return make_error("invalid --id \"" + o.id + "\": use letters, digits, '_', '-' or '.'",
                      kExitUsage);
  char buf[4096];
  o.cwd = ::getcwd(buf, sizeof buf) ? buf : ".";
  if (o.trust_path.empty()) o.trust_path = o.cwd;
  if (auto st = resolve_trust(f, o); !st) return st.error();
  if (o.sticky_trust) o.trust_prompt = true;
  // Codex shows a placeholder above 1000 characters; Claude Code above 800
  // characters or 3 lines.
  if (o.placeholder_min_chars < 0) o.placeholder_min_chars = o.mode == Mode::codex ? 1000 : 800;
  if (o.placeholder_min_lines < 0) o.placeholder_min_lines = o.mode == Mode::claude ? 3 : 0;
  if (o.paste_enter_guard_ms < 0) o.paste_enter_guard_ms = o.mode == Mode::codex ? 120 : 0;
  if (f.no_transcript) {
    o.transcript_path.clear();
  } else if (o.transcript_path.empty()) {
    std::string ws = env_or("TEAM_AGENT_WORKSPACE", "");
    if (!ws.empty()) o.transcript_path = ws + "/.team/fake-agents/" + o.id + ".jsonl";
  }
  return o;
}

int run_fake_agent(const FakeAgentFlags& flags) {
  auto opts = resolve(flags);
  if (!opts) return report(opts.error());
  fake::Transcript transcript;
  if (!opts->transcript_path.empty()) {
    auto t = fake::Transcript::open(opts->transcript_path);
    if (!t) return report(t.error());
    transcript = std::move(*t);
  }
  transcript.write("started", {{"id", opts->id},
                               {"pid", ::getpid()},
                               {"mode", fake::mode_name(opts->mode)},
                               {"cwd", opts->cwd}});
  if (opts->spawn_detached) fake::spawn_detached(opts->detached_listen);
  return fake::run_event_loop(*opts, transcript);
}

}  // namespace

void register_fake_agent(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<FakeAgentFlags>();
  auto* sub = app.add_subcommand(
      "fake-agent",
      "A stand-in for Codex / Claude Code in a tmux pane, for tests and demos: a prompt that "
      "takes bracketed pastes, works for a while on each message and answers rendered "
      "team-agent messages with `team-agent report`.");
  sub->group("");  // hidden from `team-agent --help`
  auto& o = f->opts;
  sub->add_option("--id", o.id, "Agent id (default: $TEAM_AGENT_ID, or \"fake\")");
  sub->add_option("--mode", f->mode, "Which CLI to look like (default codex)")
      ->check(CLI::IsMember({"codex", "claude", "plain"}));
  sub->add_option("--claude-style", f->claude_style,
                  "Claude prompt drawn in a box (1.x, default) or between rules (2.x)")
      ->check(CLI::IsMember({"box", "rule"}));
  sub->add_option("--model", o.model, "Model name shown in the banner and footer");
  sub->add_option("--startup-notice", o.startup_notice,
                  "A notice line under the banner from the start (not an error of a request)");
  sub->add_option("--splash-ms", o.splash_ms,
                  "Show a startup screen for this long first; keys typed meanwhile are lost")
      ->check(CLI::NonNegativeNumber);
  sub->add_flag("--trust-prompt", o.trust_prompt,
                "Start with the mode's workspace trust prompt; Enter (not a digit) dismisses it");
  sub->add_flag("--sticky-trust", o.sticky_trust, "A trust prompt that Enter never dismisses");
  sub->add_option("--trust-style", f->trust_style,
                  "classic (the mode's numbered prompt, Yes selected), claude-2.1.33x "
                  "(unnumbered, the selection starting on \"No, exit\") or codex-0.171 "
                  "(\"Folder access\"); Up/Down move the selection, Enter confirms it, and a "
                  "declining choice exits")
      ->check(CLI::IsMember({"classic", "claude-2.1.33x", "codex-0.171"}));
  sub->add_option("--trust-options", f->trust_options,
                  "The trust prompt's options, top to bottom, separated by '|'");
  sub->add_option("--trust-selected", f->trust_selected,
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
  sub->add_flag("--login", o.login, "Show a sign-in screen that never goes away");
  sub->add_flag("--api-key-screen", o.api_key_screen,
                "Show the mode's screen that asks whether to use the API key found in the "
                "environment ($ANTHROPIC_API_KEY in claude mode, else $OPENAI_API_KEY); it never "
                "goes away");
  sub->add_flag("--menu", o.menu, "Show a numbered menu (1/2 or Enter chooses)");
  sub->add_flag("--confirm", o.confirm, "Show a (y/n) prompt (y or n answers)");
  sub->add_option("--work-ms", o.work_ms, "How long each message is worked on (default 300)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--api-error-after", o.api_error_after,
                  "From the N-th submitted message on, turns end in an API error instead")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--api-error-kind", f->api_error_kind,
                  "overloaded, rate_limit, network, timeout or auth (401 quoting the key; "
                  "default: claude/plain overloaded 529, codex 429 rate limit)")
      ->check(CLI::IsMember({"overloaded", "rate_limit", "network", "timeout", "auth"}));
  sub->add_option("--die-after", o.die_after, "Exit with --exit-code on the N-th submitted message")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--die-on", o.die_on,
                  "Exit with --exit-code when a submitted text contains TEXT");
  sub->add_option("--exit-code", o.exit_code, "Exit code when dying on purpose (default 3)")
      ->check(CLI::Range(0, 255));
  sub->add_option("--reply", f->reply,
                  "Answer to rendered team-agent messages: report (default), send (to the "
                  "leader) or none")
      ->check(CLI::IsMember({"none", "report", "send"}));
  sub->add_option("--transcript", o.transcript_path,
                  "JSON-lines record of what was submitted (default: "
                  "$TEAM_AGENT_WORKSPACE/.team/fake-agents/<id>.jsonl)");
  sub->add_flag("--no-transcript", f->no_transcript, "Record nothing");
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
  sub->add_flag("--spawn-detached", o.spawn_detached,
                "At start, leave a daemon behind as Codex does: its own session, re-parented to "
                "init, the pane's environment kept, SIGTERM ignored, living until killed");
  sub->add_option("--detached-listen", o.detached_listen,
                  "With --spawn-detached: the daemon serves this Unix socket path");
  sub->callback([&ctx, f] { ctx.run = [f] { return run_fake_agent(*f); }; });
}

}  // namespace ta::cli
