#include "terminal/trust_paths.h"

#include <climits>
#include <cstdlib>

#include "util/regex.h"
#include "util/strings.h"
#include "terminal/text.h"

namespace ta::terminal {

namespace {

bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::string drop_trailing_slashes(std::string s) {
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// Characters after a path that belong to the sentence, not the path.
bool is_trailing_punctuation(char c) {
  return c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || c == '"' ||
         c == ')' || c == ']' || c == '}';
}

// Borders and bars a CLI draws around a path: not part of it.
std::string without_borders(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    bool border = false;
    for (std::string_view b : {"│", "▌", "▎"})
      if (s.substr(i, b.size()) == b) {
        i += b.size();
        border = true;
        break;
      }
    if (!border) out.push_back(s[i++]);
  }
  return std::string(trim_blanks(out));
}

bool only_punctuation(std::string_view s) {
  for (char c : s)
    if (!is_trailing_punctuation(c) && c != '.') return false;
  return true;
}

// The next line, when it is the rest of a wrapped path: one bare word.
std::optional<std::string> continuation(const std::vector<std::string>& lines, std::size_t next) {
  static const Regex word =
      *Regex::compile("^[^\\s│▌▎\"'`<>()\\[\\]{}/][^\\s│▌▎\"'`<>()\\[\\]{}]*$");
  if (next >= lines.size()) return std::nullopt;
  std::string w = without_borders(lines[next]);
  if (w.empty() || !word.search(w)) return std::nullopt;
  return w;
}

bool fills_line(const std::string& line, std::optional<int> pane_width) {
  // A CLI wraps one (Claude Code) or two (Codex) columns short of the edge.
  return pane_width && static_cast<long>(display_width(trim_right_blanks(line))) >= *pane_width - 2;
}

}  // namespace

std::vector<PathToken> extract_path_tokens(const std::vector<std::string>& lines,
                                           const config::PatternList& intro,
                                           std::optional<int> pane_width) {
  // A path starts a word ("~/…" or "/…") and runs to a blank, a quote, a
  // bracket or a box border. "//" is the middle of a URL, not a path.
  static const Regex token_re =
      *Regex::compile("(?:^|(?<=[\\s(\\[{\"'=,▌▎│]))(~?/(?!/)[^\\s│▌▎\"'`<>()\\[\\]{}]*)");
  std::vector<PathToken> out;
  for (std::size_t li = 0; li < lines.size(); ++li) {
    const std::string& line = lines[li];
    std::string_view visible = trim_right_blanks(line);
    std::size_t pos = 0;
    while (auto m = token_re.find(visible, pos)) {
      pos = m->end > m->begin ? m->end : m->end + 1;
      std::string before = without_borders(visible.substr(0, m->begin));
      std::string after = without_borders(visible.substr(m->end));
      if ((!before.empty() && !intro.matches(before)) || !only_punctuation(after)) {
        if (pos > visible.size()) break;
        continue;
      }
      std::string t(m->text);
      std::size_t raw = t.size();
      while (!t.empty() && is_trailing_punctuation(t.back())) t.pop_back();
      // One final "." ends a sentence; "..." is the CLI's ellipsis.
      if (t.size() >= 2 && t.back() == '.' && t[t.size() - 2] != '.') t.pop_back();
      // Punctuation after it means the path ended there, not at the edge.
      bool ends_line = m->end == visible.size() && t.size() == raw;
      PathToken tok{t, line, ends_line, ""};
      for (std::size_t next = li + 1; tok.ends_line && fills_line(lines[next - 1], pane_width);
           ++next) {
        auto more = continuation(lines, next);
        if (!more) break;
        if (tok.fragment.empty()) tok.fragment = tok.token;
        tok.token += *more;
        li = next;
      }
      tok.token = drop_trailing_slashes(tok.token);
      tok.fragment = drop_trailing_slashes(tok.fragment);
      if (tok.token.size() >= 2) out.push_back(std::move(tok));
      if (pos > visible.size()) break;
    }
  }
  return out;
}

std::string canonicalise_path(std::string_view path, std::string_view home) {
  std::string p(path);
  if (p == "~" || starts_with(p, "~/")) p = std::string(home) + p.substr(1);
  if (p.empty() || p[0] != '/') return drop_trailing_slashes(p);
  std::vector<std::string> parts;
  for (std::size_t i = 0; i <= p.size();) {
    std::size_t slash = p.find('/', i);
    if (slash == std::string::npos) slash = p.size();
    std::string part = p.substr(i, slash - i);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    i = slash + 1;
  }
  // Resolve symlinks in the longest prefix that exists; the rest of a path
  // that does not exist (yet, or because the CLI cut it) is kept as written.
  for (std::size_t k = parts.size() + 1; k-- > 0;) {
    std::string prefix;
    for (std::size_t i = 0; i < k; ++i) prefix += "/" + parts[i];
    if (prefix.empty()) prefix = "/";
    char buf[PATH_MAX];
    if (!::realpath(prefix.c_str(), buf)) continue;
    std::string out = buf;
    for (std::size_t i = k; i < parts.size(); ++i) out += (out == "/" ? "" : "/") + parts[i];
    return drop_trailing_slashes(out);
  }
  return drop_trailing_slashes(p);
}

PathMatch match_workspace_token(const PathToken& token,
                                const std::vector<std::string>& workspace_forms,
                                std::optional<int> pane_width, const Canonicaliser& canonicalise) {
  const std::string& t = token.token;
  for (std::string_view ellipsis : {std::string_view("…"), std::string_view("...")}) {
    auto at = t.find(ellipsis);
    if (at == std::string::npos) continue;
    std::string head = t.substr(0, at);
    std::string tail = drop_trailing_slashes(t.substr(at + ellipsis.size()));
    if (head.empty() || tail.empty() || tail == "/")
      return {false, "the path is cut at one end (" + t + "), so it cannot be checked"};
    // "/home/u/…" cuts at a directory boundary; "/home/u…" inside a name.
    std::string head_c = drop_trailing_slashes(canonicalise(head));
    if (head.back() == '/' && head_c != "/") head_c += "/";
    for (const auto& ws : workspace_forms) {
      if (starts_with(ws, head_c) && ends_with(ws, tail) &&
          head_c.size() + tail.size() <= ws.size())
        return {true, "mid-ellipsis: " + t + " brackets " + ws};
    }
    return {false, "the head and tail of " + t + " do not bracket the workspace"};
  }
  std::string c = canonicalise(t);
  for (const auto& ws : workspace_forms)
    if (c == ws) return {true, "exact: " + t + " is the workspace"};
  if (!token.fragment.empty()) {
    // The wrapped join did not match; the first line alone may be a path cut
    // at the right edge.
    PathToken first{token.fragment, token.line, true, ""};
    auto m = match_workspace_token(first, workspace_forms, pane_width, canonicalise);
    if (m.matches) return m;
    return {false, t + " is another path"};
  }
  if (!pane_width)
    return {false,
            t + " is another path (the pane width is unknown, so a cut path is not trusted)"};
  bool at_edge = token.ends_line && static_cast<long>(display_width(token.line)) >= *pane_width - 1;
  if (!at_edge) return {false, t + " is another path"};
  for (const auto& ws : workspace_forms)
    if (starts_with(ws, c)) return {true, "right-edge truncation: " + t + " is a prefix of " + ws};
  return {false, t + " reaches the right edge but is not a prefix of the workspace"};
}

}  // namespace ta::terminal
