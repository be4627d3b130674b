#include "fake_agent/resolve.h"

#include "fake_agent/session_layout.h"
#include "sessions/claude_transcript.h"

#include <cctype>
#include <map>
#include <vector>

namespace ta::fake {

namespace {

Error usage(std::string message) { return make_error(std::move(message), kFakeExitUsage); }

std::string or_default(std::string value, const std::string& fallback) {
  return value.empty() ? fallback : value;
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

// The words of the command line as the enums they name (CLI11 has already
// refused any other word).
void resolve_words(const Flags& f, Options& o) {
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
}

// The trust prompt's style, options and first selection.
Status resolve_trust(const Flags& f, Options& o) {
  o.trust_style = f.trust_style == "claude-2.1.33x" ? TrustStyle::claude_unnumbered
                  : f.trust_style == "codex-0.171"  ? TrustStyle::codex_folder_access
                                                    : TrustStyle::classic;
  if (!f.trust_options.empty()) {
    o.trust_options = split_labels(f.trust_options);
  } else if (o.trust_style == TrustStyle::claude_unnumbered) {
    o.trust_options = {"No, exit", "Yes, I trust this folder"};
  } else if (o.trust_style == TrustStyle::codex_folder_access) {
    o.trust_options = {"Trust and continue", "Back to Agent Command Center"};
  } else if (o.mode == Mode::claude) {
    o.trust_options = {"Yes, I trust this folder", "No, exit"};
  } else {
    o.trust_options = {"Yes, continue", "No, quit"};
  }
  if (o.trust_options.size() < 2)
    return usage("--trust-options needs at least two labels separated by '|'");
  if (f.trust_selected > static_cast<int>(o.trust_options.size()))
    return usage("--trust-selected " + std::to_string(f.trust_selected) + " is past the " +
                 std::to_string(o.trust_options.size()) + " trust options");
  o.trust_selected = f.trust_selected > 0 ? f.trust_selected - 1 : 0;
  if (!o.trust_repo_root.empty() || !f.trust_options.empty() || f.trust_selected > 0 ||
      o.trust_style != TrustStyle::classic)
    o.trust_prompt = true;
  if (o.sticky_trust) o.trust_prompt = true;
  return ok_status();
}

// The agent's id and the API key its mode's CLI would find.
Status resolve_identity(const EnvLookup& env, Options& o) {
  if (o.id.empty()) o.id = or_default(env("TEAM_AGENT_ID"), "fake");
  const char* key_var = o.mode == Mode::claude ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY";
  o.api_key = env(key_var);
  if ((o.api_key_screen || o.api_error_kind == ApiErrorKind::auth) && o.api_key.empty())
    return usage(std::string("--api-key-screen and --api-error-kind auth show the key in $") +
                 key_var + ", which is not set");
  if (!valid_id(o.id))
    return usage("invalid --id \"" + o.id + "\": use letters, digits, '_', '-' or '.'");
  return ok_status();
}

// How pastes show and when Enter is a newline, per mode unless given.
void resolve_pastes(Options& o) {
  // Codex shows a placeholder above 1000 characters; Claude Code above 800
  // characters or 3 lines.
  if (o.placeholder_min_chars < 0) o.placeholder_min_chars = o.mode == Mode::codex ? 1000 : 800;
  if (o.placeholder_min_lines < 0) o.placeholder_min_lines = o.mode == Mode::claude ? 3 : 0;
  if (o.paste_enter_guard_ms < 0) o.paste_enter_guard_ms = o.mode == Mode::codex ? 120 : 0;
}

void resolve_transcript(const Flags& f, const EnvLookup& env, Options& o) {
  if (f.no_transcript) {
    o.transcript_path.clear();
  } else if (o.transcript_path.empty()) {
    std::string ws = env("TEAM_AGENT_WORKSPACE");
    if (!ws.empty()) o.transcript_path = ws + "/.team/fake-agents/" + o.id + ".jsonl";
  }
}

// Which session is kept and where: the flags of the imitated CLI only
// (claude: --session-id / --resume ID; codex: `resume ID`), the CLI's own
// directory from the environment.
Status resolve_session(const Flags& f, const EnvLookup& env, Options& o) {
  bool claude_flags = !o.session_id.empty() || !f.resume_id.empty();
  if (claude_flags && o.mode != Mode::claude)
    return usage("--session-id and --resume are claude mode's (codex mode: resume ID)");
  bool resume_words = f.command.size() == 2 && f.command[0] == "resume";
  if (!f.command.empty() && (o.mode != Mode::codex || !resume_words))
    return usage("the only command is codex mode's `resume ID`");
  if (!o.session_id.empty() && !f.resume_id.empty())
    return usage("--session-id and --resume name one session each: give one");
  if (!f.resume_id.empty()) o.session_id = f.resume_id;
  if (!f.command.empty()) o.session_id = f.command[1];
  o.resume = !f.resume_id.empty() || !f.command.empty();
  if (!o.session_id.empty() && !sessions::is_session_id(o.session_id))
    return usage("invalid session id \"" + o.session_id + "\": a uuid is expected");
  if (o.mode == Mode::plain) return ok_status();
  // The CLI's own directory when it is set. The default under $HOME only
  // when a session was asked for: a fake agent in a test or a demo must not
  // leave sessions among a person's real ones unprompted.
  o.session_root = env(o.mode == Mode::claude ? "CLAUDE_CONFIG_DIR" : "CODEX_HOME");
  std::string home = env("HOME");
  if (o.session_root.empty() && !o.session_id.empty() && !home.empty())
    o.session_root = home + (o.mode == Mode::claude ? "/.claude" : "/.codex");
  return ok_status();
}

}  // namespace

Result<Options> resolve(const Flags& flags, const EnvLookup& env, const std::string& cwd) {
  Options o = flags.opts;
  resolve_words(flags, o);
  if (auto st = resolve_identity(env, o); !st) return st.error();
  o.cwd = cwd;
  if (o.trust_path.empty()) o.trust_path = o.cwd;
  if (auto st = resolve_trust(flags, o); !st) return st.error();
  resolve_pastes(o);
  resolve_transcript(flags, env, o);
  if (auto st = resolve_session(flags, env, o); !st) return st.error();
  return o;
}

}  // namespace ta::fake
