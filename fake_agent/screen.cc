// Layout of the fake agent's main screen per mode: the conversation, then a
// live region (working line, input box, footer) shaped like the real CLI:
//   codex:  "• Working (3s • esc to interrupt)", "› …", key hints, model line
//   claude: "✻ Thinking… (3s · esc to interrupt)", ╭─╮│ ❯ …│╰─╯, "? for shortcuts"
//   plain:  "working (3s, esc to interrupt)", "> …"
#include "fake_agent/screen.h"

#include <algorithm>

#include "fake_agent/text.h"

namespace ta::fake {

namespace {

constexpr int kMaxComposerRows = 8;

struct Prefixes {
  std::string first, rest;
};

Prefixes prefixes(Mode mode, Entry::Kind kind) {
  using K = Entry::Kind;
  switch (mode) {
    case Mode::codex:
      if (kind == K::user) return {"› ", "  "};
      if (kind == K::agent) return {"• ", "  "};
      if (kind == K::tool) return {"  └ ", "    "};
      if (kind == K::error) return {"■ ", "  "};
      break;
    case Mode::claude:
      if (kind == K::user) return {"> ", "  "};
      if (kind == K::agent) return {"⏺ ", "  "};
      if (kind == K::tool || kind == K::error) return {"  ⎿  ", "     "};
      break;
    case Mode::plain:
      if (kind == K::user) return {"[you] ", "      "};
      if (kind == K::agent) return {"[agent] ", "        "};
      if (kind == K::tool) return {"  | ", "  | "};
      if (kind == K::error) return {"[error] ", "        "};
      break;
  }
  return {"", ""};
}

void append_prefixed(std::vector<std::string>& out, const std::string& text, const Prefixes& p,
                     int width) {
  int w = std::max(width - display_width(p.first), 10);
  auto rows = wrap(printable(text), w);
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.push_back((i == 0 ? p.first : p.rest) + rows[i]);
}

std::vector<std::string> history_lines(const Options& o, const ScreenState& s, int width) {
  std::vector<std::string> out;
  if (!s.history) return out;
  for (const auto& e : *s.history) {
    if (!out.empty()) out.push_back("");
    if (e.kind == Entry::Kind::verbatim) {
      for (auto& l : wrap(e.text, 100000)) out.push_back(l);
      continue;
    }
    append_prefixed(out, e.text, prefixes(o.mode, e.kind), width);
  }
  return out;
}

// The input box's rows, the last kMaxComposerRows of them.
std::vector<std::string> composer_rows(const std::string& text, int width) {
  auto rows = wrap(printable(text), std::max(width, 10));
  if (rows.size() > kMaxComposerRows) rows.erase(rows.begin(), rows.end() - kMaxComposerRows);
  return rows;
}

struct Live {
  std::vector<std::string> lines;
  int cursor_row = 0;  // within `lines`
  int cursor_col = 0;
};

Live codex_live(const Options& o, const ScreenState& s, int width) {
  Live l;
  l.lines.push_back("");
  if (s.working) {
    l.lines.push_back("• Working (" + std::to_string(s.working_seconds) + "s • esc to interrupt)");
    l.lines.push_back("");
  }
  auto rows = composer_rows(s.composer, width - 2);
  for (std::size_t i = 0; i < rows.size(); ++i) l.lines.push_back((i == 0 ? "› " : "  ") + rows[i]);
  l.cursor_row = static_cast<int>(l.lines.size()) - 1;
  l.cursor_col = 2 + display_width(rows.back());
  l.lines.push_back("");
  l.lines.push_back(s.hint.empty() ? "  ⏎ send   ⌃J newline   ⌃T transcript   ⌃C quit"
                                   : "  " + s.hint);
  l.lines.push_back("  " + o.model + " medium · " + o.cwd);
  return l;
}

Live claude_live(const Options& o, const ScreenState& s, int width) {
  Live l;
  l.lines.push_back("");
  if (s.working) {
    l.lines.push_back("✻ Thinking… (" + std::to_string(s.working_seconds) +
                      "s · esc to interrupt)");
    l.lines.push_back("");
  }
  bool boxed = o.claude_style == ClaudeStyle::box;
  int inner = boxed ? width - 4 : width;  // "│ " … " │"
  auto rows = composer_rows(s.composer, inner - 2);
  // Claude Code draws an empty prompt as "❯" and a no-break space.
  std::string first_prefix = s.composer.empty() && !boxed ? "❯\u00a0" : "❯ ";
  l.lines.push_back(boxed ? "╭" + repeat("─", width - 2) + "╮" : repeat("─", width));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::string row = (i == 0 ? first_prefix : "  ") + rows[i];
    l.lines.push_back(boxed ? "│ " + pad_to_width(row, inner) + " │" : row);
  }
  l.cursor_row = static_cast<int>(l.lines.size()) - 1;
  l.cursor_col = (boxed ? 2 : 0) + 2 + display_width(rows.back());
  l.lines.push_back(boxed ? "╰" + repeat("─", width - 2) + "╯" : repeat("─", width));
  l.lines.push_back(s.hint.empty() ? "  ? for shortcuts" : "  " + s.hint);
  return l;
}

Live plain_live(const ScreenState& s, int width) {
  Live l;
  if (s.working)
    l.lines.push_back("working (" + std::to_string(s.working_seconds) + "s, esc to interrupt)");
  if (!s.hint.empty()) l.lines.push_back(s.hint);
  auto rows = composer_rows(s.composer, width - 2);
  for (std::size_t i = 0; i < rows.size(); ++i) l.lines.push_back((i == 0 ? "> " : "  ") + rows[i]);
  l.cursor_row = static_cast<int>(l.lines.size()) - 1;
  l.cursor_col = 2 + display_width(rows.back());
  return l;
}

// The approval prompt stands where the working line and the input box were.
Live approval_live(const Options& o, const ScreenState& s, int width) {
  Live l;
  l.lines = approval_lines(o, s.approval, width);
  l.cursor_row = static_cast<int>(l.lines.size()) - 1;
  return l;
}

}  // namespace

Frame render(const Options& o, const ScreenState& s, int width, int height) {
  width = std::max(width, 20);
  height = std::max(height, 3);
  Frame f;
  if (s.phase != Phase::ready) {
    for (auto& line : prompt_lines(o, s.phase, s.selection, width))
      f.lines.push_back(printable(line));  // the trust path comes from outside
    f.cursor_row = static_cast<int>(f.lines.size()) - 1;
  } else {
    Live live = s.approval >= 0          ? approval_live(o, s, width)
                : o.mode == Mode::codex  ? codex_live(o, s, width)
                : o.mode == Mode::claude ? claude_live(o, s, width)
                                         : plain_live(s, width);
    f.lines = history_lines(o, s, width);
    int offset = static_cast<int>(f.lines.size());
    f.lines.insert(f.lines.end(), live.lines.begin(), live.lines.end());
    f.cursor_row = offset + live.cursor_row;
    f.cursor_col = live.cursor_col;
  }
  // Like a terminal that scrolled: only the last `height` rows are visible.
  if (static_cast<int>(f.lines.size()) > height) {
    int drop = static_cast<int>(f.lines.size()) - height;
    f.lines.erase(f.lines.begin(), f.lines.begin() + drop);
    f.cursor_row = std::max(0, f.cursor_row - drop);
  }
  for (auto& line : f.lines) line = truncate_to_width(line, width);
  f.cursor_col = std::min(f.cursor_col, width - 1);
  return f;
}

}  // namespace ta::fake
