// The fixed texts of each mode: blocking screens (trust prompt, login, menu,
// y/n confirm), the start-up banner and API error blocks. Wording follows the
// real CLIs' screens (see fixtures/reference/pane_state) because that is what
// the supervisor's classifiers must recognise.
#include <algorithm>

#include "fake_agent/screen.h"
#include "fake_agent/text.h"

namespace ta::fake {

namespace {

const char* marker(Mode mode) {
  return mode == Mode::codex ? "› " : mode == Mode::claude ? "❯ " : "> ";
}

// "› 1. Yes" for the selected choice, "  2. No" for the others.
std::string choice(Mode mode, int index, int selection, const std::string& label,
                   const std::string& indent = "") {
  return indent + (index == selection ? marker(mode) : "  ") + std::to_string(index + 1) + ". " +
         label;
}

// A paragraph wrapped like the CLI wraps it: at most 80 columns, indented.
void paragraph(std::vector<std::string>& out, const std::string& indent, const std::string& text,
               int width) {
  int w = std::min(width, 80) - static_cast<int>(indent.size());
  for (auto& line : wrap(text, std::max(w, 20))) out.push_back(indent + line);
}

// The trust options, numbered "› 1. Yes" or, unnumbered, "❯ Yes".
void trust_choices(std::vector<std::string>& l, const Options& o, int sel,
                   const std::string& indent, bool numbered) {
  for (std::size_t i = 0; i < o.trust_options.size(); ++i) {
    int index = static_cast<int>(i);
    if (numbered)
      l.push_back(choice(o.mode, index, sel, o.trust_options[i], indent));
    else
      l.push_back(indent + (index == sel ? "❯ " : "  ") + o.trust_options[i]);
  }
}

// The trust options between two blank lines, then the key hint.
void choices_then_hint(std::vector<std::string>& l, const Options& o, int sel,
                       const std::string& indent, bool numbered, const std::string& hint) {
  l.push_back("");
  trust_choices(l, o, sel, indent, numbered);
  l.push_back("");
  l.push_back(hint);
}

// Claude Code's "Accessing workspace" prompt: numbered (2.1.197) or not (2.1.33x).
std::vector<std::string> claude_trust_screen(const Options& o, int sel, int width,
                                             bool numbered) {
  std::vector<std::string> l;
  l.push_back(repeat("─", width));
  l.push_back(" Accessing workspace:");
  l.push_back("");
  l.push_back(" " + o.trust_path);
  l.push_back("");
  paragraph(l, " ",
            "Quick safety check: Is this a project you created or one you trust? (Like your "
            "own code, a well-known open source project, or work from your team). If not, "
            "take a moment to review what's in this folder first.",
            width);
  l.push_back("");
  l.push_back(" Claude Code'll be able to read, edit, and execute files here.");
  l.push_back("");
  l.push_back(" Security guide");
  choices_then_hint(l, o, sel, " ", numbered, " Enter to confirm · Esc to cancel");
  return l;
}

// Codex 0.171's "Folder access" prompt; in a git subdirectory it says that
// trusting applies to the repository root, and names it.
std::vector<std::string> codex_folder_access_screen(const Options& o, int sel, int width) {
  std::vector<std::string> l{"  Folder access", "  " + o.trust_path, ""};
  if (!o.trust_repo_root.empty()) {
    paragraph(l, "  ",
              "Note: You’re in a subdirectory of a Git project. Trusting will apply to the "
              "repository root:",
              width);
    l.push_back("  " + o.trust_repo_root);
    l.push_back("");
  }
  paragraph(l, "  ",
            "Trust this folder? Codex can read, edit, and run files here, subject to your "
            "permission settings. Folder settings can run code automatically, even without a "
            "model request. Continue only if you trust these files. Your trust decision will "
            "be saved.",
            width);
  choices_then_hint(l, o, sel, "", true, "  enter continue · esc back");
  return l;
}

std::vector<std::string> trust_screen(const Options& o, int sel, int width) {
  if (o.trust_style == TrustStyle::claude_unnumbered)
    return claude_trust_screen(o, sel, width, false);
  if (o.trust_style == TrustStyle::codex_folder_access)
    return codex_folder_access_screen(o, sel, width);
  if (o.mode == Mode::claude) return claude_trust_screen(o, sel, width, true);
  std::vector<std::string> l;
  const std::string& path = o.trust_path;
  if (o.mode == Mode::codex) {
    l.push_back("> You are in " + path);
    l.push_back("");
    paragraph(l, "  ",
              "Do you trust the contents of this directory? Working with untrusted contents "
              "comes with higher risk of prompt injection. Trusting the directory allows "
              "project-local config, hooks, and exec policies to load.",
              width);
    choices_then_hint(l, o, sel, "", true, "  Press enter to continue");
  } else {
    l.push_back("Do you trust the contents of this directory?");
    l.push_back("> You are in " + path);
    trust_choices(l, o, sel, "", true);
    l.push_back("Press enter to continue");
  }
  return l;
}

std::vector<std::string> login_screen(const Options& o, int width) {
  std::vector<std::string> l;
  if (o.mode == Mode::codex) {
    l = {"  Welcome to Codex, OpenAI's command-line coding agent",
         "",
         "  Sign in with ChatGPT to use Codex as part of your paid plan",
         "  or connect an API key for usage-based billing",
         "",
         "› 1. Sign in with ChatGPT",
         "     Usage included with Plus, Pro, Team, and Enterprise plans",
         "",
         "  2. Provide your own API key",
         "     Pay for what you use",
         "",
         "  Press enter to log in"};
  } else if (o.mode == Mode::claude) {
    l = {" Welcome to Claude Code", ""};
    paragraph(l, " ",
              "Claude Code can be used with your Claude subscription or billed based on API "
              "usage through your Console account.",
              width);
    for (const char* s :
         {"", " Select login method:", "",
          " ❯ 1. Claude account with subscription · Pro, Max, Team, or Enterprise", "",
          "   2. Anthropic Console account · API usage billing", "", " Press enter to log in"})
      l.push_back(s);
  } else {
    l = {"Not signed in.", "Press enter to log in"};
  }
  return l;
}

// "Use the key in your environment?" as each CLI asks it: Claude Code
// 2.1.33x names it ellipsised (prefix, "...", its last 20 characters), Codex
// pre-fills its key box with all of it, wrapped at the box's border.
std::vector<std::string> api_key_screen(const Options& o, int width) {
  const std::string& key = o.api_key;
  if (o.mode == Mode::claude) {
    std::string tail = key.size() > 20 ? key.substr(key.size() - 20) : key;
    return {repeat("─", width),
            "  Detected a custom API key in your environment",
            "",
            "  ANTHROPIC_API_KEY: sk-ant-..." + tail,
            "",
            "  Do you want to use this API key?",
            "",
            "    Yes",
            "  ❯ No (recommended)",
            "",
            "  Enter to confirm · Esc to cancel"};
  }
  if (o.mode == Mode::codex) {
    std::vector<std::string> l = {"  Welcome to Codex, OpenAI's command-line coding agent",
                                  "",
                                  "> Use your own OpenAI API key for usage-based billing",
                                  "",
                                  "  Paste or type your API key below.",
                                  "",
                                  "  Detected OPENAI_API_KEY environment variable.",
                                  "  Paste a different key if you prefer to use another account.",
                                  "",
                                  "╭API key" + repeat("─", width - 9) + "╮"};
    std::size_t inner = static_cast<std::size_t>(std::max(width - 2, 1));
    for (std::size_t at = 0; at < key.size(); at += inner) {
      std::string row = key.substr(at, inner);
      l.push_back("│" + row + std::string(inner - row.size(), ' ') + "│");
    }
    l.push_back("╰" + repeat("─", width - 2) + "╯");
    l.push_back("  Press enter to save");
    l.push_back("  Press esc to go back");
    return l;
  }
  return {"API key found in the environment: " + key, "Press enter to continue"};
}

std::vector<std::string> menu_screen(const Options& o, int sel) {
  std::string product = o.mode == Mode::codex    ? "Codex"
                        : o.mode == Mode::claude ? "Claude Code"
                                                 : "the fake agent";
  return {"Welcome back to " + product,
          "",
          choice(o.mode, 0, sel, "Resume previous conversation"),
          choice(o.mode, 1, sel, "Start a new conversation"),
          "",
          "Enter to confirm · Esc to cancel"};
}

std::vector<std::string> confirm_screen(const Options& o) {
  std::string indent = o.mode == Mode::codex ? "  " : o.mode == Mode::claude ? " " : "";
  return {indent + o.id + " wants to run: team-agent report", "",
          indent + "Allow this command? (y/n)"};
}

// A box around `rows`, as wide as the widest row (at most 70 columns inside).
std::string box(const std::vector<std::string>& rows, const std::string& title = "") {
  int inner = 0;
  for (const auto& r : rows) inner = std::max(inner, display_width(r) + 2);
  inner = std::min(std::max(inner, display_width(title) + 6), 72);
  std::string top =
      title.empty() ? "╭" + repeat("─", inner) + "╮"
                    : "╭─── " + title + " " + repeat("─", inner - 5 - display_width(title)) + "╮";
  std::string out = top + "\n";
  for (const auto& r : rows) out += "│ " + pad_to_width(r, inner - 2) + " │\n";
  return out + "╰" + repeat("─", inner) + "╯";
}

}  // namespace

int prompt_choices(const Options& o, Phase phase) {
  if (phase == Phase::trust) return static_cast<int>(o.trust_options.size());
  return phase == Phase::menu ? 2 : 0;
}

std::vector<std::string> prompt_lines(const Options& o, Phase phase, int selection, int width) {
  switch (phase) {
    case Phase::splash:
      // Logo art and a status line: no input line, nothing a prompt marker matches.
      return {"", "      ⣀⣤⣤⣤⣀⣀      ", "    ⣠⣶⣿⣿⣿⣿⣿⣿⣦⣤    ", "  ⢀⣾⣿⣿⠿⠋⠉⠉⢉⣭⣿⣿⣷⣄  ",
              "", "  Starting " + std::string(mode_name(o.mode)) + "…"};
    case Phase::trust:
      return trust_screen(o, selection, width);
    case Phase::login:
      return login_screen(o, width);
    case Phase::api_key:
      return api_key_screen(o, width);
    case Phase::menu:
      return menu_screen(o, selection);
    case Phase::confirm:
      return confirm_screen(o);
    case Phase::ready:
      break;
  }
  return {};
}

std::string banner_text(const Options& o) {
  if (o.mode == Mode::codex)
    return box({">_ OpenAI Codex (fake agent " + o.id + ")", "",
                "model:     " + o.model + "   /model to change", "directory: " + o.cwd}) +
           "\n\n  Tip: this is team-agent's fake agent; it answers Team Agent messages.";
  if (o.mode == Mode::claude)
    return box(
        {"", "  Welcome back " + o.id + "!", "  " + o.model + " · fake agent", "  " + o.cwd, ""},
        "Claude Code (fake agent)");
  return "fake agent " + o.id + " (plain) in " + o.cwd;
}

std::string api_error_text(Mode mode, ApiErrorKind kind, const std::string& api_key) {
  if (kind == ApiErrorKind::auth) {
    // OpenAI's 401 quotes the key it refused.
    std::string refused = "401 Incorrect API key provided: " + api_key +
                          ". You can find your API key at "
                          "https://platform.openai.com/account/api-keys.";
    return mode == Mode::codex ? "unexpected status " + refused : "API Error: " + refused;
  }
  if (mode == Mode::codex) {
    const char* what =
        kind == ApiErrorKind::overloaded
            ? "HTTPError: 503 Service Unavailable: the server is overloaded (Overloaded)"
        : kind == ApiErrorKind::rate_limit ? "HTTPError: 429 Too Many Requests"
        : kind == ApiErrorKind::network
            ? "error sending request for url (https://api.openai.com/v1/responses): "
              "HTTPError: connection reset (ECONNRESET)"
            : "HTTPError: request timed out after 60s";
    return std::string("stream error: ") + what + "; retrying 1/5 in 1.2s…";
  }
  switch (kind) {
    case ApiErrorKind::overloaded:
      return "API Error: Overloaded";
    case ApiErrorKind::rate_limit:
      return R"(API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}})";
    case ApiErrorKind::network:
      return "API Error: Connection error. TypeError: fetch failed (ECONNRESET)";
    case ApiErrorKind::timeout:
    case ApiErrorKind::auth:  // answered above
      break;
  }
  // Claude Code prints its own name and the error on separate lines when
  // the error comes from the client, so the pair wraps.
  return "claude:\n  request timed out after 60s";
}

}  // namespace ta::fake
